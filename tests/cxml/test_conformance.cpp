// The conformance table of ../shared/conformance/README.md, row by row: every *accept*
// document parses (envelope, and the body where we model it); every *reject* document
// yields the error the table asks for.
#include "cxml/parse.hpp"
#include "tests/cxml/support.hpp"

#include <string>

#include <catch2/catch.hpp>

using namespace punchout::cxml;
using punchout::cxml::test::corpus;
using punchout::cxml::test::read_file;

namespace {

ParseResult read(const std::string& relative) {
    return parse(read_file(corpus(relative)));
}

template <class T>
const T& request_body(const ParseResult& r) {
    return std::get<T>(std::get<Request>(r.value().body).payload);
}

const PunchOutOrderMessage& message_body(const ParseResult& r) {
    return std::get<PunchOutOrderMessage>(std::get<Message>(r.value().body).payload);
}

const Response& response_of(const ParseResult& r) {
    return std::get<Response>(r.value().body);
}

Decimal dec(const char* s) {
    return *Decimal::parse(s);
}

}  // namespace

TEST_CASE("conformance: Coupa PunchOutSetupRequest (order off the DTD, non-ISO time, DUNS)",
          "[conformance]") {
    const auto r = read("officeluv-cxml/punch_out_setup_request_doc_coupa.xml");
    REQUIRE(r.ok());
    CHECK(r.value().payload_id == "1211221788.71299@ip-10-251-122-83");
    CHECK(r.value().header.from.credentials.at(0).domain == "DUNS");
    CHECK(r.value().header.sender.user_agent == "Coupa Procurement 1.0");
    const auto& s = request_body<PunchOutSetupRequest>(r);
    CHECK(s.operation == PunchOutOperation::create);
    CHECK(s.buyer_cookie == "c64af92dc27e68172e030d3dfd1bc944");
    CHECK(s.extrinsics.size() == 6);
    CHECK(*find_extrinsic(s.extrinsics, "UserEmail") == "noah+jim@coupa.com");
}

TEST_CASE("conformance: PunchOutSetupRequest without DOCTYPE", "[conformance]") {
    const auto r = read("officeluv-cxml/punch_out_setup_request_doc.xml");
    REQUIRE(r.ok());
    CHECK(r.value().lang == "en-UK");
    const auto& s = request_body<PunchOutSetupRequest>(r);
    CHECK(s.buyer_cookie == "demoSCAWIGP");
    CHECK(s.browser_form_post_url == "http://return_to_supplier_url.com");
    CHECK(s.supplier_setup_url == "http://localhost:3000");
    CHECK(r.value().header.sender.credentials.at(0).shared_secret == "{shared secret in here}");
}

TEST_CASE("conformance: PunchOutSetupRequest with a ShipTo address", "[conformance]") {
    const auto r = read("officeluv-cxml/punch_out_setup_request_doc_with_ship_to.xml");
    REQUIRE(r.ok());
    const auto& s = request_body<PunchOutSetupRequest>(r);
    REQUIRE(s.ship_to.has_value());
    const Address& a = s.ship_to->address;
    CHECK(a.name == "jmadden");
    CHECK(a.address_id == "3119");
    CHECK(a.iso_country_code == "US");
    CHECK(a.email == "jmadden@coupa1.com");
    REQUIRE(a.postal_address.has_value());
    CHECK(a.postal_address->deliver_to == std::vector<std::string>{"j maddedn"});
    CHECK(a.postal_address->street == std::vector<std::string>{"333 East Hill Dr"});
    CHECK(a.postal_address->city == "san leandro");
    CHECK(a.postal_address->state == "ca");
    CHECK(a.postal_address->postal_code == "22222");
    CHECK(a.postal_address->country == "United States");
    CHECK(a.postal_address->iso_country_code == "US");
    REQUIRE(a.phone.has_value());
    CHECK(a.phone->country_code == "1");
    CHECK(a.phone->area_or_city_code == "855");
    CHECK(a.phone->number == "8671234");
}

TEST_CASE("conformance: Office Depot PunchOutOrderMessage (<cxml>, NetworkID and NetworkId)",
          "[conformance]") {
    const auto r = read("officeluv-cxml/punch_out_order_message_doc.xml");
    REQUIRE(r.ok());
    CHECK(message_body(r).header.operation_allowed == PunchOutOperation::create);
    CHECK(message_body(r).header.total.currency == "GBP");
}

TEST_CASE("conformance: bare ItemIn fragment", "[conformance]") {
    const auto r = parse_item_in(read_file(corpus("officeluv-cxml/item_in.xml")));
    REQUIRE(r.ok());
    CHECK(r.value().detail.unit_of_measure == "EA");
}

TEST_CASE("conformance: OrderRequests (officeluv)", "[conformance]") {
    const auto a = read("officeluv-cxml/order_request.xml");
    REQUIRE(a.ok());
    const auto& o = request_body<OrderRequest>(a);
    CHECK(o.header.order_id == "3309");
    CHECK(o.header.type == DocumentOperation::new_);
    CHECK(o.header.total.amount == dec("91.71"));
    CHECK(o.header.bill_to.postal_address->deliver_to.at(0) == "Venkat Gunneri");
    CHECK(o.header.shipping->money.amount == dec("0.0"));
    CHECK(o.header.extrinsics.at(0).name == "legacy_po");
    CHECK(o.header.extrinsics.at(0).value.empty());
    REQUIRE(o.items.size() == 2);
    CHECK(o.items[1].quantity == dec("9"));
    CHECK(o.items[1].line_number == 2u);
    CHECK(o.items[1].item_id.supplier_part_auxiliary_id == "product-requisition:6235");
    CHECK(o.items[1].detail->extrinsics.at(0).value == "Quantity");
    REQUIRE(o.items[1].distributions.size() == 1);
    CHECK(o.items[1].distributions[0].segments.size() == 4);
    CHECK(o.items[1].distributions[0].charge.amount == dec("83.61"));

    const auto b = read("officeluv-cxml/purchase_order_request_200.xml");
    REQUIRE(b.ok());
    const auto& p = request_body<OrderRequest>(b);
    CHECK(p.header.order_id == "6112");
    CHECK(p.header.comments.at(0).text == "header comment goes here if entered by user");
    CHECK(p.items.at(0).comments.at(0).text == "line item comment goes here if entered by user");
    CHECK(b.value().header.from.credentials.at(0).domain == "duns");
}

TEST_CASE("conformance: Coupa invoices (Z times, taxes at line and total, several POs)",
          "[conformance]") {
    for (const char* file : {"officeluv-cxml/invoice_backed_and_unbacked_by_pos.xml",
                             "officeluv-cxml/invoice_backed_by_multiple_pos.xml",
                             "officeluv-cxml/invoice_taxes_at_line.xml",
                             "officeluv-cxml/invoice_taxes_at_line_multiple_taxes.xml",
                             "officeluv-cxml/invoice_taxes_at_total.xml"}) {
        INFO(file);
        const auto r = read(file);
        REQUIRE(r.ok());
        CHECK(document_type(r.value()) == DocumentType::invoice_detail_request);
        CHECK_FALSE(request_body<InvoiceDetailRequest>(r).orders.empty());
    }
    const auto multi = read("officeluv-cxml/invoice_backed_by_multiple_pos.xml");
    const auto& inv = request_body<InvoiceDetailRequest>(multi);
    CHECK(multi.value().timestamp.time->format() == "2010-12-22T19:03:37+00:00");
    CHECK(inv.header.invoice_id == "INV00001");
    CHECK(inv.header.is_accounting_in_line);
    CHECK(inv.header.payment_terms.at(0).pay_in_number_of_days == 30u);
    REQUIRE(inv.orders.size() == 2);
    CHECK(inv.orders[1].info.order_reference->document_payload_id == "2253");
    CHECK(inv.orders[0].items.at(0).quantity == dec("2.00"));
    CHECK(inv.summary.subtotal_amount.amount == dec("220.00"));

    const auto line = read("officeluv-cxml/invoice_taxes_at_line.xml");
    const auto& item = request_body<InvoiceDetailRequest>(line).orders.at(0).items.at(0);
    REQUIRE(item.tax.has_value());
    CHECK(item.tax->money.amount == dec("8"));
    CHECK(item.tax->details.at(0).percentage_rate == dec("8.25"));
    CHECK(item.tax->details.at(0).category == "CA");

    const auto many = read("officeluv-cxml/invoice_taxes_at_line_multiple_taxes.xml");
    const auto& s = request_body<InvoiceDetailRequest>(many).summary;
    CHECK(s.tax.details.size() == 5);
    CHECK(s.discount_amount->amount == dec("123"));
    const auto& header = request_body<InvoiceDetailRequest>(many).header;
    CHECK(header.partners.size() == 3);
    CHECK(header.partners[0].id_references.at(0).identifier == "supplier_tax_registration");
    CHECK(header.shipping_contacts.size() == 2);
    CHECK(header.payment_terms.at(0).discount_percent == dec("1"));

    const auto mixed = read("officeluv-cxml/invoice_backed_and_unbacked_by_pos.xml");
    const auto& orders = request_body<InvoiceDetailRequest>(mixed).orders;
    CHECK(orders.at(1).info.master_agreement->document_payload_id == "l");
    CHECK_FALSE(orders.at(1).info.order_reference.has_value());
}

TEST_CASE("conformance: ConfirmationRequest", "[conformance]") {
    const auto r = read("officeluv-cxml/request_doc.xml");
    REQUIRE(r.ok());
    const auto& c = request_body<ConfirmationRequest>(r);
    CHECK(c.header.type == ConfirmationType::detail);
    CHECK(c.header.invoice_id == "623612976001");
    CHECK(c.header.contacts.at(0).postal_addresses.at(0).street.size() == 2);
    CHECK(c.order_reference.order_id == "400-2591453-0");
    REQUIRE(c.items.size() == 3);
    CHECK(c.items[1].unit_of_measure == "BX");
    CHECK(c.items[1].statuses.at(0).unit_price->amount == dec("1.52"));
    CHECK(c.items[1].statuses.at(0).type == ConfirmationStatusType::accept);
    CHECK(c.items[0].statuses.at(0).extrinsics.size() == 2);
}

TEST_CASE("conformance: Responses with Status 200 and 400", "[conformance]") {
    const auto ok = read("officeluv-cxml/response_status_200.xml");
    REQUIRE(ok.ok());
    CHECK(response_of(ok).status().code == 200);
    CHECK(std::get<PunchOutSetupResponse>(response_of(ok).payload()).start_page_url ==
          "http://localhost:3000/products");

    const auto bad = read("officeluv-cxml/response_status_400.xml");
    REQUIRE(bad.ok());
    CHECK(response_of(bad).status().code == 400);
    CHECK(response_of(bad).status().text ==
          "java.lang.Exception: missing required parameter 'document'");
    CHECK_FALSE(response_of(bad).has_payload());
}

TEST_CASE("conformance: Response with an unknown attribute", "[conformance]") {
    const auto r = read("officeluv-cxml/document_node_with_unknown_attribute.xml");
    REQUIRE(r.ok());
    CHECK(document_type(r.value()) == DocumentType::status_response);
}

TEST_CASE("conformance: CopyRequest envelope parses, body reported as not handled",
          "[conformance]") {
    const auto r = read("officeluv-cxml/envelope2.xml");
    REQUIRE(r.ok());
    CHECK(r.value().payload_id == "123@sendercompany.com");
    CHECK(document_type(r.value()) == DocumentType::unsupported);
    CHECK(body_element(r.value()) == "CopyRequest");
    CHECK(r.value().header.to.credentials.at(0).identity == "recipient@recipientcompany.com");
}

TEST_CASE("conformance: CatalogUploadRequest envelope with a Sender without UserAgent",
          "[conformance]") {
    const auto r = read("officeluv-cxml/envelope.xml");
    REQUIRE(r.ok());
    CHECK(body_element(r.value()) == "CatalogUploadRequest");
    CHECK(r.value().header.sender.user_agent.empty());
    CHECK(r.value().header.sender.credentials.at(0).shared_secret == "abracadabra");
    REQUIRE_FALSE(r.deviations().empty());
    CHECK(r.deviations()[0].message == "<Sender> has no <UserAgent>");
}

TEST_CASE("conformance: cxml-php PunchOutSetupRequest with ItemOut lines", "[conformance]") {
    const auto r = read("cxml-php/PunchOutSetupRequest.xml");
    REQUIRE(r.ok());
    CHECK(deployment_mode(r.value()) == DeploymentMode::test);
    const auto& s = request_body<PunchOutSetupRequest>(r);
    CHECK(s.selected_item->buyer_part_id == "II99825");
    REQUIRE(s.items.size() == 2);
    CHECK(s.items[0].line_number == 10u);
    CHECK(s.items[0].requested_delivery_date->time->format() == "2023-01-23T16:00:06-01:00");
    CHECK(s.items[0].detail->descriptions.at(0).short_name == "Excelsior Desk Chair");
    CHECK(s.items[1].detail->unit_price.amount == dec("764.20"));
    CHECK(s.ship_to->address.postal_address->deliver_to.size() == 2);
}

TEST_CASE("conformance: PunchOutOrderMessages (cxml-php), PriceBasisQuantity", "[conformance]") {
    for (const char* file : {"cxml-php/PunchoutOrderMessage.xml", "cxml-php/builder-poom.xml"}) {
        INFO(file);
        const auto r = read(file);
        REQUIRE(r.ok());
        CHECK(message_body(r).items.size() == 2);
        CHECK(message_body(r).buyer_cookie == "1CX3L4843PPZO");
    }
    const auto r = read("cxml-php/PunchoutOrderMessageAdvancedPricing.xml");
    REQUIRE(r.ok());
    const auto& item = message_body(r).items.at(0);
    REQUIRE(item.detail.price_basis_quantity.has_value());
    CHECK(item.detail.price_basis_quantity->quantity == dec("2"));
    CHECK(item.detail.price_basis_quantity->conversion_factor == dec("0.5"));
    CHECK(item.detail.price_basis_quantity->unit_of_measure == "BOX");
    CHECK(item.detail.descriptions.at(0).short_name == "Excelsior Desk Chair");

    const auto builder = read("cxml-php/builder-poom.xml");
    CHECK(message_body(builder).header.supplier_order_info->order_id == "myorder-1");
}

TEST_CASE("conformance: cxml-php OrderRequests", "[conformance]") {
    const auto a = read("cxml-php/OrderRequest.xml");
    REQUIRE(a.ok());
    const auto& o = request_body<OrderRequest>(a);
    CHECK(o.header.order_id == "DO1234");
    CHECK(o.header.comments.at(0).attachment_urls == std::vector<std::string>{"delivery-note.pdf"});
    CHECK(o.items.at(1).comments.at(0).type == "test");
    const auto b = read("cxml-php/builder-order_request.xml");
    REQUIRE(b.ok());
    CHECK(request_body<OrderRequest>(b).header.bill_to.name == "name");
}

TEST_CASE("conformance: OrderRequest with Custom.dtd, Payment off the DTD, NetworkId",
          "[conformance]") {
    const auto r = read("cxml-php/handling-order_request.xml");
    REQUIRE(r.ok());
    CHECK(request_body<OrderRequest>(r).header.order_id == "acme-1-1");
    CHECK(r.value().header.from.find("NetworkID")->identity == "AN00000123");
}

TEST_CASE("conformance: ShipNoticeRequest (Fulfill.dtd)", "[conformance]") {
    const auto r = read("cxml-php/ShipNoticeRequest.xml");
    REQUIRE(r.ok());
    const auto& s = request_body<ShipNoticeRequest>(r);
    CHECK(s.header.shipment_id == "S2-123");
    CHECK(s.header.comments.at(0).lang == "en-CA");
    REQUIRE(s.controls.size() == 1);
    CHECK(s.controls[0].carriers.size() == 2);
    CHECK(s.controls[0].shipment_identifiers.at(0).value == "8202 8261 1194");
    CHECK(s.portions.at(0).order_reference.document_payload_id == "32232995@hub.acme.com");
}

TEST_CASE("conformance: StatusUpdateRequest", "[conformance]") {
    const auto r = read("cxml-php/StatusUpdateRequest.xml");
    REQUIRE(r.ok());
    const auto& s = request_body<StatusUpdateRequest>(r);
    CHECK(s.document_reference == "0c300508b7863dcclb_14999");
    CHECK(s.status.code == 200);
    CHECK(s.status.message == "Forwarded to supplier");
}

TEST_CASE("conformance: ProfileRequest without DOCTYPE", "[conformance]") {
    const auto r = read("cxml-php/simple-profile-request.xml");
    REQUIRE(r.ok());
    CHECK(document_type(r.value()) == DocumentType::profile_request);
    CHECK(r.value().header.sender.find("AribaNetworkUserId")->identity == "sysadmin@buyer.com");
}

TEST_CASE("conformance: QuoteMessage envelopes parse, bodies not handled", "[conformance]") {
    for (const char* file : {"cxml-php/QuoteMessage.xml", "cxml-php/handling-quote_request.xml"}) {
        INFO(file);
        const auto r = read(file);
        REQUIRE(r.ok());
        CHECK(body_element(r.value()) == "QuoteMessage");
        CHECK(document_type(r.value()) == DocumentType::unsupported);
        CHECK(r.value().header.from.credentials.at(0).identity == "AN00000123");
    }
}

TEST_CASE("conformance: catalog documents", "[conformance]") {
    const auto upload = read("cxml-php/CatalogUploadRequest.xml");
    REQUIRE(upload.ok());
    CHECK(body_element(upload.value()) == "CatalogUploadRequest");
    const auto activity = read("cxml-php/ProductActivityMessage.xml");
    REQUIRE(activity.ok());
    CHECK(body_element(activity.value()) == "ProductActivityMessage");
    const auto index = read("cxml-php/Index.xml");
    REQUIRE_FALSE(index.ok());
    CHECK(index.error().kind == ParseErrorKind::unsupported_document);
    CHECK(index.error().status == 450);
    CHECK(index.error().element == "Index");
}

TEST_CASE("conformance: business-cxml PunchOutSetupRequests (TEST domain, -0500, test mode)",
          "[conformance]") {
    for (int i = 1; i <= 8; ++i) {
        const std::string file = "business-cxml/punchoutsetup" + std::to_string(i) + "-request.xml";
        INFO(file);
        const auto r = read(file);
        REQUIRE(r.ok());
        CHECK(r.value().header.from.credentials.at(0).domain == "TEST");
        CHECK(request_body<PunchOutSetupRequest>(r).buyer_cookie == "buyer1234");
        CHECK(r.value().timestamp.time->offset() == std::chrono::minutes{-300});
    }
    CHECK(deployment_mode(read("business-cxml/punchoutsetup2-request.xml").value()) ==
          DeploymentMode::test);
    const auto full = read("business-cxml/punchoutsetup1-request.xml");
    const auto& s = request_body<PunchOutSetupRequest>(full);
    CHECK(s.ship_to->carriers.at(0).value == "FedEx");
    CHECK(s.ship_to->address.fax->number == "5551212");
    CHECK(s.ship_to->address.phone->extension == "8888");
    CHECK(s.contacts.at(0).phones.at(0).iso_country_code == "CA");
}

TEST_CASE("conformance: business-cxml PunchOutOrderMessages, one with Status 201",
          "[conformance]") {
    const auto one = read("business-cxml/punchoutorder-message.xml");
    REQUIRE(one.ok());
    CHECK(message_body(one).items.at(0).quantity.is_zero());
    const auto two = read("business-cxml/punchoutorder2-message.xml");
    REQUIRE(two.ok());
    CHECK(std::get<Message>(two.value().body).in_reply_to == "123.olderMessage");
    const auto three = read("business-cxml/punchoutorder3-message.xml");
    REQUIRE(three.ok());
    CHECK(std::get<Message>(three.value().body).status->code == 201);
    const auto four = read("business-cxml/punchoutorder4-message.xml");
    REQUIRE(four.ok());
    const auto& m = message_body(four);
    CHECK(m.header.quote_status == QuoteStatus::pending);
    CHECK(m.header.tax->money.amount == dec("0.05"));
    REQUIRE(m.items.size() == 3);
    CHECK(m.items[0].open_quantity == dec("2"));
    CHECK(m.items[0].detail.manufacturer_name == "Gildan");
    CHECK(m.items[0].detail.lead_time == "5");
    CHECK(m.items[0].shipping->money.amount == dec("0.01"));
    CHECK(m.items[2].item_classification == "service");
}

TEST_CASE("conformance: business-cxml profile and status responses", "[conformance]") {
    for (const char* file :
         {"business-cxml/profile-request.xml", "business-cxml/profile2-request.xml"}) {
        INFO(file);
        REQUIRE(read(file).ok());
    }
    const auto profile = read("business-cxml/profile-response.xml");
    REQUIRE(profile.ok());
    const auto& p = std::get<ProfileResponse>(response_of(profile).payload());
    REQUIRE(p.transactions.size() == 2);
    CHECK(p.transactions[1].request_name == "PunchOutSetupRequest");
    CHECK(p.transactions[1].options.at(0).value == "create");

    CHECK(response_of(read("business-cxml/ping-response.xml")).status().message == "Pong!");
    CHECK(response_of(read("business-cxml/unauthorized-response.xml")).status().code == 401);
    CHECK(response_of(read("business-cxml/unknown-response.xml")).status().code == 450);
    for (const char* file : {"business-cxml/punchoutsetup1-response.xml",
                             "business-cxml/punchoutsetup2-response.xml"}) {
        INFO(file);
        const auto r = read(file);
        REQUIRE(r.ok());
        CHECK(document_type(r.value()) == DocumentType::punch_out_setup_response);
    }
}

TEST_CASE("conformance reject: GarbageRequest is refused naming the element", "[conformance]") {
    const auto r = read("business-cxml/garbage-request.xml");
    REQUIRE_FALSE(r.ok());
    CHECK(r.error().kind == ParseErrorKind::unknown_element);
    CHECK(r.error().status == 450);
    CHECK(r.error().element == "GarbageRequest");
    CHECK(r.error().message.find("<GarbageRequest>") != std::string::npos);
    CHECK(r.error().where.path == "cXML/Request/GarbageRequest");
    CHECK(r.error().where.line == 24);
    const Status s = r.error().to_status();
    CHECK(s.code == 450);
    CHECK(s.text == "Not Implemented");
    CHECK(s.message.find("line 24") != std::string::npos);
}

TEST_CASE("conformance reject: a Response with unknown content is refused naming it",
          "[conformance]") {
    const auto r = read("business-cxml/garbage-response.xml");
    REQUIRE_FALSE(r.ok());
    CHECK(r.error().kind == ParseErrorKind::unknown_element);
    CHECK(r.error().status == 400);
    CHECK(r.error().element == "GarbageResponse");
    CHECK(r.error().where.path == "cXML/Response/GarbageResponse");
    CHECK(r.error().where.line == 5);
}

TEST_CASE("conformance reject: not well-formed XML is 406 with line and offset", "[conformance]") {
    const auto r = read("business-cxml/unintelligible-response.xml");
    REQUIRE_FALSE(r.ok());
    CHECK(r.error().status == 406);
    CHECK(r.error().where.line == 5);
    CHECK(r.error().where.offset > 0);
    CHECK(r.error().to_status().text == "Not Acceptable");
}
