#include "gateway/inbound/api_fulfilment_body.hpp"

#include <algorithm>
#include <cctype>

namespace punchout::gateway {
namespace {

using nlohmann::json;
using namespace api_body;

// An action with no options is often posted without a body.
std::string_view or_empty_object(std::string_view body) {
    const bool blank =
        std::all_of(body.begin(), body.end(), [](unsigned char c) { return std::isspace(c) != 0; });
    return blank ? std::string_view("{}") : body;
}

// The "lines" array of a body, each element an object.
const json* line_array(const json& body) {
    const auto it = body.find("lines");
    if (it == body.end())
        return nullptr;
    if (!it->is_array())
        throw ShapeError{"lines", std::string("must be an array, not ") + it->type_name()};
    for (std::size_t i = 0; i < it->size(); ++i)
        need_object((*it)[i], "lines[" + std::to_string(i) + "]");
    return &*it;
}

int line_number(const json& line, const std::string& where) {
    const auto n = optional_integer(line, where, "line", 1, 1000000);
    if (!n)
        throw ShapeError{member(where, "line"), "is missing"};
    return static_cast<int>(*n);
}

catalog::LineStatus line_status(const json& object, const std::string& where) {
    const auto text = optional_text(object, where, "status");
    if (!text)
        return catalog::LineStatus::accept;
    const auto status = catalog::parse_line_status(*text);
    if (!status) {
        throw ShapeError{member(where, "status"),
                         "'" + *text + "' must be accept, backordered or reject"};
    }
    return *status;
}

ConfirmationDecision confirm_shape(const json& body) {
    need_object(body, "");
    only_fields(body, "", {"status", "delivery_date", "comment", "confirm_id", "lines"});
    ConfirmationDecision d;
    d.rest = line_status(body, "");
    d.rest_delivery_date = optional_text(body, "", "delivery_date").value_or("");
    d.comment = optional_text(body, "", "comment").value_or("");
    d.confirm_id = optional_text(body, "", "confirm_id").value_or("");
    if (const json* lines = line_array(body)) {
        for (std::size_t i = 0; i < lines->size(); ++i) {
            const json& line = (*lines)[i];
            const std::string where = "lines[" + std::to_string(i) + "]";
            only_fields(line, where, {"line", "quantity", "status", "delivery_date"});
            d.lines.push_back({line_number(line, where), optional_amount(line, where, "quantity"),
                               line_status(line, where),
                               optional_text(line, where, "delivery_date").value_or("")});
        }
    }
    return d;
}

catalog::NewShipment ship_shape(const json& body) {
    need_object(body, "");
    only_fields(body, "",
                {"carrier", "tracking", "tracking_url", "delivery_date", "shipment_id", "lines"});
    catalog::NewShipment s;
    s.carrier = text(body, "", "carrier");
    s.tracking = text(body, "", "tracking");
    s.tracking_url = optional_text(body, "", "tracking_url").value_or("");
    s.delivery_date = optional_text(body, "", "delivery_date").value_or("");
    s.shipment_id = optional_text(body, "", "shipment_id").value_or("");
    if (const json* lines = line_array(body)) {
        for (std::size_t i = 0; i < lines->size(); ++i) {
            const json& line = (*lines)[i];
            const std::string where = "lines[" + std::to_string(i) + "]";
            only_fields(line, where, {"line", "quantity"});
            s.lines.push_back({line_number(line, where), amount(line, where, "quantity")});
        }
    }
    return s;
}

catalog::NewInvoice invoice_shape(const json& body) {
    need_object(body, "");
    only_fields(body, "",
                {"tax_rate", "tax_category", "shipping", "due_days", "line_tax", "invoice_id"});
    catalog::NewInvoice in;
    in.tax_rate = optional_amount(body, "", "tax_rate").value_or(catalog::Amount());
    in.tax_category = optional_text(body, "", "tax_category").value_or("vat");
    in.shipping = optional_amount(body, "", "shipping").value_or(catalog::Amount());
    in.due_days = static_cast<int>(optional_integer(body, "", "due_days", 0, 3650).value_or(30));
    in.tax_in_line = optional_boolean(body, "", "line_tax").value_or(false);
    in.invoice_number = optional_text(body, "", "invoice_id").value_or("");
    return in;
}

StatusUpdateBody status_shape(const json& body) {
    need_object(body, "");
    only_fields(body, "", {"code", "message"});
    StatusUpdateBody s;
    s.code = static_cast<unsigned>(optional_integer(body, "", "code", 100, 999).value_or(200));
    s.message = text(body, "", "message");
    if (s.message.empty())
        throw ShapeError{"message", "is empty: say what the buyer should know"};
    return s;
}

}  // namespace

std::variant<ConfirmationDecision, ApiBodyError> read_confirm_body(std::string_view body) {
    return read<ConfirmationDecision>(or_empty_object(body), confirm_shape);
}

std::variant<catalog::NewShipment, ApiBodyError> read_ship_body(std::string_view body) {
    return read<catalog::NewShipment>(or_empty_object(body), ship_shape);
}

std::variant<catalog::NewInvoice, ApiBodyError> read_invoice_body(std::string_view body) {
    return read<catalog::NewInvoice>(or_empty_object(body), invoice_shape);
}

std::variant<StatusUpdateBody, ApiBodyError> read_status_body(std::string_view body) {
    return read<StatusUpdateBody>(or_empty_object(body), status_shape);
}

}  // namespace punchout::gateway
