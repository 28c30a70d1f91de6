// The cart going back: the PunchOutOrderMessage built from cart lines, and the OCI fields.
#include "cxml/oci_cart.hpp"
#include "cxml/parse.hpp"
#include "cxml/write.hpp"
#include "gateway/storefront/cart_message.hpp"
#include "gateway/storefront/cart_totals.hpp"
#include "gateway/storefront/oci_cart_items.hpp"
#include "tests/cxml/support.hpp"

#include <catch2/catch.hpp>

using namespace punchout;
using namespace punchout::gateway::storefront;
using catalog::Amount;

namespace {

Amount units(std::int64_t whole, std::int64_t ten_thousandths = 0) {
    return Amount::from_units(whole * Amount::scale + ten_thousandths);
}

catalog::Buyer buyer() {
    catalog::Buyer b;
    b.id = "acme";
    b.name = "ACME";
    b.default_currency = "EUR";
    b.unit_map = {{"EA", "ST"}, {"PK", "PAK"}};
    b.credentials = {{"NetworkID", "AN01000000087"}};
    return b;
}

catalog::PunchoutSession session(catalog::SessionOperation op = catalog::SessionOperation::create) {
    catalog::PunchoutSession s;
    s.id = 7;
    s.operation = op;
    s.buyer_cookie = "cookie <&> 42";
    s.return_url = "https://buyer.example/return";
    s.deployment_mode = catalog::DeploymentMode::test;
    s.cxml_version = "1.2.060";
    s.buyer_credential = {"NetworkID", "AN01000000087"};
    return s;
}

MessageParties parties() {
    MessageParties p;
    p.from.domain = "DUNS";
    p.from.identity = "555000111";
    p.from.shared_secret = "must-not-travel";
    p.to.domain = "NetworkID";
    p.to.identity = "AN01000000087";
    p.user_agent = "punchout-gateway test";
    p.host = "supplier.example";
    return p;
}

MessageLine bolt_line() {
    MessageLine l;
    l.line.token = "L0123456789ABCDEF";
    l.line.sku = "HB-M8-40";
    l.line.known = true;
    l.line.quantity = units(3);
    l.line.unit_price = units(12, 5000);
    l.line.currency = "EUR";
    l.line.price_basis_quantity = units(100);
    l.line.uom = "PK";
    l.line.description = "Hex bolt M8 x 40, DIN 933 <zinc> & \"8.8\"";
    l.line.buyer_part_id = "ACME-77";
    catalog::Product p;
    p.sku = "HB-M8-40";
    p.description = l.line.description;
    p.short_name = "Hex bolt M8x40";
    p.long_description = "Zinc-plated steel.";
    p.unspsc = "31161500";
    p.uom = "PK";
    p.price_basis_quantity = units(100);
    p.manufacturer = "Nordbolt";
    p.manufacturer_part = "NB-933-0840";
    p.lead_time_days = 3;
    l.product = p;
    return l;
}

MessageLine drill_line() {
    MessageLine l;
    l.line.token = "LZZZZZZZZZZZZZZZZ";
    l.line.sku = "CD-18V";
    l.line.known = true;
    l.line.quantity = units(2);
    l.line.unit_price = units(149);
    l.line.currency = "EUR";
    l.line.uom = "EA";
    l.line.description = "Cordless drill 18 V";
    catalog::Product p;
    p.sku = "CD-18V";
    p.description = l.line.description;
    p.unspsc = "27112700";
    p.uom = "EA";
    p.manufacturer = "Kestrel Tools";
    p.manufacturer_part = "KT-DR18";
    l.product = p;
    return l;
}

const cxml::PunchOutOrderMessage& poom_of(const cxml::Document& doc) {
    return std::get<cxml::PunchOutOrderMessage>(std::get<cxml::Message>(doc.body).payload);
}

void require_valid(const cxml::Document& doc, const std::string& version = "1.2.071") {
    cxml::WriteOptions options;
    options.version = version;
    const auto text = cxml::write(doc, options);
    const auto v = cxml::test::validate(text, "cXML.dtd");
    REQUIRE(v.ran);
    INFO(text << "\n" << v.output);
    CHECK(v.valid);
}

}  // namespace

TEST_CASE("cart totals add the line amounts per currency", "[storefront][totals]") {
    std::vector<catalog::CartLine> lines{bolt_line().line, drill_line().line};
    lines.back().currency = "USD";
    auto totals = totals_by_currency(lines);
    REQUIRE(totals);
    REQUIRE(totals->size() == 2);
    CHECK(totals->at(0).currency == "EUR");
    CHECK(totals->at(0).total == Amount::from_units(3750));
    CHECK(totals->at(1).total == units(298));
}

TEST_CASE("a cart becomes a DTD-valid PunchOutOrderMessage", "[storefront][poom]") {
    const auto b = buyer();
    const auto s = session();
    const auto msg = build_cart_message(s, b, parties(), cxml::PunchOutOperation::edit,
                                        {bolt_line(), drill_line()});
    const auto& doc = msg.document;
    require_valid(doc);
    require_valid(doc, message_version(s));

    // Header: from us, to the buyer's credential, Sender us without any secret.
    REQUIRE(doc.header.from.credentials.size() == 1);
    CHECK(doc.header.from.credentials[0].identity == "555000111");
    CHECK(doc.header.to.credentials[0].identity == "AN01000000087");
    CHECK(doc.header.sender.credentials[0].identity == "555000111");
    CHECK_FALSE(doc.header.sender.credentials[0].shared_secret);
    CHECK(doc.header.sender.user_agent == "punchout-gateway test");
    const auto text = cxml::write(doc);
    CHECK(text.find("must-not-travel") == std::string::npos);
    CHECK(text.find("SharedSecret") == std::string::npos);
    CHECK(doc.payload_id.find("@supplier.example") != std::string::npos);
    CHECK(std::get<cxml::Message>(doc.body).deployment_mode == cxml::DeploymentMode::test);

    const auto& poom = poom_of(doc);
    CHECK(poom.buyer_cookie == "cookie <&> 42");
    CHECK(poom.header.operation_allowed == cxml::PunchOutOperation::edit);
    CHECK(poom.header.total.amount == cxml::Decimal::parse("298.375").value());
    CHECK(poom.header.total.currency == "EUR");
    REQUIRE(poom.items.size() == 2);

    const auto& bolt = poom.items[0];
    CHECK(bolt.quantity == cxml::Decimal(3));
    CHECK(bolt.line_number == 1u);
    CHECK(bolt.item_id.supplier_part_id == "HB-M8-40");
    CHECK(bolt.item_id.supplier_part_auxiliary_id == "L0123456789ABCDEF");
    CHECK(bolt.item_id.buyer_part_id == "ACME-77");
    CHECK(bolt.detail.unit_price.amount == cxml::Decimal::parse("12.5").value());
    CHECK(bolt.detail.unit_price.amount.to_string() == "12.50");
    CHECK(bolt.detail.unit_price.currency == "EUR");
    CHECK(bolt.detail.unit_of_measure == "PAK");  // the buyer's code
    REQUIRE(bolt.detail.price_basis_quantity);
    CHECK(bolt.detail.price_basis_quantity->quantity == cxml::Decimal(100));
    CHECK(bolt.detail.price_basis_quantity->unit_of_measure == "PAK");
    REQUIRE(bolt.detail.classifications.size() == 1);
    CHECK(bolt.detail.classifications[0].domain == "UNSPSC");
    CHECK(bolt.detail.classifications[0].value == "31161500");
    CHECK(bolt.detail.manufacturer_name == "Nordbolt");
    CHECK(bolt.detail.manufacturer_part_id == "NB-933-0840");
    CHECK(bolt.detail.lead_time == "3");
    REQUIRE(bolt.detail.descriptions.size() == 1);
    CHECK(bolt.detail.descriptions[0].text == "Hex bolt M8 x 40, DIN 933 <zinc> & \"8.8\"");
    CHECK(bolt.detail.descriptions[0].short_name == "Hex bolt M8x40");

    const auto& drill = poom.items[1];
    CHECK(drill.detail.unit_of_measure == "ST");
    CHECK_FALSE(drill.detail.price_basis_quantity);  // 1: not written
    CHECK(drill.detail.lead_time.empty());

    // What orders are later checked against.
    REQUIRE(msg.transferred.size() == 2);
    CHECK(msg.transferred[0].token == "L0123456789ABCDEF");
    CHECK(msg.transferred[0].uom == "PK");
    CHECK(msg.transferred[0].uom_sent == "PAK");
    CHECK(msg.transferred[0].price_basis_quantity == units(100));
    CHECK(msg.transferred[0].description == bolt.detail.descriptions[0].text);
    CHECK(msg.total == Amount::from_units(2983750));
    CHECK(msg.currency == "EUR");

    // The written document reads back to the same message.
    auto back = cxml::parse(text);
    REQUIRE(back);
    CHECK(poom_of(back.value()) == poom);
}

TEST_CASE("an empty cart is a valid message with a zero total", "[storefront][poom]") {
    const auto msg =
        build_cart_message(session(), buyer(), parties(), cxml::PunchOutOperation::create, {});
    require_valid(msg.document);
    const auto& poom = poom_of(msg.document);
    CHECK(poom.items.empty());
    CHECK(poom.header.total.amount.is_zero());
    CHECK(poom.header.total.currency == "EUR");
    CHECK(msg.transferred.empty());
}

TEST_CASE("a line not in our catalog goes back with the buyer's own details",
          "[storefront][poom]") {
    MessageLine foreign;
    foreign.line.token = "their-line-1";
    foreign.line.sku = "XYZ-1";
    foreign.line.known = false;
    foreign.line.quantity = units(4);
    foreign.line.unit_price = units(5);
    foreign.line.currency = "EUR";
    foreign.line.flag = catalog::CartLineFlag::unknown_part;
    CHECK_FALSE(line_problem(foreign).empty());  // no details: cannot go back

    cxml::ItemDetail detail;
    detail.unit_price = {cxml::Decimal(5), "EUR", {}, {}};
    detail.descriptions.push_back({"Their widget", "", "en", ""});
    detail.unit_of_measure = "ST";
    foreign.original = detail;
    CHECK_FALSE(line_problem(foreign).empty());  // no Classification: the DTD needs one
    foreign.original->classifications.push_back({"UNSPSC", "", "99999999"});
    CHECK(line_problem(foreign).empty());

    const auto msg =
        build_cart_message(session(), buyer(), parties(), cxml::PunchOutOperation::edit, {foreign});
    require_valid(msg.document);
    const auto& item = poom_of(msg.document).items.at(0);
    CHECK(item.detail.unit_of_measure == "ST");
    CHECK(item.detail.descriptions.at(0).text == "Their widget");
    CHECK(item.quantity == cxml::Decimal(4));
    CHECK(msg.transferred.at(0).uom == "EA");  // ST maps back to our EA
}

TEST_CASE("cancelling an edit sends the original ItemOut lines back unchanged",
          "[storefront][poom]") {
    const std::string request = R"(<?xml version="1.0"?>
<cXML payloadID="p1@buyer" timestamp="2026-01-01T10:00:00+00:00">
<Header><From><Credential domain="NetworkID"><Identity>AN01000000087</Identity></Credential></From>
<To><Credential domain="DUNS"><Identity>555000111</Identity></Credential></To>
<Sender><Credential domain="NetworkID"><Identity>AN01000000087</Identity><SharedSecret>s</SharedSecret></Credential><UserAgent>t</UserAgent></Sender></Header>
<Request><PunchOutSetupRequest operation="edit"><BuyerCookie>c2</BuyerCookie>
<BrowserFormPost><URL>https://buyer.example/return</URL></BrowserFormPost>
<ItemOut quantity="5" lineNumber="10"><ItemID><SupplierPartID>HB-M8-40</SupplierPartID><SupplierPartAuxiliaryID>L0123456789ABCDEF</SupplierPartAuxiliaryID></ItemID>
<ItemDetail><UnitPrice><Money currency="EUR">11.00</Money></UnitPrice><Description xml:lang="en">As they have it</Description><UnitOfMeasure>PAK</UnitOfMeasure><Classification domain="UNSPSC">31161500</Classification></ItemDetail></ItemOut>
<ItemOut quantity="1" lineNumber="20"><ItemID><SupplierPartID>CD-18V</SupplierPartID><SupplierPartAuxiliaryID>LZZZZZZZZZZZZZZZZ</SupplierPartAuxiliaryID></ItemID></ItemOut>
</PunchOutSetupRequest></Request></cXML>)";
    auto parsed = cxml::parse(request);
    REQUIRE(parsed);
    const auto& setup =
        std::get<cxml::PunchOutSetupRequest>(std::get<cxml::Request>(parsed.value().body).payload);
    const auto s = session(catalog::SessionOperation::edit);
    // The cart meanwhile has other quantities: they do not go back.
    auto changed = bolt_line();
    changed.line.quantity = units(99);
    const auto msg = build_original_message(s, buyer(), parties(), cxml::PunchOutOperation::edit,
                                            setup, {changed, drill_line()});
    require_valid(msg.document);
    const auto& poom = poom_of(msg.document);
    REQUIRE(poom.items.size() == 2);
    CHECK(poom.items[0].quantity == cxml::Decimal(5));
    CHECK(poom.items[0].line_number == 10u);
    CHECK(poom.items[0].item_id == setup.items[0].item_id);
    CHECK(poom.items[0].detail == *setup.items[0].detail);
    // The second had no ItemDetail (ItemIn needs one): our cart line's details fill it.
    CHECK(poom.items[1].item_id.supplier_part_auxiliary_id == "LZZZZZZZZZZZZZZZZ");
    CHECK(poom.items[1].detail.unit_of_measure == "ST");
    CHECK(poom.items[1].detail.classifications.at(0).value == "27112700");
    CHECK(poom.header.total.amount == cxml::Decimal::parse("204").value());  // 5 x 11 + 149
    REQUIRE(msg.transferred.size() == 2);
    CHECK(msg.transferred[0].quantity == units(5));
    CHECK(msg.transferred[0].uom == "PK");
}

TEST_CASE("OCI fields for a cart line", "[storefront][oci]") {
    auto line = bolt_line();
    const auto item = oci_item_for(line, buyer(), 1);
    CHECK(item.description == "Hex bolt M8x40");
    CHECK(item.quantity == cxml::Decimal(3));
    CHECK(item.unit == "PAK");
    CHECK(item.price == cxml::Decimal::parse("12.5").value());
    CHECK(item.price_unit == cxml::Decimal(100));
    CHECK(item.currency == "EUR");
    CHECK(item.leadtime == "3");
    CHECK(item.vendormat == "HB-M8-40");
    CHECK(item.ext_product_id == "L0123456789ABCDEF");
    CHECK(item.manufactcode == "Nordbolt");
    CHECK(item.manufactmat == "NB-933-0840");
    CHECK(item.matgroup == "31161500");
    CHECK(item.ext_schema_type == "UNSPSC");
    CHECK(item.matnr == "ACME-77");
    CHECK(item.longtext == "Hex bolt M8 x 40, DIN 933 <zinc> & \"8.8\"\n\nZinc-plated steel.");

    auto drill = drill_line();
    const auto form = cxml::encode_oci(oci_items_for({line, drill}, buyer()));
    auto field = [&](const std::string& name) -> std::string {
        for (const auto& f : form.fields) {
            if (f.name == name)
                return f.value;
        }
        return "<missing>";
    };
    CHECK(field("NEW_ITEM-DESCRIPTION[1]") == "Hex bolt M8x40");
    CHECK(field("NEW_ITEM-QUANTITY[2]") == "2");
    CHECK(field("NEW_ITEM-UNIT[2]") == "ST");
    CHECK(field("NEW_ITEM-PRICE[2]") == "149");
    CHECK(field("NEW_ITEM-PRICEUNIT[1]") == "100");
    CHECK(field("NEW_ITEM-MANUFACTCODE[2]") == "Kestrel To");  // cut to the OCI length (10)
    CHECK(field("NEW_ITEM-EXT_PRODUCT_ID[2]") == "LZZZZZZZZZZZZZZZZ");
    CHECK(field("NEW_ITEM-LONGTEXT_1:132[]").find("Zinc-plated") != std::string::npos);
}
