#include "gateway/inbound/cxml_endpoint.hpp"

#include "cxml/mime_package.hpp"
#include "cxml/parse.hpp"
#include "cxml/redaction.hpp"
#include "cxml/write.hpp"
#include "gateway/http/content_coding.hpp"
#include "gateway/inbound/cxml_reply.hpp"
#include "gateway/inbound/parse_refusal.hpp"
#include "gateway/service/authenticator.hpp"
#include "gateway/service/punchout_setup.hpp"

namespace punchout::gateway {
namespace {

bool ascii_iequals_prefix(std::string_view text, std::string_view prefix) {
    if (text.size() < prefix.size())
        return false;
    for (std::size_t i = 0; i < prefix.size(); ++i) {
        char a = text[i], b = prefix[i];
        if (a >= 'A' && a <= 'Z')
            a = static_cast<char>(a - 'A' + 'a');
        if (a != b)
            return false;
    }
    return true;
}

// text/xml and application/xml with any charset label, and the +xml family. A post
// without a Content-Type is read if it looks like XML: some older systems send none.
bool acceptable_content_type(std::string_view type, std::string_view body) {
    if (type.empty()) {
        const auto first = body.find_first_not_of(" \t\r\n\xEF\xBB\xBF");
        return first != std::string_view::npos && body[first] == '<';
    }
    const auto semi = type.find(';');
    std::string_view mime = type.substr(0, semi);
    while (!mime.empty() && (mime.back() == ' ' || mime.back() == '\t'))
        mime.remove_suffix(1);
    if (ascii_iequals_prefix(mime, "text/xml") && mime.size() == 8)
        return true;
    if (ascii_iequals_prefix(mime, "application/xml") && mime.size() == 15)
        return true;
    return mime.size() > 4 && ascii_iequals_prefix(mime.substr(mime.size() - 4), "+xml");
}

// The charset parameter of a Content-Type value ("" when it names none).
std::string charset_of(std::string_view type) {
    for (std::size_t semi = type.find(';'); semi != std::string_view::npos;
         semi = type.find(';', semi + 1)) {
        std::string_view param = type.substr(semi + 1);
        param = param.substr(0, param.find(';'));
        const auto start = param.find_first_not_of(" \t");
        if (start == std::string_view::npos)
            continue;
        param.remove_prefix(start);
        if (!ascii_iequals_prefix(param, "charset="))
            continue;
        std::string_view value = param.substr(8);
        while (!value.empty() && (value.back() == ' ' || value.back() == '\t'))
            value.remove_suffix(1);
        if (value.size() >= 2 && value.front() == '"' && value.back() == '"')
            value = value.substr(1, value.size() - 2);
        return std::string(value);
    }
    return {};
}

Refusal coding_refusal(const ContentCodingError& e) {
    switch (e.kind) {
        case ContentCodingFailure::too_large:
            return Refusal::too_large(e.message);
        case ContentCodingFailure::malformed:
            return Refusal::malformed(e.message);
        case ContentCodingFailure::unsupported:
            break;
    }
    return Refusal::wrong_media_type(e.message);
}

Refusal mime_refusal(const cxml::MimeError& e) {
    switch (e.kind) {
        case cxml::MimeErrorKind::too_large:
            return Refusal::too_large(e.message);
        case cxml::MimeErrorKind::malformed:
            return Refusal::malformed(e.message);
        case cxml::MimeErrorKind::unsupported:
            break;
    }
    return Refusal::wrong_media_type(e.message);
}

std::string_view request_name(const cxml::RequestPayload& payload) {
    return std::visit(
        [](const auto& p) -> std::string_view {
            using T = std::decay_t<decltype(p)>;
            if constexpr (std::is_same_v<T, cxml::ProfileRequest>)
                return "ProfileRequest";
            if constexpr (std::is_same_v<T, cxml::PunchOutSetupRequest>)
                return "PunchOutSetupRequest";
            if constexpr (std::is_same_v<T, cxml::OrderRequest>)
                return "OrderRequest";
            if constexpr (std::is_same_v<T, cxml::ConfirmationRequest>)
                return "ConfirmationRequest";
            if constexpr (std::is_same_v<T, cxml::ShipNoticeRequest>)
                return "ShipNoticeRequest";
            if constexpr (std::is_same_v<T, cxml::StatusUpdateRequest>)
                return "StatusUpdateRequest";
            if constexpr (std::is_same_v<T, cxml::OrderStatusRequest>)
                return "OrderStatusRequest";
            if constexpr (std::is_same_v<T, cxml::InvoiceDetailRequest>)
                return "InvoiceDetailRequest";
            if constexpr (std::is_same_v<T, cxml::Unsupported>)
                return p.element;
            return "unknown";
        },
        payload);
}

cxml::Document profile_response(const Config& config) {
    cxml::ProfileResponse profile;
    profile.effective_date = cxml::Timestamp::now();
    const std::string url = config.public_url + "/cxml";
    for (const char* name :
         {"ProfileRequest", "PunchOutSetupRequest", "OrderRequest", "OrderStatusRequest"}) {
        profile.transactions.push_back(cxml::ProfileTransaction{name, url, {}});
    }
    profile.options.push_back(cxml::ProfileOption{"Service.Name", config.supplier.name});
    return cxml::make_response(profile);
}

}  // namespace

CxmlEndpoint::CxmlEndpoint(const Config& config, catalog::Database& db, OrderIntake& orders,
                           OrderStatusService& status, Logger& logger)
    : config_(config), db_(db), orders_(orders), status_(status), logger_(logger) {}

void CxmlEndpoint::handle(RequestInfo& info, Request&& req, Responder respond) {
    auto refuse = [&](const Refusal& refusal) {
        respond(cxml_refusal(req.version(), req.keep_alive(), refusal, info, logger_));
    };
    // A compressed body is decoded within the same limit as a plain one.
    auto decoded = decode_content_encoding(req[http::field::content_encoding],
                                           std::move(req.body()), config_.cxml_body_limit);
    if (!decoded)
        return refuse(coding_refusal(decoded.error()));
    std::string body = std::move(decoded.value());

    const std::string_view type = req[http::field::content_type];
    std::string charset = charset_of(type);
    std::vector<catalog::OrderAttachment> files;
    if (cxml::is_multipart(type)) {
        // SAP Ariba's OrderRequest with attachments: the cXML is the root part.
        cxml::MimeLimits limits;
        limits.max_total_bytes = config_.cxml_body_limit;
        limits.max_part_bytes = config_.cxml_body_limit;
        auto package = cxml::parse_multipart(type, body, limits);
        if (!package)
            return refuse(mime_refusal(package.error()));
        auto& root = package.value().root;
        if (!acceptable_content_type(root.content_type, root.body)) {
            return refuse(Refusal::wrong_media_type(
                "The root part of the multipart body is '" + root.content_type +
                "'; it must be the cXML document (text/xml or application/xml)."));
        }
        for (auto& part : package.value().attachments) {
            catalog::OrderAttachment f;
            f.content_id = std::move(part.content_id);
            f.content_type = std::move(part.content_type);
            f.filename = std::move(part.filename);
            f.content = std::move(part.body);
            files.push_back(std::move(f));
        }
        info.log("attachments", std::to_string(files.size()));
        charset = std::move(root.charset);
        body = std::move(root.body);
    } else if (!acceptable_content_type(type, body)) {
        return refuse(Refusal::wrong_media_type(
            "Content-Type '" + std::string(type) +
            "' is not accepted here; post cXML as text/xml or application/xml, or with "
            "attachments as multipart/related."));
    }
    if (config_.log_documents) {
        logger_.write(LogLine("debug", "cxml_document")
                          .add("id", info.id)
                          .add("document", cxml::redact_secrets(body)));
    }
    dispatch(info, req, body, charset, std::move(files), respond);
}

void CxmlEndpoint::dispatch(RequestInfo& info, Request& req, const std::string& body,
                            const std::string& charset, std::vector<catalog::OrderAttachment> files,
                            Responder& respond) {
    const unsigned version = req.version();
    const bool keep_alive = req.keep_alive();
    auto refuse = [&](const Refusal& refusal) {
        respond(cxml_refusal(version, keep_alive, refusal, info, logger_));
    };

    cxml::ParseOptions limits;
    limits.max_bytes = config_.cxml_body_limit;
    limits.charset = charset;
    auto parsed = cxml::parse(body, limits);
    if (!parsed) {
        info.log("parse_error", std::string(cxml::to_string(parsed.error().kind)));
        return refuse(refusal_from(parsed.error()));
    }
    const auto& doc = parsed.value();
    info.log("payload_id", doc.payload_id);
    const auto* request = std::get_if<cxml::Request>(&doc.body);
    if (!request) {
        const auto type = cxml::body_element(doc);
        info.log("doc", std::string(type));
        return refuse(Refusal::invalid(
            "POST /cxml takes a cXML Request; this document is a " +
            std::string(std::holds_alternative<cxml::Response>(doc.body) ? "Response" : "Message") +
            " (" + std::string(type) + ")."));
    }
    const auto name = std::string(request_name(request->payload));
    info.log("doc", name);

    std::optional<Outcome<Authenticated>> auth;
    {
        auto conn = db_.connect();
        auth.emplace(authenticate(conn, doc.header, config_.supplier, cxml::Timestamp::now(),
                                  info.client_certificate_sha256));
    }
    if (!*auth)
        return refuse(auth->refusal());
    const Authenticated& who = auth->value();
    info.log("buyer", who.buyer.id);
    info.log("sender", who.sender.id);
    // From here the buyer is known, and its system may read only the HTTP status.
    const bool mirror = who.buyer.http_status == catalog::HttpStatusRule::mirror;
    auto refuse_buyer = [&](const Refusal& refusal) {
        respond(cxml_refusal(version, keep_alive, refusal, info, logger_, mirror));
    };

    if (std::holds_alternative<cxml::ProfileRequest>(request->payload)) {
        return respond(cxml_response(version, keep_alive, profile_response(config_),
                                     who.buyer.cxml_version, info));
    }
    if (const auto* setup = std::get_if<cxml::PunchOutSetupRequest>(&request->payload)) {
        auto conn = db_.connect();
        auto opened = punchout_setup(conn, config_, who, doc, *setup, body, info);
        if (!opened)
            return refuse_buyer(opened.refusal());
        cxml::PunchOutSetupResponse response;
        response.start_page_url = opened->start_url;
        return respond(cxml_response(version, keep_alive, cxml::make_response(response),
                                     who.buyer.cxml_version, info));
    }
    if (const auto* order = std::get_if<cxml::OrderRequest>(&request->payload)) {
        // `info` lives until the answer is sent; the access-log line is written then.
        orders_.handle(
            who, doc, *order, body, info,
            [this, respond, version, keep_alive, mirror, &info](Outcome<OrderReceipt> r) {
                if (!r)
                    return respond(
                        cxml_refusal(version, keep_alive, r.refusal(), info, logger_, mirror));
                respond(cxml_answer(version, keep_alive, r->answer, info));
            },
            std::move(files));
        return;
    }
    if (const auto* status = std::get_if<cxml::OrderStatusRequest>(&request->payload)) {
        status_.handle(
            who, doc, *status, info,
            [this, respond, version, keep_alive, mirror, &info](Outcome<WrittenAnswer> r) {
                if (!r)
                    return respond(
                        cxml_refusal(version, keep_alive, r.refusal(), info, logger_, mirror));
                respond(cxml_answer(version, keep_alive, *r, info));
            });
        return;
    }
    if (std::holds_alternative<cxml::Unsupported>(request->payload)) {
        return refuse_buyer(
            Refusal::unsupported(name +
                                 " is not implemented by this gateway. It accepts ProfileRequest, "
                                 "PunchOutSetupRequest, OrderRequest and OrderStatusRequest."));
    }
    return refuse_buyer(Refusal::unsupported(
        name +
        " is a document a supplier sends, not one it receives; this gateway accepts "
        "ProfileRequest, PunchOutSetupRequest, OrderRequest and OrderStatusRequest."));
}

Route cxml_route(const Config& config, Logger& logger, std::function<CxmlEndpoint*()> cxml) {
    Route route;
    route.name = "cxml";
    route.path = "/cxml";
    route.methods = {http::verb::post};
    route.body_limit = config.cxml_body_limit;
    route.error = cxml_transport_error;
    route.handler = [&logger, cxml](RequestInfo& info, Request&& req, Responder respond) {
        if (auto* endpoint = cxml())
            return endpoint->handle(info, std::move(req), std::move(respond));
        respond(cxml_refusal(req.version(), req.keep_alive(),
                             Refusal::busy("The gateway is starting; try again shortly."), info,
                             logger));
    };
    return route;
}

}  // namespace punchout::gateway
