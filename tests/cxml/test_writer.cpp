// The writer: every document type validates against the 1.2.071 DTDs and reads back to an
// equal model; the exactness rules hold; the corpus round-trips.
#include "cxml/detail/text.hpp"
#include "cxml/parse.hpp"
#include "cxml/write.hpp"
#include "tests/cxml/builders.hpp"
#include "tests/cxml/support.hpp"

#include <algorithm>
#include <dirent.h>
#include <string>
#include <vector>

#include <catch2/catch.hpp>

using namespace punchout::cxml;
using namespace punchout::cxml::test;

namespace {

// Writes, validates against the right module, reads back, compares.
void check_written(const Document& doc, const WriteOptions& options = {},
                   bool allow_kept_text = false) {
    const std::string text = write(doc, options);
    INFO(text.substr(0, 4000));
    const auto v = validate(text, std::string(dtd_module(document_type(doc))));
    if (v.ran) {
        INFO(v.output);
        CHECK(v.valid);
    } else {
        WARN("DTD folder absent: " << dtd_dir() << "; validation not run");
    }
    const auto back = parse(text);
    REQUIRE(back.ok());
    Document expected = doc;
    expected.version = options.version;
    CHECK(back.value() == expected);
    // What we write is clean; only dates a peer sent as non-dates come back as text.
    for (const auto& d : back.deviations()) {
        INFO(d.message);
        CHECK((allow_kept_text && d.message.find("kept as text") != std::string::npos));
    }
}

Document request_doc(RequestPayload payload) {
    Request r;
    r.payload = std::move(payload);
    return envelope(supplier_header(), std::move(r));
}

ConfirmationRequest confirmation() {
    ConfirmationRequest c;
    c.header.confirm_id = "C-77";
    c.header.type = ConfirmationType::detail;
    c.header.notice_date = DateTime(when("2026-11-23T11:00:00+01:00"));
    c.header.total = Money{dec("1133.46"), "USD", {}, {}};
    c.header.comments = {Comments{"Two lines back-ordered", "en", {}, {}}};
    c.order_reference = OrderReference{"PO-4471", DateTime(when("2026-11-23T10:14:52Z")),
                                       "20261123101500.PO-4471@oracle-ebs.buyer.example"};
    ConfirmationItem item;
    item.quantity = Decimal(10);
    item.line_number = 1;
    item.unit_of_measure = "BX";
    ConfirmationStatus accepted;
    accepted.quantity = Decimal(6);
    accepted.type = ConfirmationStatusType::accept;
    accepted.unit_of_measure = "BX";
    accepted.delivery_date = DateTime(when("2026-11-28T00:00:00+01:00"));
    accepted.unit_price = Money{dec("42.50"), "USD", {}, {}};
    ConfirmationStatus later = accepted;
    later.quantity = Decimal(4);
    later.type = ConfirmationStatusType::backordered;
    later.unit_price.reset();
    later.comments = {Comments{"Back in stock in December", "en", {}, {}}};
    item.statuses = {accepted, later};
    ConfirmationItem replaced;
    replaced.quantity = Decimal(1);
    replaced.line_number = 2;
    replaced.unit_of_measure = "EA";
    ConfirmationStatus with_item;
    with_item.quantity = Decimal(1);
    with_item.type = ConfirmationStatusType::detail;
    with_item.unit_of_measure = "EA";
    with_item.item_in = item_in(2);
    replaced.statuses = {with_item};
    c.items = {item, replaced};
    return c;
}

ShipNoticeRequest ship_notice() {
    ShipNoticeRequest s;
    s.header.shipment_id = "S-2026-0042";
    s.header.notice_date = DateTime(when("2026-11-24T08:00:00+01:00"));
    s.header.shipment_date = DateTime(when("2026-11-24T07:30:00+01:00"));
    s.header.delivery_date = DateTime(when("2026-11-26T12:00:00+01:00"));
    s.header.shipment_type = "actual";
    ShipControl control;
    control.carriers = {CarrierIdentifier{"SCAC", "UPSN"}, CarrierIdentifier{"companyName", "UPS"}};
    control.shipment_identifiers = {
        ShipmentIdentifier{"1Z999AA10123456784", "trackingNumber",
                           "https://www.ups.com/track?tracknum=1Z999AA10123456784&loc=de_DE"}};
    s.controls = {control};
    ShipNoticePortion portion;
    portion.order_reference = OrderReference{"PO-4471", {}, "20261123101500.PO-4471@oracle"};
    ShipNoticeItem item;
    item.quantity = Decimal(6);
    item.line_number = 1;
    item.item_id = ItemId{"PAPER-A4-80", {}, {}};
    item.unit_of_measure = "BX";
    portion.items = {item};
    s.portions = {portion};
    return s;
}

OrderStatusRequest order_status() {
    OrderStatusRequest r;
    r.header.request_id = "OSR-1";
    r.header.request_date = DateTime(when("2026-11-25T09:00:00+01:00"));
    r.header.order_reference = OrderReference{"PO-4471", DateTime(when("2026-11-23T10:14:52Z")),
                                              "20261123101500.PO-4471@oracle"};
    Contact c;
    c.role = "buyer";
    c.name = "Pat Stock";
    c.name_lang = "en";
    r.header.contacts = {c};
    OrderStatusRequestItem item;
    item.line_number = 1;
    item.item_id = ItemId{"PAPER-A4-80", {}, {}};
    r.items = {item};
    return r;
}

// An invoice whose sums are computed here, exactly, from the lines.
InvoiceDetailRequest invoice(int lines) {
    InvoiceDetailRequest inv;
    auto& h = inv.header;
    h.invoice_id = "INV-2026-0099";
    h.invoice_date = DateTime(when("2026-11-30T00:00:00+01:00"));
    h.is_tax_in_line = true;
    InvoicePartner remit;
    remit.contact.role = "remitTo";
    remit.contact.name = "Supplier AG";
    remit.contact.name_lang = "de";
    remit.id_references = {IdReference{"vatID", "DE123456789"}};
    h.partners = {remit};
    h.payment_terms = {PaymentTerm{30, dec("2"), {}, {}}};
    InvoiceDetailOrder order;
    order.info.order_reference =
        OrderReference{"PO-2026-000123", DateTime(when("2026-11-23T09:00:00-08:00")), "p@o"};
    const Decimal rate = dec("19");
    Decimal subtotal;
    Decimal tax_total;
    for (int i = 1; i <= lines; ++i) {
        InvoiceDetailItem item;
        item.invoice_line_number = static_cast<std::uint32_t>(i);
        item.quantity = Decimal(i);
        item.unit_of_measure = "EA";
        item.unit_price = Money{dec("9.99") + Decimal(i), "EUR", {}, {}};
        item.reference.line_number = static_cast<std::uint32_t>(i);
        item.reference.item_id = ItemId{"SKU-" + std::to_string(i), {}, {}};
        item.reference.description = Description{"Line " + std::to_string(i), {}, "en", {}};
        const Decimal line = item.unit_price.amount * item.quantity;
        item.subtotal_amount = Money{line, "EUR", {}, {}};
        const Decimal line_tax = (line * rate * dec("0.01")).round(2);
        Tax tax;
        tax.money = Money{line_tax, "EUR", {}, {}};
        tax.description = Description{"VAT 19%", {}, "en", {}};
        TaxDetail detail;
        detail.purpose = "tax";
        detail.category = "vat";
        detail.percentage_rate = rate;
        detail.taxable_amount = Money{line, "EUR", {}, {}};
        detail.tax_amount = tax.money;
        tax.details = {detail};
        item.tax = tax;
        subtotal += line;
        tax_total += line_tax;
        order.items.push_back(std::move(item));
    }
    inv.orders = {order};
    const Decimal shipping = dec("15.00");
    const Decimal shipping_tax = (shipping * rate * dec("0.01")).round(2);
    auto& s = inv.summary;
    s.subtotal_amount = Money{subtotal, "EUR", {}, {}};
    s.tax.money = Money{tax_total + shipping_tax, "EUR", {}, {}};
    s.tax.description = Description{"VAT 19%", {}, "en", {}};
    s.shipping_amount = Money{shipping, "EUR", {}, {}};
    s.gross_amount = Money{subtotal + shipping + tax_total + shipping_tax, "EUR", {}, {}};
    s.net_amount = *s.gross_amount;
    s.due_amount = *s.gross_amount;
    return inv;
}

}  // namespace

TEST_CASE("writer: ProfileRequest and ProfileResponse validate and read back", "[writer]") {
    check_written(request_doc(ProfileRequest{}));
    ProfileResponse p;
    p.effective_date = DateTime(when("2026-11-23T00:00:00+01:00"));
    p.options = {ProfileOption{"Locale", "en-US"}};
    p.transactions = {ProfileTransaction{"PunchOutSetupRequest",
                                         "https://gw.example/cxml",
                                         {ProfileOption{"operationAllowed", "create edit"}}},
                      ProfileTransaction{"OrderRequest", "https://gw.example/cxml", {}}};
    Document doc = envelope({}, Response(make_status(200), p));
    check_written(doc);
}

TEST_CASE("writer: PunchOutSetupRequest and PunchOutSetupResponse", "[writer]") {
    PunchOutSetupRequest s;
    s.operation = PunchOutOperation::edit;
    s.buyer_cookie = "cookie-1";
    s.extrinsics = {Extrinsic{"UserEmail", "jane@buyer.example"}};
    s.browser_form_post_url = "https://buyer.example/return?x=1&y=2";
    Contact c;
    c.role = "endUser";
    c.name = "Jane";
    c.name_lang = "en";
    c.emails = {"jane@buyer.example"};
    s.contacts = {c};
    s.supplier_setup_url = "https://gw.example/setup";
    s.ship_to = ShipTo{address("Dock"), {}};
    s.selected_item = ItemId{"PEN-1", {}, "B-1"};
    s.items = {item_out(1), item_out(2)};
    Request r;
    r.deployment_mode = DeploymentMode::test;
    r.payload = s;
    check_written(envelope(buyer_header(), r));

    check_written(envelope(
        {}, Response(make_status(200), PunchOutSetupResponse{"https://gw.example/s/abc?t=1&u=2"})));
}

TEST_CASE("writer: PunchOutOrderMessage with header charges", "[writer]") {
    Document doc = punch_out_order_message(3);
    auto& m = std::get<PunchOutOrderMessage>(std::get<Message>(doc.body).payload);
    m.header.quote_status = QuoteStatus::pending;
    m.header.shipping =
        Shipping{Money{dec("4.95"), "EUR", {}, {}}, Description{"Standard", {}, "en", {}}, {}, {}};
    m.header.tax =
        Tax{Money{dec("19.00"), "EUR", {}, {}}, Description{"VAT", {}, "en", {}}, {}, {}};
    m.header.supplier_order_info = SupplierOrderInfo{"Q-1", DateTime(when("2026-11-23T10:00:00Z"))};
    m.items[0].detail.price_basis_quantity =
        PriceBasisQuantity{dec("10"), dec("0.1"), "EA", Description{"per 10", {}, "en", {}}};
    check_written(doc);
}

TEST_CASE("writer: OrderRequest", "[writer]") {
    Document doc = order_request(5);
    auto& o = std::get<OrderRequest>(std::get<Request>(doc.body).payload);
    o.header.pcard = PCard{"4111111111111111", "2028-12", "Jane Buyer"};
    o.header.tax = Tax{Money{dec("1.00"), "EUR", {}, {}}, Description{"VAT", {}, "en", {}}, {}, {}};
    o.header.document_reference = "earlier@buyer";
    check_written(doc);
}

TEST_CASE("writer: OrderRequest with ControlKeys and free-form, return and service lines",
          "[writer]") {
    Document doc = order_request(3);
    auto& o = std::get<OrderRequest>(std::get<Request>(doc.body).payload);
    o.header.control_keys = ControlKeys{ConfirmationInstruction::required_before_ship_notice,
                                        ShipNoticeInstruction::not_allowed};
    o.items[0].is_ad_hoc = true;
    o.items[0].item_classification = "service";
    o.items[1].is_return = true;
    o.items[2].item_category = "text";
    o.items[2].tax =
        Tax{Money{dec("0.40"), "EUR", {}, {}}, Description{"VAT", {}, "en", {}}, {}, {}};
    check_written(doc);
}

TEST_CASE("writer: ConfirmationRequest (Fulfill.dtd)", "[writer]") {
    const Document doc = request_doc(confirmation());
    CHECK(write(doc).find("/1.2.071/Fulfill.dtd\"") != std::string::npos);
    check_written(doc);
}

TEST_CASE("writer: ShipNoticeRequest (Fulfill.dtd)", "[writer]") {
    check_written(request_doc(ship_notice()));
}

TEST_CASE("writer: StatusUpdateRequest", "[writer]") {
    StatusUpdateRequest s;
    s.document_reference = "po@buyer";
    s.status = make_status(200, "Order received");
    s.status.lang = "en";
    check_written(request_doc(s));
}

TEST_CASE("writer: OrderStatusRequest with OrderReference and with OrderIDInfo", "[writer]") {
    check_written(request_doc(order_status()));
    OrderStatusRequest by_id = order_status();
    by_id.header.order_reference.document_payload_id.clear();
    const Document doc = request_doc(by_id);
    CHECK(write(doc).find("<OrderIDInfo orderID=\"PO-4471\"") != std::string::npos);
    check_written(doc);
}

TEST_CASE("writer: plain Response with a Status", "[writer]") {
    check_written(make_status_response(make_status(406, "not well-formed: line 3")));
}

TEST_CASE("writer: invoice with tax and shipping sums (InvoiceDetail.dtd)", "[writer]") {
    const InvoiceDetailRequest inv = invoice(40);
    // The sums hold exactly.
    Decimal lines;
    for (const auto& item : inv.orders[0].items)
        lines += item.subtotal_amount->amount;
    CHECK(lines == inv.summary.subtotal_amount.amount);
    CHECK(inv.summary.gross_amount->amount == inv.summary.subtotal_amount.amount +
                                                  inv.summary.shipping_amount->amount +
                                                  inv.summary.tax.money.amount);
    const Document doc = request_doc(inv);
    const std::string text = write(doc);
    CHECK(text.find("/1.2.071/InvoiceDetail.dtd\"") != std::string::npos);
    // 40 lines of (9.99 + i) * i: 9.99 * 820 + 22140 = 30331.80.
    CHECK(text.find("<SubtotalAmount>\n          <Money currency=\"EUR\">30331.80</Money>") !=
          std::string::npos);
    check_written(doc);
}

TEST_CASE("writer: invoiceOrigin, addressed partners with tax ids, InvoiceIDInfo (DTD order)",
          "[writer]") {
    InvoiceDetailRequest inv = invoice(2);
    inv.header.invoice_origin = InvoiceOrigin::supplier;
    inv.header.purpose = InvoicePurpose::line_level_credit_memo;
    inv.header.invoice_id_info =
        InvoiceIdInfo{"INV-2026-0042", DateTime(when("2026-11-29T00:00:00+01:00"))};
    PostalAddress addr;
    addr.street = {"Hauptstr. 1"};
    addr.city = "Berlin";
    addr.postal_code = "10115";
    addr.country = "Germany";
    addr.iso_country_code = "DE";
    for (const char* role : {"from", "billTo", "soldTo"}) {
        InvoicePartner p;
        p.contact.role = role;
        p.contact.name = role;
        p.contact.name_lang = "en";
        p.contact.postal_addresses = {addr};
        if (std::string_view(role) == "from")
            p.id_references = {IdReference{"vatID", "DE123456789"}};
        inv.header.partners.push_back(std::move(p));
    }
    const Document doc = request_doc(inv);
    const std::string text = write(doc);
    CHECK(text.find("invoiceOrigin=\"supplier\"") != std::string::npos);
    CHECK(text.find("purpose=\"lineLevelCreditMemo\"") != std::string::npos);
    CHECK(text.find("<InvoiceIDInfo invoiceID=\"INV-2026-0042\"") != std::string::npos);
    CHECK(text.find("<IdReference identifier=\"DE123456789\" domain=\"vatID\"/>") !=
          std::string::npos);
    check_written(doc);
}

TEST_CASE("writer: a header-level credit memo writes InvoiceDetailHeaderOrder (InvoiceDetail.dtd)",
          "[writer]") {
    InvoiceDetailRequest inv;
    auto& h = inv.header;
    h.invoice_id = "CM-000001";
    h.purpose = InvoicePurpose::credit_memo;
    h.invoice_origin = InvoiceOrigin::supplier;
    h.invoice_date = DateTime(when("2026-12-01T00:00:00+01:00"));
    h.is_header_invoice = true;
    h.invoice_id_info = InvoiceIdInfo{"INV-2026-0099", {}};
    InvoiceDetailHeaderOrder order;
    order.info.order_reference =
        OrderReference{"PO-2026-000123", DateTime(when("2026-11-23T09:00:00-08:00")), "p@o"};
    order.subtotal_amount = Money{dec("-10.00"), "EUR", {}, {}};
    order.net_amount = Money{dec("-11.90"), "EUR", {}, {}};
    inv.header_orders = {order};
    inv.summary.subtotal_amount = Money{dec("-10.00"), "EUR", {}, {}};
    inv.summary.tax.money = Money{dec("-1.90"), "EUR", {}, {}};
    inv.summary.tax.description = Description{"VAT 19%", {}, "en", {}};
    inv.summary.net_amount = Money{dec("-11.90"), "EUR", {}, {}};
    inv.summary.due_amount = inv.summary.net_amount;
    const Document doc = request_doc(inv);
    const std::string text = write(doc);
    CHECK(text.find("<InvoiceDetailHeaderIndicator isHeaderInvoice=\"yes\"/>") !=
          std::string::npos);
    CHECK(text.find("<InvoiceDetailOrderSummary invoiceLineNumber=\"1\">") != std::string::npos);
    CHECK(text.find("<InvoiceDetailOrder>") == std::string::npos);
    check_written(doc);

    // Cancelling an invoice: operation delete, the original's payloadID as DocumentReference.
    InvoiceDetailRequest cancel = invoice(1);
    cancel.header.operation = DocumentOperation::delete_;
    cancel.header.document_reference = "original@supplier";
    check_written(request_doc(cancel));
}

TEST_CASE("writer: a 2,000-line OrderRequest validates and reads back equal", "[writer]") {
    const Document doc = order_request(2000);
    const std::string text = write(doc);
    CHECK(text.size() > 1000000);
    check_written(doc);
    const auto back = parse(text);
    REQUIRE(back.ok());
    CHECK(line_count(back.value()) == 2000);
}

TEST_CASE("writer: UTF-8 without BOM, declaration and DOCTYPE at the chosen version", "[writer]") {
    const Document doc = punch_out_order_message(1);
    const std::string text = write(doc);
    CHECK(text.rfind("<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<!DOCTYPE cXML SYSTEM "
                     "\"http://xml.cxml.org/schemas/cXML/1.2.071/cXML.dtd\">",
                     0) == 0);
    CHECK(text.find("version=\"1.2.071\"") != std::string::npos);
    CHECK(text.find("Müller") == std::string::npos);  // not in this document
    WriteOptions older;
    older.version = "1.2.050";
    const std::string old_text = write(doc, older);
    CHECK(old_text.find("/schemas/cXML/1.2.050/cXML.dtd\"") != std::string::npos);
    CHECK(old_text.find("version=\"1.2.050\"") != std::string::npos);
    check_written(doc, older);
    older.version = "1.2.071\"><!ENTITY";
    CHECK_THROWS_AS(write(doc, older), std::invalid_argument);
    CHECK(dtd_url(DocumentType::invoice_detail_request, "1.2.060") ==
          "http://xml.cxml.org/schemas/cXML/1.2.060/InvoiceDetail.dtd");
}

TEST_CASE("writer: timestamps always with a numeric offset, never Z", "[writer]") {
    Document doc = order_request(2);
    doc.timestamp = DateTime::parse("2026-11-23T09:15:00Z");
    auto& o = std::get<OrderRequest>(std::get<Request>(doc.body).payload);
    o.header.order_date = DateTime::parse("2026-11-23T09:00:00");  // Oracle, no zone
    const std::string text = write(doc);
    CHECK(text.find("timestamp=\"2026-11-23T09:15:00+00:00\"") != std::string::npos);
    CHECK(text.find("orderDate=\"2026-11-23T09:00:00+00:00\"") != std::string::npos);
    CHECK(text.find("Z\"") == std::string::npos);
}

TEST_CASE("writer: money with a dot and at most 4 decimals", "[writer]") {
    Document doc = punch_out_order_message(1);
    auto& m = std::get<PunchOutOrderMessage>(std::get<Message>(doc.body).payload);
    m.items[0].detail.unit_price.amount = dec("0.123456");
    m.header.total.amount = dec("1234567.5");
    const std::string text = write(doc);
    CHECK(text.find("<Money currency=\"EUR\">0.1235</Money>") != std::string::npos);
    CHECK(text.find("<Money currency=\"EUR\">1234567.5</Money>") != std::string::npos);
    // Every amount uses a dot and at most four decimals.
    for (auto at = text.find("<Money"); at != std::string::npos; at = text.find("<Money", at + 1)) {
        const auto open = text.find('>', at) + 1;
        const std::string amount = text.substr(open, text.find('<', open) - open);
        INFO(amount);
        CHECK(amount.find(',') == std::string::npos);
        const auto dot = amount.find('.');
        CHECK((dot == std::string::npos || amount.size() - dot - 1 <= 4));
    }
}

TEST_CASE("writer: a Response carries a response element only with a 2xx status", "[writer]") {
    CHECK_THROWS_AS(Response(make_status(400), PunchOutSetupResponse{"https://x.example"}),
                    std::invalid_argument);
    Response r(make_status(200), PunchOutSetupResponse{"https://gw.example/start"});
    CHECK(r.has_payload());
    r.set_status(make_status(500, "store closed"));
    CHECK_FALSE(r.has_payload());
    const std::string text = write(envelope({}, r));
    CHECK(text.find("PunchOutSetupResponse") == std::string::npos);
    CHECK(text.find("<Status code=\"500\" text=\"Internal Server Error\">store closed</Status>") !=
          std::string::npos);

    const Document built = make_response(PunchOutSetupResponse{"https://gw.example/s"}, "gw");
    CHECK(std::get<Response>(built.body).status().code == 200);
    CHECK(built.payload_id.find("@gw") != std::string::npos);
    check_written(built);
}

TEST_CASE("writer: the reader drops a response element sent with a non-2xx status", "[writer]") {
    const auto r = parse(R"(<cXML payloadID="1@x" timestamp="2026-11-23T10:15:00Z"><Response>
      <Status code="400" text="Bad Request"/><PunchOutSetupResponse><StartPage><URL>https://x</URL>
      </StartPage></PunchOutSetupResponse></Response></cXML>)");
    REQUIRE(r.ok());
    CHECK_FALSE(std::get<Response>(r.value().body).has_payload());
    REQUIRE(r.deviations().size() == 1);
    CHECK(r.deviations()[0].message.find("only a 2xx Response") != std::string::npos);
}

TEST_CASE("writer: escaping, control characters and broken UTF-8", "[writer]") {
    Document doc = make_status_response(make_status(400, "a < b & c > \"d\" \x01\x02 \xC3("));
    std::get<Response>(doc.body).set_status(
        Status{400, "Bad \"Request\" & <more>", "a < b & c > \"d\" \x01\x02 \xC3(", ""});
    const std::string text = write(doc);
    CHECK(text.find("text=\"Bad &quot;Request&quot; &amp; &lt;more&gt;\"") != std::string::npos);
    CHECK(text.find(">a &lt; b &amp; c &gt; \"d\"  \xEF\xBF\xBD(</Status>") != std::string::npos);
    const auto back = parse(text);
    REQUIRE(back.ok());
    CHECK(std::get<Response>(back.value().body).status().text == "Bad \"Request\" & <more>");
}

TEST_CASE("writer: us-ascii output turns every non-ASCII character into a reference", "[writer]") {
    Document doc = order_request(2);
    WriteOptions ascii;
    ascii.ascii = true;
    const std::string text = write(doc, ascii);
    CHECK(text.rfind("<?xml version=\"1.0\" encoding=\"US-ASCII\"?>", 0) == 0);
    for (char c : text) {
        CHECK(static_cast<unsigned char>(c) < 0x80);
        if (static_cast<unsigned char>(c) >= 0x80)
            break;
    }
    CHECK(text.find("J&#252;rgen M&#252;ller") != std::string::npos);
    CHECK(text.find("&#8212;") != std::string::npos);  // the em dash
    check_written(doc, ascii);
}

TEST_CASE("writer: Unsupported bodies cannot be written", "[writer]") {
    Request r;
    r.payload = Unsupported{"CopyRequest"};
    CHECK_THROWS_AS(write(envelope(buyer_header(), r)), std::invalid_argument);
}

TEST_CASE("writer: one-line output still validates", "[writer]") {
    WriteOptions flat;
    flat.indent = false;
    const Document doc = order_request(3);
    const std::string text = write(doc, flat);
    CHECK(std::count(text.begin(), text.end(), '\n') == 3);
    check_written(doc, flat);
}

TEST_CASE("writer: every modelled accept document of the corpus round-trips", "[writer]") {
    int checked = 0;
    for (const char* folder : {"officeluv-cxml", "cxml-php", "business-cxml"}) {
        const std::string dir = corpus(folder);
        DIR* d = ::opendir(dir.c_str());
        REQUIRE(d != nullptr);
        std::vector<std::string> files;
        while (const dirent* e = ::readdir(d)) {
            const std::string name = e->d_name;
            if (name.size() > 4 && name.substr(name.size() - 4) == ".xml")
                files.push_back(name);
        }
        ::closedir(d);
        for (const auto& name : files) {
            const auto r = parse(read_file(dir + "/" + name));
            if (!r.ok() || document_type(r.value()) == DocumentType::unsupported)
                continue;
            INFO(std::string(folder) + "/" + name);
            check_written(r.value(), {}, true);
            ++checked;
        }
    }
    CHECK(checked == 45);
}

TEST_CASE("writer: UTF-8 the XML cannot carry becomes U+FFFD, valid text stays as written",
          "[writer]") {
    // é valid; U+FFFE valid UTF-8 but no XML character; an overlong '/', a surrogate and a
    // sequence cut short by ASCII: each byte that starts no valid sequence is replaced.
    const std::string in = "caf\xC3\xA9 \xEF\xBF\xBE \xC0\xAF \xED\xA0\x80 \xE2\x82x \xE6\x97\xA5";
    const std::string fffd = "\xEF\xBF\xBD";
    Document doc = make_status_response(make_status(400, in));
    const std::string utf8 = write(doc);
    CHECK(utf8.find(">caf\xC3\xA9 " + fffd + " " + fffd + fffd + " " + fffd + fffd + fffd + " " +
                    fffd + fffd + "x \xE6\x97\xA5</Status>") != std::string::npos);
    WriteOptions ascii;
    ascii.ascii = true;
    const std::string us_ascii = write(doc, ascii);
    CHECK(us_ascii.find(">caf&#233; &#65533; &#65533;&#65533; &#65533;&#65533;&#65533; "
                        "&#65533;&#65533;x &#26085;</Status>") != std::string::npos);
    for (const auto& text : {utf8, us_ascii})
        CHECK(parse(text).ok());
}

TEST_CASE("reader: invalid UTF-8 is reported at the byte where it starts", "[writer]") {
    std::size_t at = 0;
    CHECK(detail::utf8_valid("plain ascii, long enough for the word-at-a-time path", at));
    CHECK(detail::utf8_valid("caf\xC3\xA9 \xE6\x97\xA5 \xF0\x9F\x98\x80", at));
    const std::string prefix(40, 'a');
    for (const auto& [bad, offset] :
         std::vector<std::pair<std::string, std::size_t>>{{prefix + "\xC3(", 40},
                                                          {prefix + "\xC3\xA9\xC0\xAF", 42},
                                                          {prefix + "\xED\xA0\x80", 40},
                                                          {prefix + "\xF4\x90\x80\x80", 40},
                                                          {prefix + "\xE2\x82", 40}}) {
        INFO(offset);
        CHECK_FALSE(detail::utf8_valid(bad, at));
        CHECK(at == offset);
    }
}
