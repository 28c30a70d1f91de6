// Small functions of the model types: enumeration names, status texts, document helpers.
#include "cxml/detail/names.hpp"
#include "cxml/detail/text.hpp"
#include "cxml/document.hpp"
#include "cxml/extrinsic.hpp"
#include "cxml/payload_id.hpp"
#include "cxml/status.hpp"

#include <stdexcept>

namespace punchout::cxml {

std::string_view to_string(DocumentOperation op) noexcept {
    return detail::name_of(detail::document_operation_names, op);
}
std::string_view to_string(ConfirmationInstruction instruction) noexcept {
    return detail::name_of(detail::confirmation_instruction_names, instruction);
}
std::string_view to_string(ShipNoticeInstruction instruction) noexcept {
    return detail::name_of(detail::ship_notice_instruction_names, instruction);
}
std::string_view to_string(PunchOutOperation op) noexcept {
    return detail::name_of(detail::punch_out_operation_names, op);
}
std::string_view to_string(QuoteStatus status) noexcept {
    return detail::name_of(detail::quote_status_names, status);
}
std::string_view to_string(DeploymentMode mode) noexcept {
    return detail::name_of(detail::deployment_mode_names, mode);
}
std::string_view to_string(ConfirmationType type) noexcept {
    return detail::name_of(detail::confirmation_type_names, type);
}
std::string_view to_string(ConfirmationStatusType type) noexcept {
    return detail::name_of(detail::confirmation_status_type_names, type);
}

std::string_view to_string(InvoiceOrigin origin) noexcept {
    return detail::name_of(detail::invoice_origin_names, origin);
}

std::string_view to_string(InvoicePurpose purpose) noexcept {
    return detail::name_of(detail::invoice_purpose_names, purpose);
}

const std::string* find_extrinsic(const Extrinsics& extrinsics, std::string_view name) noexcept {
    for (const auto& e : extrinsics) {
        if (detail::iequals(e.name, name))
            return &e.value;
    }
    return nullptr;
}

std::string_view status_text(unsigned code) noexcept {
    // The texts cXML documents use for the common codes (cXML User's Guide, Status).
    switch (code) {
        case 200:
            return "OK";
        case 201:
            return "Accepted";
        case 204:
            return "No Content";
        case 280:
            return "Forwarded";
        case 281:
            return "Acknowledged";
        case 400:
            return "Bad Request";
        case 401:
            return "Unauthorized";
        case 402:
            return "Payment Required";
        case 403:
            return "Forbidden";
        case 406:
            return "Not Acceptable";
        case 409:
            return "Conflict";
        case 412:
            return "Precondition Failed";
        case 413:
            return "Request Entity Too Large";
        case 450:
            return "Not Implemented";
        case 475:
            return "Signature Required";
        case 476:
            return "Signature Verification Failed";
        case 477:
            return "Signature Unacceptable";
        case 500:
            return "Internal Server Error";
        case 550:
            return "Unable to reach cXML server";
        case 551:
            return "Unable to forward request";
        case 560:
            return "Temporary server error";
        default:
            break;
    }
    if (code >= 200 && code < 300)
        return "OK";
    if (code >= 400 && code < 500)
        return "Bad Request";
    return "Internal Server Error";
}

Status make_status(unsigned code, std::string message) {
    Status s;
    s.code = code;
    s.text = std::string(status_text(code));
    s.message = std::move(message);
    return s;
}

Response::Response(Status status, ResponsePayload payload)
    : status_(std::move(status)), payload_(std::move(payload)) {
    if (payload_.index() != 0 && !status_.is_success()) {
        throw std::invalid_argument(
            "a cXML Response carries a response element only with a 2xx "
            "status");
    }
}

void Response::set_status(Status status) {
    status_ = std::move(status);
    if (!status_.is_success())
        payload_ = std::monostate{};
}

std::string_view to_string(DocumentType type) noexcept {
    switch (type) {
        case DocumentType::profile_request:
            return "ProfileRequest";
        case DocumentType::punch_out_setup_request:
            return "PunchOutSetupRequest";
        case DocumentType::order_request:
            return "OrderRequest";
        case DocumentType::confirmation_request:
            return "ConfirmationRequest";
        case DocumentType::ship_notice_request:
            return "ShipNoticeRequest";
        case DocumentType::status_update_request:
            return "StatusUpdateRequest";
        case DocumentType::order_status_request:
            return "OrderStatusRequest";
        case DocumentType::invoice_detail_request:
            return "InvoiceDetailRequest";
        case DocumentType::status_response:
            return "Response";
        case DocumentType::profile_response:
            return "ProfileResponse";
        case DocumentType::punch_out_setup_response:
            return "PunchOutSetupResponse";
        case DocumentType::punch_out_order_message:
            return "PunchOutOrderMessage";
        case DocumentType::unsupported:
            return "unsupported";
    }
    return "unsupported";
}

std::string_view dtd_module(DocumentType type) noexcept {
    switch (type) {
        case DocumentType::confirmation_request:
        case DocumentType::ship_notice_request:
        case DocumentType::order_status_request:
            return "Fulfill.dtd";
        case DocumentType::invoice_detail_request:
            return "InvoiceDetail.dtd";
        default:
            return "cXML.dtd";
    }
}

namespace {

template <class... Ts>
struct overloaded : Ts... {
    using Ts::operator()...;
};
template <class... Ts>
overloaded(Ts...) -> overloaded<Ts...>;

}  // namespace

DocumentType document_type(const Document& doc) noexcept {
    return std::visit(
        overloaded{
            [](const Request& r) {
                return std::visit(
                    overloaded{
                        [](const ProfileRequest&) { return DocumentType::profile_request; },
                        [](const PunchOutSetupRequest&) {
                            return DocumentType::punch_out_setup_request;
                        },
                        [](const OrderRequest&) { return DocumentType::order_request; },
                        [](const ConfirmationRequest&) {
                            return DocumentType::confirmation_request;
                        },
                        [](const ShipNoticeRequest&) { return DocumentType::ship_notice_request; },
                        [](const StatusUpdateRequest&) {
                            return DocumentType::status_update_request;
                        },
                        [](const OrderStatusRequest&) {
                            return DocumentType::order_status_request;
                        },
                        [](const InvoiceDetailRequest&) {
                            return DocumentType::invoice_detail_request;
                        },
                        [](const Unsupported&) { return DocumentType::unsupported; },
                    },
                    r.payload);
            },
            [](const Response& r) {
                return std::visit(
                    overloaded{
                        [](const std::monostate&) { return DocumentType::status_response; },
                        [](const ProfileResponse&) { return DocumentType::profile_response; },
                        [](const PunchOutSetupResponse&) {
                            return DocumentType::punch_out_setup_response;
                        },
                        [](const Unsupported&) { return DocumentType::unsupported; },
                    },
                    r.payload());
            },
            [](const Message& m) {
                return std::holds_alternative<Unsupported>(m.payload)
                           ? DocumentType::unsupported
                           : DocumentType::punch_out_order_message;
            },
        },
        doc.body);
}

std::string_view body_element(const Document& doc) noexcept {
    if (const auto* r = std::get_if<Request>(&doc.body)) {
        if (const auto* u = std::get_if<Unsupported>(&r->payload))
            return u->element;
    } else if (const auto* m = std::get_if<Message>(&doc.body)) {
        if (const auto* u = std::get_if<Unsupported>(&m->payload))
            return u->element;
    } else if (const auto* s = std::get_if<Response>(&doc.body)) {
        if (const auto* u = std::get_if<Unsupported>(&s->payload()))
            return u->element;
    }
    return to_string(document_type(doc));
}

std::optional<DeploymentMode> deployment_mode(const Document& doc) noexcept {
    if (const auto* r = std::get_if<Request>(&doc.body))
        return r->deployment_mode;
    if (const auto* m = std::get_if<Message>(&doc.body))
        return m->deployment_mode;
    return std::nullopt;
}

std::size_t line_count(const Document& doc) noexcept {
    if (const auto* r = std::get_if<Request>(&doc.body)) {
        return std::visit(overloaded{
                              [](const PunchOutSetupRequest& p) { return p.items.size(); },
                              [](const OrderRequest& p) { return p.items.size(); },
                              [](const ConfirmationRequest& p) { return p.items.size(); },
                              [](const ShipNoticeRequest& p) {
                                  std::size_t n = 0;
                                  for (const auto& portion : p.portions)
                                      n += portion.items.size();
                                  return n;
                              },
                              [](const OrderStatusRequest& p) { return p.items.size(); },
                              [](const InvoiceDetailRequest& p) {
                                  std::size_t n = 0;
                                  for (const auto& order : p.orders)
                                      n += order.items.size();
                                  return n;
                              },
                              [](const auto&) { return std::size_t{0}; },
                          },
                          r->payload);
    }
    if (const auto* m = std::get_if<Message>(&doc.body)) {
        if (const auto* p = std::get_if<PunchOutOrderMessage>(&m->payload)) {
            return p->items.size();
        }
    }
    return 0;
}

Document make_document(std::variant<Request, Response, Message> body, std::string_view host) {
    Document doc;
    doc.payload_id = make_payload_id(host);
    doc.timestamp = Timestamp::now();
    doc.body = std::move(body);
    return doc;
}

Document make_status_response(Status status, std::string_view host) {
    return make_document(Response(std::move(status)), host);
}

Document make_response(ResponsePayload payload, std::string_view host) {
    return make_document(Response(make_status(200), std::move(payload)), host);
}

}  // namespace punchout::cxml
