#include "gateway/inbound/cxml_reply.hpp"

#include "gateway/http/refusal_mapping.hpp"

namespace punchout::gateway {
namespace {

constexpr std::string_view xml_type = "text/xml; charset=UTF-8";

std::string status_document(cxml::Status status) {
    return cxml::write(cxml::make_status_response(std::move(status)));
}

}  // namespace

Response cxml_response(unsigned version, bool keep_alive, const cxml::Document& doc,
                       std::string_view cxml_version, RequestInfo& info) {
    if (const auto* r = std::get_if<cxml::Response>(&doc.body))
        info.log("cxml_status", std::to_string(r->status().code));
    cxml::WriteOptions options;
    options.version = std::string(cxml_version);
    return make_response(version, keep_alive, http::status::ok, std::string(xml_type),
                         cxml::write(doc, options));
}

Response cxml_refusal(unsigned version, bool keep_alive, const Refusal& refusal, RequestInfo& info,
                      Logger& logger, bool mirror) {
    auto answer = answer_refusal(refusal, info, logger);
    info.log("cxml_status", std::to_string(answer.status.code));
    // The page status is the HTTP status that means what the cXML code means.
    const auto status = mirror ? answer.page_status : answer.http_status;
    return make_response(version, keep_alive, status, std::string(xml_type),
                         status_document(std::move(answer.status)));
}

Response cxml_answer(unsigned version, bool keep_alive, const WrittenAnswer& answer,
                     RequestInfo& info) {
    info.log("cxml_status", std::to_string(answer.code));
    return make_response(version, keep_alive, http::status::ok, std::string(xml_type), answer.text);
}

WrittenAnswer write_accepted(std::string message) {
    auto status = accepted_status(std::move(message));
    const unsigned code = status.code;
    return WrittenAnswer{code, status_document(std::move(status))};
}

Response cxml_transport_error(unsigned version, http::status status, std::string_view message) {
    auto answer = answer_transport_error(status, std::string(message));
    return make_response(version, false, status, std::string(xml_type),
                         status_document(std::move(answer.status)));
}

}  // namespace punchout::gateway
