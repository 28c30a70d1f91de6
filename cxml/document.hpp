#pragma once

#include "cxml/confirmation_request.hpp"
#include "cxml/date_time.hpp"
#include "cxml/header.hpp"
#include "cxml/invoice_detail_request.hpp"
#include "cxml/order_request.hpp"
#include "cxml/order_status_request.hpp"
#include "cxml/profile_request.hpp"
#include "cxml/profile_response.hpp"
#include "cxml/punch_out_order_message.hpp"
#include "cxml/punch_out_setup_request.hpp"
#include "cxml/punch_out_setup_response.hpp"
#include "cxml/ship_notice_request.hpp"
#include "cxml/status.hpp"
#include "cxml/status_update_request.hpp"

#include <cstddef>
#include <optional>
#include <string>
#include <string_view>
#include <utility>
#include <variant>

namespace punchout::cxml {

/// `deploymentMode` of a Request or Message.
enum class DeploymentMode { production, test };

/// The cXML word: "production", "test".
std::string_view to_string(DeploymentMode mode) noexcept;

/// A body element that the cXML DTDs define but this library does not model (CopyRequest,
/// CatalogUploadRequest, QuoteMessage, ...). The envelope still parses; answer 450 naming
/// `element`.
struct Unsupported {
    std::string element;  ///< the element name as sent

    bool operator==(const Unsupported&) const = default;
};

/// What a Request carries.
using RequestPayload = std::variant<ProfileRequest, PunchOutSetupRequest, OrderRequest,
                                    ConfirmationRequest, ShipNoticeRequest, StatusUpdateRequest,
                                    OrderStatusRequest, InvoiceDetailRequest, Unsupported>;

/// A cXML `Request`.
struct Request {
    DeploymentMode deployment_mode = DeploymentMode::production;  ///< `deploymentMode`
    RequestPayload payload;

    bool operator==(const Request&) const = default;
};

/// What a Response may carry besides its Status (monostate: nothing).
using ResponsePayload =
    std::variant<std::monostate, ProfileResponse, PunchOutSetupResponse, Unsupported>;

/// A cXML `Response`: a Status, and a response element only when the status is 2xx. The
/// rule is kept by construction: a payload with a non-2xx status throws
/// std::invalid_argument (a programming error; the reader drops such payloads instead).
class Response {
public:
    /// 200 OK, nothing else.
    Response() = default;
    /// `status` alone.
    explicit Response(Status status) : status_(std::move(status)) {}
    /// `status` and a response element; throws std::invalid_argument unless 2xx.
    Response(Status status, ResponsePayload payload);

    const Status& status() const noexcept { return status_; }
    const ResponsePayload& payload() const noexcept { return payload_; }
    /// True when a response element is present.
    bool has_payload() const noexcept { return payload_.index() != 0; }

    /// Replaces the status; a non-2xx status drops the response element.
    void set_status(Status status);

    bool operator==(const Response&) const = default;

private:
    Status status_;
    ResponsePayload payload_;
};

/// What a Message carries.
using MessagePayload = std::variant<PunchOutOrderMessage, Unsupported>;

/// A cXML `Message` (one-way: the punchout cart).
struct Message {
    DeploymentMode deployment_mode = DeploymentMode::production;  ///< `deploymentMode`
    std::string in_reply_to;                                      ///< `inReplyTo`
    std::optional<Status> status;                                 ///< `Status`
    MessagePayload payload;

    bool operator==(const Message&) const = default;
};

/// The kind of document, by its body element.
enum class DocumentType {
    profile_request,
    punch_out_setup_request,
    order_request,
    confirmation_request,
    ship_notice_request,
    status_update_request,
    order_status_request,
    invoice_detail_request,
    status_response,  ///< a Response with only a Status
    profile_response,
    punch_out_setup_response,
    punch_out_order_message,
    unsupported,  ///< see `Unsupported`
};

/// The element name ("OrderRequest", "PunchOutOrderMessage"; "Response" for a plain
/// status response; "unsupported").
std::string_view to_string(DocumentType type) noexcept;

/// The DTD module that validates a document type: `Fulfill.dtd` for Confirmation,
/// ShipNotice and OrderStatus requests, `InvoiceDetail.dtd` for invoices, `cXML.dtd`
/// otherwise.
std::string_view dtd_module(DocumentType type) noexcept;

/// A cXML document: the `cXML` envelope and its body.
struct Document {
    std::string payload_id;  ///< `payloadID`
    DateTime timestamp;      ///< `timestamp`
    std::string version;     ///< `version` as read (the writer writes its own version)
    std::string lang;        ///< `xml:lang`, empty when absent
    Header header;           ///< `Header` (Request and Message only; unused for Response)
    std::variant<Request, Response, Message> body;

    bool operator==(const Document&) const = default;
};

/// The document type of `doc`.
DocumentType document_type(const Document& doc) noexcept;

/// The body element name, including the name of an unsupported one ("CopyRequest").
std::string_view body_element(const Document& doc) noexcept;

/// The deployment mode of a Request or Message; nothing for a Response.
std::optional<DeploymentMode> deployment_mode(const Document& doc) noexcept;

/// Number of line items (ItemIn, ItemOut, ConfirmationItem, ShipNoticeItem,
/// InvoiceDetailItem, OrderStatusRequestItem) in the body.
std::size_t line_count(const Document& doc) noexcept;

/// A new envelope around `body`: a fresh payloadID (see make_payload_id) and the current
/// time in UTC. `host` names this machine in the payloadID.
Document make_document(std::variant<Request, Response, Message> body, std::string_view host = {});

/// A Response document carrying only `status`.
Document make_status_response(Status status, std::string_view host = {});

/// A Response document with a 200 status and `payload`.
Document make_response(ResponsePayload payload, std::string_view host = {});

}  // namespace punchout::cxml
