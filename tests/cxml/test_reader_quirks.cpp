// The real-world quirks the forgiving reader accepts, one test case each.
#include "cxml/parse.hpp"
#include "tests/cxml/support.hpp"

#include <string>

#include <catch2/catch.hpp>

using namespace punchout::cxml;
using punchout::cxml::test::corpus;
using punchout::cxml::test::read_file;

namespace {

const std::string header = R"(<Header>
  <From><Credential domain="NetworkID"><Identity>AN01000000001</Identity></Credential></From>
  <To><Credential domain="DUNS"><Identity>123456789</Identity></Credential></To>
  <Sender><Credential domain="NetworkID"><Identity>AN01000000001</Identity>
    <SharedSecret>s3cret</SharedSecret></Credential><UserAgent>Test</UserAgent></Sender>
</Header>)";

std::string envelope(const std::string& body,
                     const std::string& timestamp = "2026-11-23T10:15:00+01:00") {
    return "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<cXML payloadID=\"1@test\" timestamp=\"" +
           timestamp + "\">\n" + header + "\n" + body + "\n</cXML>\n";
}

const std::string setup_body = R"(<Request><PunchOutSetupRequest operation="create">
  <BuyerCookie>c1</BuyerCookie>
  <BrowserFormPost><URL>https://buyer.example/return</URL></BrowserFormPost>
</PunchOutSetupRequest></Request>)";

const PunchOutSetupRequest& setup_of(const ParseResult& r) {
    return std::get<PunchOutSetupRequest>(std::get<Request>(r.value().body).payload);
}

bool has_deviation(const ParseResult& r, const std::string& part) {
    for (const auto& d : r.deviations()) {
        if (d.message.find(part) != std::string::npos)
            return true;
    }
    return false;
}

}  // namespace

TEST_CASE("quirk: children out of DTD order (Coupa sends Contact before BrowserFormPost)",
          "[reader][quirk]") {
    const auto r = parse(read_file(corpus("officeluv-cxml/punch_out_setup_request_doc_coupa.xml")));
    REQUIRE(r.ok());
    const auto& s = setup_of(r);
    CHECK(s.browser_form_post_url == "https://qa.coupahost.com/punchout/checkout/4");
    REQUIRE(s.contacts.size() == 1);
    CHECK(s.contacts[0].role == "endUser");
    CHECK(s.contacts[0].emails == std::vector<std::string>{"noah+jim@coupa.com"});
    CHECK(has_deviation(r, "<BrowserFormPost> comes after <Contact>"));

    // The same inline, deeper down: ItemDetail children shuffled.
    const auto inline_doc = parse(envelope(R"(<Message><PunchOutOrderMessage>
      <BuyerCookie>c1</BuyerCookie>
      <PunchOutOrderMessageHeader operationAllowed="edit"><Total><Money currency="EUR">5.00</Money></Total></PunchOutOrderMessageHeader>
      <ItemIn quantity="1"><ItemID><SupplierPartID>A</SupplierPartID></ItemID>
        <ItemDetail><UnitOfMeasure>EA</UnitOfMeasure><Description xml:lang="en">Pen</Description>
          <UnitPrice><Money currency="EUR">5.00</Money></UnitPrice>
          <Classification domain="UNSPSC">44121701</Classification></ItemDetail></ItemIn>
    </PunchOutOrderMessage></Message>)"));
    REQUIRE(inline_doc.ok());
    const auto& m =
        std::get<PunchOutOrderMessage>(std::get<Message>(inline_doc.value().body).payload);
    REQUIRE(m.items.size() == 1);
    CHECK(m.items[0].detail.unit_price.amount == *Decimal::parse("5"));
    CHECK(m.items[0].detail.unit_of_measure == "EA");
    CHECK(m.items[0].detail.descriptions.at(0).text == "Pen");
}

TEST_CASE("quirk: unknown elements and attributes are ignored, extrinsics kept",
          "[reader][quirk]") {
    const auto r = parse(envelope(R"(<Request deploymentMode="test" vendorFlag="x">
      <PunchOutSetupRequest operation="create" color="blue">
        <BuyerCookie>c1</BuyerCookie>
        <Extrinsic name="UserEmail">jane@buyer.example</Extrinsic>
        <VendorThing><Nested>deep</Nested></VendorThing>
        <Extrinsic name="CostCenter">CC-<b>42</b></Extrinsic>
        <BrowserFormPost><URL>https://buyer.example/return</URL></BrowserFormPost>
      </PunchOutSetupRequest></Request>)"));
    REQUIRE(r.ok());
    const auto& s = setup_of(r);
    REQUIRE(s.extrinsics.size() == 2);
    CHECK(s.extrinsics[0].name == "UserEmail");
    CHECK(s.extrinsics[0].value == "jane@buyer.example");
    CHECK(*find_extrinsic(s.extrinsics, "costcenter") == "CC-42");
    CHECK(s.browser_form_post_url == "https://buyer.example/return");
    CHECK(has_deviation(r, "unknown element <VendorThing>"));

    // The corpus case: an unknown attribute on Response.
    const auto resp =
        parse(read_file(corpus("officeluv-cxml/document_node_with_unknown_attribute.xml")));
    REQUIRE(resp.ok());
    CHECK(std::get<Response>(resp.value().body).status().code == 200);
    CHECK(std::get<Response>(resp.value().body).status().message == "123456");
}

TEST_CASE("quirk: timestamps with +0000 and -0500 offsets", "[reader][quirk]") {
    const auto a = parse(envelope(setup_body, "2008-05-19T18:29:48+0000"));
    REQUIRE(a.ok());
    CHECK(a.value().timestamp.time->format() == "2008-05-19T18:29:48+00:00");
    const auto b = parse(read_file(corpus("business-cxml/punchoutsetup1-request.xml")));
    REQUIRE(b.ok());
    CHECK(b.value().timestamp.time->offset() == std::chrono::minutes{-300});
    CHECK(b.value().timestamp.time->format() == "2018-01-01T00:00:00-05:00");
}

TEST_CASE("quirk: timestamps with Z", "[reader][quirk]") {
    const auto r = parse(read_file(corpus("officeluv-cxml/invoice_taxes_at_total.xml")));
    REQUIRE(r.ok());
    const auto z = parse(envelope(setup_body, "2010-12-22T19:03:37Z"));
    REQUIRE(z.ok());
    CHECK(z.value().timestamp.time->format() == "2010-12-22T19:03:37+00:00");
    CHECK(z.deviations().empty());
}

TEST_CASE("quirk: timestamps with no zone at all (Oracle)", "[reader][quirk]") {
    const auto r = parse(envelope(setup_body, "2024-03-05T14:30:00"));
    REQUIRE(r.ok());
    REQUIRE(r.value().timestamp.valid());
    CHECK_FALSE(r.value().timestamp.time->zone_given());
    CHECK(r.value().timestamp.time->format() == "2024-03-05T14:30:00+00:00");
    CHECK(has_deviation(r, "has no time zone; read as UTC"));
}

TEST_CASE("quirk: non-ISO timestamp 'Mon May 19 18:29:48 +0000 2008' (Coupa)", "[reader][quirk]") {
    const auto r = parse(read_file(corpus("officeluv-cxml/punch_out_setup_request_doc_coupa.xml")));
    REQUIRE(r.ok());
    REQUIRE(r.value().timestamp.valid());
    CHECK(r.value().timestamp.time->format() == "2008-05-19T18:29:48+00:00");
    CHECK(has_deviation(r, "is not ISO 8601"));
}

TEST_CASE("quirk: unparseable dates are kept as text, not lost", "[reader][quirk]") {
    const auto r =
        parse(read_file(corpus("officeluv-cxml/invoice_taxes_at_line_multiple_taxes.xml")));
    REQUIRE(r.ok());
    const auto& inv = std::get<InvoiceDetailRequest>(std::get<Request>(r.value().body).payload);
    CHECK_FALSE(inv.header.invoice_date.valid());
    CHECK(inv.header.invoice_date.text == "invoice_date");
    CHECK(has_deviation(r, "invoiceDate 'invoice_date'"));
}

TEST_CASE("quirk: NetworkID / NetworkId / networkid domains", "[reader][quirk]") {
    const auto r = parse(read_file(corpus("officeluv-cxml/punch_out_order_message_doc.xml")));
    REQUIRE(r.ok());
    const Header& h = r.value().header;
    CHECK(h.from.credentials.at(0).domain == "NetworkID");
    CHECK(h.to.credentials.at(0).domain == "NetworkId");  // kept as sent
    CHECK(domain_equals(h.from.credentials[0].domain, h.to.credentials[0].domain));
    REQUIRE(h.to.find("networkid") != nullptr);
    CHECK(h.to.find("networkid")->identity == "customerID");
}

TEST_CASE("quirk: test identities with -T / -t suffixes are kept as they are", "[reader][quirk]") {
    const auto r = parse(read_file(corpus("officeluv-cxml/punch_out_setup_request_doc_coupa.xml")));
    REQUIRE(r.ok());
    CHECK(r.value().header.from.credentials.at(0).identity == "coupa-t");
    const auto t =
        parse(read_file(punchout::cxml::test::fixture("ariba-network-setup-request.xml")));
    REQUIRE(t.ok());
    CHECK(t.value().header.from.find("NetworkID")->identity == "AN01000002779-T");
}

TEST_CASE("quirk: a root element spelled <cxml>", "[reader][quirk]") {
    const auto r = parse(read_file(corpus("officeluv-cxml/punch_out_order_message_doc.xml")));
    REQUIRE(r.ok());
    CHECK(document_type(r.value()) == DocumentType::punch_out_order_message);
    const auto& m = std::get<PunchOutOrderMessage>(std::get<Message>(r.value().body).payload);
    CHECK(m.buyer_cookie == "example_buyer_cookie");  // surrounding white space trimmed
    CHECK(m.header.total.amount == *Decimal::parse("5.35"));
    CHECK(has_deviation(r, "root element spelled <cxml>"));
}

TEST_CASE("quirk: a UTF-8 byte-order mark", "[reader][quirk]") {
    const std::string doc = "\xEF\xBB\xBF" + envelope(setup_body);
    const auto r = parse(doc);
    REQUIRE(r.ok());
    CHECK(setup_of(r).buyer_cookie == "c1");
    // Locations still count from the start of the input, BOM included.
    const auto bad = parse("\xEF\xBB\xBF<cXML payloadID=\"x\"><Header>");
    REQUIRE_FALSE(bad.ok());
    CHECK(bad.error().where.line == 1);
}

TEST_CASE("quirk: a DOCTYPE naming any 1.2.0xx version, any module, or none", "[reader][quirk]") {
    for (const char* doctype :
         {"<!DOCTYPE cXML SYSTEM \"http://xml.cxml.org/schemas/cXML/1.2.014/cXML.dtd\">",
          "<!DOCTYPE cXML SYSTEM \"http://xml.cXML.org/schemas/cXML/1.2.060/Custom.dtd\">",
          "<!DOCTYPE cXML SYSTEM \"http://xml.cxml.org/schemas/cXML/1.2.071/Fulfill.dtd\">",
          "<!DOCTYPE cXML PUBLIC \"-//cXML//DTD\" \"cXML.dtd\">", ""}) {
        INFO(doctype);
        const std::string env = envelope(setup_body);
        const std::string doc =
            env.substr(0, env.find('\n') + 1) + doctype + "\n" + env.substr(env.find('\n') + 1);
        const auto r = parse(doc);
        REQUIRE(r.ok());
        CHECK(setup_of(r).buyer_cookie == "c1");
    }
    const auto custom = parse(read_file(corpus("cxml-php/handling-order_request.xml")));
    REQUIRE(custom.ok());
    CHECK(has_deviation(custom, "DOCTYPE names Custom.dtd"));
}

TEST_CASE("quirk: several sibling From and To credentials (Ariba)", "[reader][quirk]") {
    const auto r =
        parse(read_file(punchout::cxml::test::fixture("ariba-network-setup-request.xml")));
    REQUIRE(r.ok());
    const Header& h = r.value().header;
    REQUIRE(h.from.credentials.size() == 3);
    CHECK(h.from.credentials[1].domain == "DUNS");
    REQUIRE(h.to.credentials.size() == 2);
    CHECK(h.sender.credentials.at(0).identity == "sysadmin@ariba.com");
}

TEST_CASE("quirk: an OrderRequest Payment that is not a PCard", "[reader][quirk]") {
    const auto r = parse(read_file(corpus("cxml-php/handling-order_request.xml")));
    REQUIRE(r.ok());
    const auto& o = std::get<OrderRequest>(std::get<Request>(r.value().body).payload);
    CHECK_FALSE(o.header.pcard.has_value());
    CHECK(o.header.requested_delivery_date->time->format() == "2025-01-28T23:00:00+00:00");
    CHECK(o.header.ship_to->address.postal_address->extrinsics.at(0).value == "+49121255566");
    CHECK(has_deviation(r, "<Payment> without <PCard>"));
}

TEST_CASE("quirk: comments inside credentials", "[reader][quirk]") {
    const auto r = parse(read_file(corpus("officeluv-cxml/envelope2.xml")));
    REQUIRE(r.ok());
    CHECK(r.value().header.from.credentials.at(0).identity == "sender@sendercompany.com");
    CHECK(r.value().header.from.credentials.at(0).domain == "AribaNetworkUserId");
}

TEST_CASE("quirk: an empty Money reads as 0 with a deviation", "[reader][quirk]") {
    const auto r = parse(read_file(corpus("officeluv-cxml/invoice_taxes_at_total.xml")));
    REQUIRE(r.ok());
    const auto& inv = std::get<InvoiceDetailRequest>(std::get<Request>(r.value().body).payload);
    CHECK(inv.summary.net_amount.amount.is_zero());
    CHECK(inv.summary.net_amount.currency == "USD");
    CHECK(has_deviation(r, "empty <Money> read as 0"));
}

TEST_CASE("a bare ItemIn fragment reads on its own (CDATA, shuffled children)", "[reader][quirk]") {
    const std::string text = read_file(corpus("officeluv-cxml/item_in.xml"));
    const auto item = parse_item_in(text);
    REQUIRE(item.ok());
    CHECK(item.value().quantity == Decimal(1));
    CHECK(item.value().item_id.supplier_part_id == "ACC8000160K");
    CHECK(item.value().item_id.supplier_part_auxiliary_id == "lkajsdflsdf");
    CHECK(item.value().detail.descriptions.at(0).text == "AGENDA MAGAZINE RACK A4 CHARCOAL 25990");
    CHECK(item.value().detail.unit_price.amount == *Decimal::parse("5.35"));
    CHECK(item.value().detail.unit_price.currency == "GBP");
    CHECK(item.value().detail.classifications.at(0).value == "44000000");
    // As a whole document it is not cXML.
    const auto whole = parse(text);
    REQUIRE_FALSE(whole.ok());
    CHECK(whole.error().kind == ParseErrorKind::not_cxml);
}
