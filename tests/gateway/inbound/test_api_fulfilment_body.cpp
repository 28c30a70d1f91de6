// The bodies of the fulfilment routes: what each field becomes, the defaults the
// command-line options have, and a problem naming the field for anything else.
#include "gateway/inbound/api_fulfilment_body.hpp"

#include <catch2/catch.hpp>

using namespace punchout;
using namespace punchout::gateway;

namespace {

template <typename T>
const ApiBodyError& refused(const std::variant<T, ApiBodyError>& read) {
    REQUIRE(std::holds_alternative<ApiBodyError>(read));
    return std::get<ApiBodyError>(read);
}

}  // namespace

TEST_CASE("a confirmation body without fields accepts the whole order", "[api_body]") {
    for (const char* body : {"", "  \n", "{}"}) {
        auto read = read_confirm_body(body);
        REQUIRE(std::holds_alternative<ConfirmationDecision>(read));
        const auto& d = std::get<ConfirmationDecision>(read);
        CHECK(d.rest == catalog::LineStatus::accept);
        CHECK(d.lines.empty());
        CHECK(d.confirm_id.empty());
    }
}

TEST_CASE("a confirmation body splits a line as punchoutctl --line does", "[api_body]") {
    auto read = read_confirm_body(R"({"status": "reject", "delivery_date": "2026-12-20",
        "comment": "partly", "confirm_id": "C-9",
        "lines": [{"line": 2, "quantity": "6", "status": "accept"},
                  {"line": 2, "status": "backordered", "delivery_date": "2027-01-10"}]})");
    REQUIRE(std::holds_alternative<ConfirmationDecision>(read));
    const auto& d = std::get<ConfirmationDecision>(read);
    CHECK(d.rest == catalog::LineStatus::reject);
    CHECK(d.rest_delivery_date == "2026-12-20");
    CHECK(d.comment == "partly");
    CHECK(d.confirm_id == "C-9");
    REQUIRE(d.lines.size() == 2);
    CHECK(d.lines[0].line_number == 2);
    CHECK(d.lines[0].quantity->to_string() == "6");
    CHECK(d.lines[0].status == catalog::LineStatus::accept);
    CHECK(!d.lines[1].quantity);
    CHECK(d.lines[1].status == catalog::LineStatus::backordered);
    CHECK(d.lines[1].delivery_date == "2027-01-10");
}

TEST_CASE("what is wrong with a fulfilment body is named by its path", "[api_body]") {
    CHECK(refused(read_confirm_body("{\"status\": \"maybe\"}")).field == "status");
    CHECK(refused(read_confirm_body("{\"lines\": [{\"quantity\": 1}]}")).field == "lines[0].line");
    CHECK(refused(read_confirm_body("{\"lines\": [{\"line\": 0}]}")).field == "lines[0].line");
    CHECK(refused(read_confirm_body("{\"lines\": [{\"line\": 1.5}]}")).field == "lines[0].line");
    CHECK(refused(read_confirm_body("{\"lines\": {}}")).field == "lines");
    CHECK(refused(read_confirm_body("{\"lines\": [7]}")).field == "lines[0]");
    CHECK(refused(read_confirm_body("{\"comentt\": \"x\"}")).field == "comentt");
    CHECK(refused(read_confirm_body("[]")).field.empty());
    CHECK(refused(read_confirm_body("{\"status\": ")).malformed);

    const auto no_carrier = read_ship_body("{\"tracking\": \"1Z\"}");
    const auto& carrier = refused(no_carrier);
    CHECK(carrier.field == "carrier");
    CHECK(carrier.message == "is missing");
    CHECK(refused(read_ship_body(R"({"carrier": "DHL", "tracking": 5})")).field == "tracking");
    CHECK(refused(read_ship_body(R"({"carrier": "DHL", "tracking": "1", "lines": [{"line": 1}]})"))
              .field == "lines[0].quantity");
    CHECK(refused(read_ship_body(R"({"carrier": "DHL", "tracking": "1", "lines": [{"line": 1,
        "quantity": "two"}]})"))
              .field == "lines[0].quantity");

    CHECK(refused(read_invoice_body(R"({"due_days": -1})")).field == "due_days");
    CHECK(refused(read_invoice_body(R"({"due_days": 18446744073709551615})")).field == "due_days");
    CHECK(refused(read_invoice_body(R"({"line_tax": "yes"})")).field == "line_tax");
    CHECK(refused(read_invoice_body(R"({"tax_rate": []})")).field == "tax_rate");

    CHECK(refused(read_status_body("{}")).field == "message");
    CHECK(refused(read_status_body(R"({"message": ""})")).field == "message");
    CHECK(refused(read_status_body(R"({"message": "x", "code": 42})")).field == "code");
}

TEST_CASE("a shipment, an invoice and a status update read as the commands take them",
          "[api_body]") {
    auto ship = read_ship_body(R"({"carrier": "DHL", "tracking": "1Z9", "tracking_url":
        "https://track.example/1Z9", "shipment_id": "S-1", "lines": [{"line": 1, "quantity": 2.5}]})");
    REQUIRE(std::holds_alternative<catalog::NewShipment>(ship));
    const auto& s = std::get<catalog::NewShipment>(ship);
    CHECK(s.carrier == "DHL");
    CHECK(s.tracking_url == "https://track.example/1Z9");
    REQUIRE(s.lines.size() == 1);
    CHECK(s.lines[0].quantity.to_string() == "2.5");

    auto inv = read_invoice_body("");
    REQUIRE(std::holds_alternative<catalog::NewInvoice>(inv));
    CHECK(std::get<catalog::NewInvoice>(inv).due_days == 30);
    CHECK(std::get<catalog::NewInvoice>(inv).tax_category == "vat");
    auto taxed = read_invoice_body(R"({"tax_rate": "25.5", "shipping": 12, "line_tax": true})");
    REQUIRE(std::holds_alternative<catalog::NewInvoice>(taxed));
    CHECK(std::get<catalog::NewInvoice>(taxed).tax_rate.to_string() == "25.5");
    CHECK(std::get<catalog::NewInvoice>(taxed).shipping.to_string() == "12");
    CHECK(std::get<catalog::NewInvoice>(taxed).tax_in_line);

    auto status = read_status_body(R"({"message": "Delayed by a week"})");
    REQUIRE(std::holds_alternative<StatusUpdateBody>(status));
    CHECK(std::get<StatusUpdateBody>(status).code == 200);
}
