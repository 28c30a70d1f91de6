#include "catalog/invoice_totals.hpp"
#include "cxml/parse.hpp"
#include "gateway/service/document_builder.hpp"
#include "tests/cxml/support.hpp"

#include <catch2/catch.hpp>

using namespace punchout;
using namespace punchout::gateway;
using catalog::Amount;

namespace {

Amount a(const char* text) {
    return *Amount::parse(text);
}

// The Ariba-routed order fixture as the intake stored it: two lines, test mode.
struct Fixture {
    SupplierIdentity supplier;
    catalog::Buyer buyer;
    catalog::Order order;

    Fixture() {
        supplier.name = "Test Supplier Oy";
        supplier.credentials = {{"NetworkID", "AN01000000321-T"}, {"DUNS", "555000111"}};
        supplier.outbound_secret = "out-s3cret&<";
        buyer.id = "buyer-gmbh";
        buyer.name = "Buyer GmbH";
        buyer.credentials = {{"DUNS", "123456789-T"}, {"NetworkID", "AN01000002779-T"}};
        buyer.cxml_version = "1.2.060";
        order.pk = 7;
        order.order_id = "4500012345";
        order.order_date = "2026-11-23T10:38:12-08:00";
        order.currency = "EUR";
        order.total = a("187.50");
        order.deployment_mode = catalog::DeploymentMode::test;
        order.payload_id = "1732380000456.2207.9d1c@prod.ariba.example";
        order.document =
            cxml::test::read_file(cxml::test::fixture("ariba-network-order-request.xml"));
        order.lines = {line(1, "HB-M8-40", "10", "12.50", "PK"),
                       line(2, "CD-18V", "2", "31.25", "EA")};
    }
    static catalog::OrderLine line(int n, const char* sku, const char* qty, const char* price,
                                   const char* uom) {
        catalog::OrderLine l;
        l.line_number = n;
        l.sku = sku;
        l.token = "L0000000000000" + std::to_string(n) + "AB";
        l.quantity = a(qty);
        l.unit_price = a(price);
        l.currency = "EUR";
        l.uom = uom;
        l.description = std::string("Item ") + sku;
        return l;
    }
};

// Written, valid against its DTD module, and read back.
cxml::Document checked(const DocumentBuilder& b, const cxml::Document& doc,
                       const std::string& module) {
    const std::string text = b.write(doc);
    INFO(text);
    auto v = cxml::test::validate(text, module);
    REQUIRE(v.ran);
    INFO(v.output);
    CHECK(v.valid);
    CHECK(text.find("/1.2.060/" + module + "\"") != std::string::npos);
    auto back = cxml::parse(text);
    REQUIRE(back);
    return back.value();
}

}  // namespace

TEST_CASE("outbound header: From us, To the buyer as its order named it, Sender with our secret") {
    Fixture f;
    DocumentBuilder b(f.supplier, f.buyer, f.order);
    const auto& h = b.header();
    REQUIRE(h.from.credentials.size() == 1);
    CHECK(h.from.credentials[0].domain == "NetworkID");
    CHECK(h.from.credentials[0].identity == "AN01000000321-T");
    CHECK_FALSE(h.from.credentials[0].shared_secret);
    // The order's From order (NetworkID first), not the admin's.
    REQUIRE(h.to.credentials.size() == 2);
    CHECK(h.to.credentials[0].domain == "NetworkID");
    CHECK(h.to.credentials[0].identity == "AN01000002779-T");
    CHECK(h.to.credentials[1].identity == "123456789-T");
    REQUIRE(h.sender.credentials.size() == 1);
    CHECK(h.sender.credentials[0].shared_secret == "out-s3cret&<");
    CHECK(h.sender.user_agent.find("punchout-gateway") == 0);

    // Without a readable stored order: the buyer's first credential.
    f.order.document = "not xml";
    DocumentBuilder fallback(f.supplier, f.buyer, f.order);
    REQUIRE(fallback.header().to.credentials.size() == 1);
    CHECK(fallback.header().to.credentials[0].identity == "123456789-T");
}

TEST_CASE("a buyer's own supplier identity and secret replace the gateway's, -T in test mode") {
    Fixture f;
    f.buyer.outbound_credential = {"NetworkID", "AN01000000321"};
    f.buyer.outbound_test_identity = "AN01000000321-T";
    f.buyer.outbound_secret = "coupa-customer-secret";
    f.order.deployment_mode = catalog::DeploymentMode::production;
    DocumentBuilder prod(f.supplier, f.buyer, f.order);
    CHECK(prod.header().from.credentials.at(0).identity == "AN01000000321");
    CHECK(prod.header().sender.credentials.at(0).identity == "AN01000000321");
    CHECK(prod.header().sender.credentials.at(0).shared_secret == "coupa-customer-secret");
    f.order.deployment_mode = catalog::DeploymentMode::test;
    DocumentBuilder test(f.supplier, f.buyer, f.order);
    CHECK(test.header().from.credentials.at(0).identity == "AN01000000321-T");
    CHECK(test.header().sender.credentials.at(0).identity == "AN01000000321-T");
    // A buyer with an identity but no secret of its own gets the gateway's secret.
    f.buyer.outbound_secret.clear();
    DocumentBuilder shared(f.supplier, f.buyer, f.order);
    CHECK(shared.header().sender.credentials.at(0).shared_secret == "out-s3cret&<");
}

TEST_CASE("ConfirmationRequest: accept without items, detail per line (Fulfill.dtd)") {
    Fixture f;
    DocumentBuilder b(f.supplier, f.buyer, f.order);
    catalog::Confirmation accept;
    accept.confirm_id = "CNF-000001";
    accept.type = catalog::ConfirmationType::accept;
    auto doc = checked(b, b.confirmation(accept, catalog::from_unix(1795000000)), "Fulfill.dtd");
    CHECK(cxml::document_type(doc) == cxml::DocumentType::confirmation_request);
    CHECK(cxml::deployment_mode(doc) == cxml::DeploymentMode::test);
    const auto& r = std::get<cxml::ConfirmationRequest>(std::get<cxml::Request>(doc.body).payload);
    CHECK(r.header.type == cxml::ConfirmationType::accept);
    CHECK(r.items.empty());
    CHECK(r.order_reference.order_id == "4500012345");
    CHECK(r.order_reference.document_payload_id == f.order.payload_id);

    catalog::Confirmation detail;
    detail.confirm_id = "CNF-000002";
    detail.type = catalog::ConfirmationType::all_detail;
    detail.comment = "Drills follow in March";
    detail.parts = {{1, a("10"), catalog::LineStatus::accept, ""},
                    {2, a("1"), catalog::LineStatus::accept, "2026-02-01"},
                    {2, a("1"), catalog::LineStatus::backordered, "2026-03-15"}};
    auto d = checked(
        b, b.confirmation(detail, catalog::from_unix(1795000000), cxml::DocumentOperation::update),
        "Fulfill.dtd");
    const auto& c = std::get<cxml::ConfirmationRequest>(std::get<cxml::Request>(d.body).payload);
    CHECK(c.header.operation == cxml::DocumentOperation::update);
    CHECK(c.header.type == cxml::ConfirmationType::all_detail);
    REQUIRE(c.items.size() == 2);
    CHECK(c.items[1].line_number == 2);
    CHECK(c.items[1].quantity.to_string() == "2");
    REQUIRE(c.items[1].statuses.size() == 2);
    CHECK(c.items[1].statuses[1].type == cxml::ConfirmationStatusType::backordered);
    REQUIRE(c.items[1].statuses[1].delivery_date);
    CHECK(c.items[1].statuses[1].delivery_date->to_string().rfind("2026-03-15", 0) == 0);
    REQUIRE(c.header.comments.size() == 1);
    CHECK(c.header.comments[0].text == "Drills follow in March");

    catalog::Confirmation reject;
    reject.confirm_id = "CNF-000003";
    reject.type = catalog::ConfirmationType::reject;
    checked(b, b.confirmation(reject, catalog::from_unix(1795000000)), "Fulfill.dtd");
}

TEST_CASE("a rejected line carries the reason as its own Comments (Coupa reads it there)") {
    Fixture f;
    DocumentBuilder b(f.supplier, f.buyer, f.order);
    catalog::Confirmation c;
    c.confirm_id = "CNF-000004";
    c.type = catalog::ConfirmationType::all_detail;
    c.comment = "Drill discontinued";
    c.parts = {{1, a("10"), catalog::LineStatus::accept, ""},
               {2, a("2"), catalog::LineStatus::reject, ""}};
    auto d = checked(b, b.confirmation(c, catalog::from_unix(1795000000)), "Fulfill.dtd");
    const auto& r = std::get<cxml::ConfirmationRequest>(std::get<cxml::Request>(d.body).payload);
    REQUIRE(r.items.size() == 2);
    REQUIRE(r.items[0].statuses.size() == 1);
    CHECK(r.items[0].statuses[0].comments.empty());
    REQUIRE(r.items[1].statuses.size() == 1);
    CHECK(r.items[1].statuses[0].type == cxml::ConfirmationStatusType::reject);
    REQUIRE(r.items[1].statuses[0].comments.size() == 1);
    CHECK(r.items[1].statuses[0].comments[0].text == "Drill discontinued");
    REQUIRE(r.header.comments.size() == 1);
}

TEST_CASE("ShipNoticeRequest names carrier, tracking and shipped lines (Fulfill.dtd)") {
    Fixture f;
    DocumentBuilder b(f.supplier, f.buyer, f.order);
    catalog::Shipment s;
    s.shipment_id = "SHP-000001";
    s.carrier = "DHL Express";
    s.tracking = "JD014600003828";
    s.tracking_url = "https://track.example/?id=JD014600003828&x=1";
    s.delivery_date = "2026-11-28";
    s.shipped_at = catalog::from_unix(1795000000);
    s.lines = {{2, a("1.5")}};
    auto doc = checked(b, b.ship_notice(s, catalog::from_unix(1795000100)), "Fulfill.dtd");
    const auto& r = std::get<cxml::ShipNoticeRequest>(std::get<cxml::Request>(doc.body).payload);
    CHECK(r.header.shipment_id == "SHP-000001");
    REQUIRE(r.controls.size() == 1);
    CHECK(r.controls[0].carriers[0].value == "DHL Express");
    CHECK(r.controls[0].shipment_identifiers[0].value == "JD014600003828");
    CHECK(r.controls[0].shipment_identifiers[0].tracking_url == s.tracking_url);
    REQUIRE(r.portions.size() == 1);
    REQUIRE(r.portions[0].items.size() == 1);
    CHECK(r.portions[0].items[0].line_number == 2);
    CHECK(r.portions[0].items[0].quantity.to_string() == "1.5");
    CHECK(r.portions[0].items[0].item_id->supplier_part_id == "CD-18V");
    CHECK(r.portions[0].items[0].unit_of_measure == "EA");
}

TEST_CASE("InvoiceDetailRequest carries the stored sums exactly (InvoiceDetail.dtd)") {
    Fixture f;
    f.order.lines[0].price_basis_quantity = a("100");
    DocumentBuilder b(f.supplier, f.buyer, f.order);
    auto totals =
        catalog::invoice_totals({{a("10"), a("12.50"), a("100")}, {a("2"), a("31.255"), a("1")}},
                                a("25.5"), a("7.90"), "EUR");
    REQUIRE(totals.ok());
    catalog::Invoice inv;
    inv.invoice_number = "INV-000001";
    inv.currency = "EUR";
    inv.tax_rate = a("25.5");
    inv.tax_category = "vat";
    inv.subtotal = totals->subtotal;
    inv.tax = totals->tax;
    inv.shipping = totals->shipping;
    inv.gross = totals->gross;
    inv.net = totals->net;
    inv.due = totals->due;
    inv.due_days = 14;
    inv.invoiced_at = catalog::from_unix(1795000000);
    inv.lines = {{1, 1, a("10"), a("12.50"), a("100"), totals->line_amounts[0], {}},
                 {2, 2, a("2"), a("31.255"), a("1"), totals->line_amounts[1], {}}};
    auto doc = checked(b, b.invoice(inv), "InvoiceDetail.dtd");
    const auto& r = std::get<cxml::InvoiceDetailRequest>(std::get<cxml::Request>(doc.body).payload);
    CHECK(r.header.invoice_id == "INV-000001");
    REQUIRE(r.header.payment_terms.size() == 1);
    CHECK(r.header.payment_terms[0].pay_in_number_of_days == 14);
    REQUIRE(r.orders.size() == 1);
    REQUIRE(r.orders[0].items.size() == 2);
    const auto& first = r.orders[0].items[0];
    CHECK(first.unit_price.amount.to_string() == "12.50");
    REQUIRE(first.price_basis_quantity);
    CHECK(first.price_basis_quantity->quantity.to_string() == "100");
    CHECK(first.subtotal_amount->amount.to_string() == "1.25");                  // 10 x 12.50 / 100
    CHECK(r.orders[0].items[1].subtotal_amount->amount.to_string() == "62.51");  // 62.51
    const auto& s = r.summary;
    CHECK(s.subtotal_amount.amount.to_string() == "63.76");
    CHECK(s.shipping_amount->amount.to_string() == "7.90");
    // (63.76 + 7.90) x 25.5% = 18.2733 -> 18.27
    CHECK(s.tax.money.amount.to_string() == "18.27");
    REQUIRE(s.tax.details.size() == 1);
    CHECK(s.tax.details[0].percentage_rate->to_string() == "25.5");
    CHECK(s.tax.details[0].taxable_amount->amount.to_string() == "71.66");
    CHECK(s.gross_amount->amount.to_string() == "89.93");
    CHECK(s.net_amount.amount.to_string() == "89.93");
    CHECK(s.due_amount->amount.to_string() == "89.93");
    // The parts add up exactly in the document as written.
    CHECK(s.subtotal_amount.amount + s.shipping_amount->amount + s.tax.money.amount ==
          s.gross_amount->amount);
}

namespace {

// An invoice of both fixture lines at 19% VAT, tax per line or on the total.
catalog::Invoice stored_invoice(bool tax_in_line) {
    auto totals =
        catalog::invoice_totals({{a("10"), a("12.50"), a("1")}, {a("2"), a("31.25"), a("1")}},
                                a("19"), a("0"), "EUR", tax_in_line);
    REQUIRE(totals.ok());
    catalog::Invoice inv;
    inv.pk = 3;
    inv.invoice_number = "INV-000003";
    inv.currency = "EUR";
    inv.tax_rate = a("19");
    inv.tax_category = "vat";
    inv.tax_in_line = tax_in_line;
    inv.subtotal = totals->subtotal;
    inv.tax = totals->tax;
    inv.gross = totals->gross;
    inv.net = totals->net;
    inv.due = totals->due;
    inv.invoiced_at = catalog::from_unix(1795000000);
    inv.payload_id = "1795000000.1.abc@gw.supplier.example";
    inv.lines = {{1, 1, a("10"), a("12.50"), a("1"), totals->line_amounts[0],
                  tax_in_line ? totals->line_taxes[0] : catalog::Amount{}},
                 {2, 2, a("2"), a("31.25"), a("1"), totals->line_amounts[1],
                  tax_in_line ? totals->line_taxes[1] : catalog::Amount{}}};
    return inv;
}

const cxml::InvoicePartner* partner_of(const cxml::InvoiceDetailRequest& r, std::string_view role) {
    for (const auto& p : r.header.partners) {
        if (p.contact.role == role)
            return &p;
    }
    return nullptr;
}

}  // namespace

TEST_CASE(
    "invoice: invoiceOrigin, from/remitTo/billTo/soldTo with addresses and tax id, tax "
    "per line (InvoiceDetail.dtd)") {
    Fixture f;
    f.supplier.address = {"", "Teollisuuskatu 1", "Helsinki", "00510", "", "FI"};
    f.supplier.remit_to = {"Test Supplier Oy Receivables", "PL 100", "Espoo", "02101", "", "FI"};
    f.supplier.tax_id = "FI12345678";
    DocumentBuilder b(f.supplier, f.buyer, f.order);
    const auto inv = stored_invoice(true);
    auto doc = checked(b, b.invoice(inv), "InvoiceDetail.dtd");
    const auto& r = std::get<cxml::InvoiceDetailRequest>(std::get<cxml::Request>(doc.body).payload);
    CHECK(r.header.invoice_origin == cxml::InvoiceOrigin::supplier);
    CHECK(r.header.purpose == cxml::InvoicePurpose::standard);
    CHECK(r.header.is_tax_in_line);
    const auto* from = partner_of(r, "from");
    REQUIRE(from);
    REQUIRE(from->contact.postal_addresses.size() == 1);
    CHECK(from->contact.postal_addresses[0].city == "Helsinki");
    REQUIRE(from->id_references.size() == 1);
    CHECK(from->id_references[0] == cxml::IdReference{"vatID", "FI12345678"});
    const auto* remit = partner_of(r, "remitTo");
    REQUIRE(remit);
    CHECK(remit->contact.name == "Test Supplier Oy Receivables");
    CHECK(remit->contact.postal_addresses.at(0).city == "Espoo");
    CHECK(remit->id_references.size() == 1);
    const auto* bill = partner_of(r, "billTo");
    REQUIRE(bill);
    CHECK(bill->contact.name == "Buyer GmbH Kreditorenbuchhaltung");
    CHECK(bill->contact.address_id == "1000");
    CHECK(bill->contact.postal_addresses.at(0).city == "München");
    const auto* sold = partner_of(r, "soldTo");
    REQUIRE(sold);
    CHECK(sold->contact.name == "Buyer GmbH");
    // 125.00 x 19% = 23.75; 62.50 x 19% = 11.875 -> 11.88; the summary is their sum.
    REQUIRE(r.orders.at(0).items.size() == 2);
    CHECK(r.orders[0].items[0].tax->money.amount.to_string() == "23.75");
    CHECK(r.orders[0].items[1].tax->money.amount.to_string() == "11.88");
    CHECK(r.orders[0].items[1].tax->details.at(0).taxable_amount->amount.to_string() == "62.50");
    CHECK(r.summary.tax.money.amount.to_string() == "35.63");
    CHECK(r.summary.due_amount->amount.to_string() == "223.13");

    // Without a remit-to address the supplier's own is the remit-to.
    f.supplier.remit_to = {};
    DocumentBuilder plain(f.supplier, f.buyer, f.order);
    auto doc2 = checked(plain, plain.invoice(inv), "InvoiceDetail.dtd");
    const auto& r2 =
        std::get<cxml::InvoiceDetailRequest>(std::get<cxml::Request>(doc2.body).payload);
    CHECK(partner_of(r2, "remitTo")->contact.postal_addresses.at(0).city == "Helsinki");
}

TEST_CASE(
    "credit memos are negative and name the invoice, a cancellation names its payloadID "
    "(InvoiceDetail.dtd)") {
    Fixture f;
    DocumentBuilder b(f.supplier, f.buyer, f.order);
    const auto original = stored_invoice(true);

    catalog::Invoice line_credit = original;
    line_credit.kind = catalog::InvoiceKind::line_level_credit_memo;
    line_credit.invoice_number = "CM-000004";
    line_credit.credits_invoice_pk = original.pk;
    line_credit.credits_invoice_number = original.invoice_number;
    line_credit.reason = "2 packs damaged";
    line_credit.payload_id.clear();
    line_credit.lines = {{1, 1, a("2"), a("12.50"), a("1"), a("25"), a("4.75")}};
    line_credit.subtotal = a("25");
    line_credit.tax = a("4.75");
    line_credit.gross = line_credit.net = line_credit.due = a("29.75");
    auto doc = checked(b, b.invoice(line_credit), "InvoiceDetail.dtd");
    const auto& r = std::get<cxml::InvoiceDetailRequest>(std::get<cxml::Request>(doc.body).payload);
    CHECK(r.header.purpose == cxml::InvoicePurpose::line_level_credit_memo);
    CHECK_FALSE(r.header.is_header_invoice);
    REQUIRE(r.header.invoice_id_info);
    CHECK(r.header.invoice_id_info->invoice_id == "INV-000003");
    REQUIRE(r.header.comments);
    CHECK(r.header.comments->text == "2 packs damaged");
    const auto& item = r.orders.at(0).items.at(0);
    CHECK(item.quantity.to_string() == "-2");
    CHECK(item.unit_price.amount.to_string() == "12.50");
    CHECK(item.subtotal_amount->amount.to_string() == "-25.00");
    CHECK(item.tax->money.amount.to_string() == "-4.75");
    CHECK(r.summary.due_amount->amount.to_string() == "-29.75");

    catalog::Invoice header_credit = line_credit;
    header_credit.kind = catalog::InvoiceKind::credit_memo;
    header_credit.tax_in_line = false;
    header_credit.lines.clear();
    auto doc2 = checked(b, b.invoice(header_credit), "InvoiceDetail.dtd");
    const auto& r2 =
        std::get<cxml::InvoiceDetailRequest>(std::get<cxml::Request>(doc2.body).payload);
    CHECK(r2.header.purpose == cxml::InvoicePurpose::credit_memo);
    CHECK(r2.header.is_header_invoice);
    CHECK(r2.orders.empty());
    REQUIRE(r2.header_orders.size() == 1);
    CHECK(r2.header_orders[0].subtotal_amount.amount.to_string() == "-25.00");
    CHECK(r2.header_orders[0].info.order_reference->order_id == "4500012345");
    CHECK(r2.summary.net_amount.amount.to_string() == "-29.75");

    auto doc3 =
        checked(b, b.invoice(original, cxml::DocumentOperation::delete_), "InvoiceDetail.dtd");
    const auto& r3 =
        std::get<cxml::InvoiceDetailRequest>(std::get<cxml::Request>(doc3.body).payload);
    CHECK(r3.header.operation == cxml::DocumentOperation::delete_);
    CHECK(r3.header.invoice_id == "INV-000003");
    CHECK(r3.header.document_reference == original.payload_id);
    CHECK(doc3.payload_id != original.payload_id);
}

TEST_CASE("StatusUpdateRequest refers to the order's payloadID (cXML.dtd)") {
    Fixture f;
    f.buyer.cxml_version = "1.2.071";
    DocumentBuilder b(f.supplier, f.buyer, f.order);
    auto doc = b.status_update(201, "Order 4500012345 was received and is not confirmed yet.");
    const std::string text = b.write(doc);
    auto v = cxml::test::validate(text, "cXML.dtd");
    REQUIRE(v.ran);
    INFO(v.output);
    CHECK(v.valid);
    auto back = cxml::parse(text);
    REQUIRE(back);
    const auto& r =
        std::get<cxml::StatusUpdateRequest>(std::get<cxml::Request>(back.value().body).payload);
    CHECK(r.document_reference == f.order.payload_id);
    CHECK(r.status.code == 201);
    CHECK(r.status.text == "Accepted");
}

TEST_CASE("every document gets its own payloadID") {
    Fixture f;
    DocumentBuilder b(f.supplier, f.buyer, f.order);
    auto x = b.status_update(200, "a");
    auto y = b.status_update(200, "a");
    CHECK_FALSE(x.payload_id.empty());
    CHECK(x.payload_id != y.payload_id);
}
