#include "gateway/inbound/cxml_reply.hpp"

#include "cxml/write.hpp"

namespace punchout::gateway {

http::status http_status_for(unsigned cxml_code) noexcept {
    switch (cxml_code) {
        case 413: return http::status::payload_too_large;
        case 500: return http::status::internal_server_error;
        case 560: return http::status::service_unavailable;
        default: return http::status::ok;
    }
}

Response cxml_text_response(unsigned version, bool keep_alive, unsigned cxml_code,
                            std::string body) {
    return make_response(version, keep_alive, http_status_for(cxml_code),
                         "text/xml; charset=UTF-8", std::move(body));
}

Response cxml_response(unsigned version, bool keep_alive, const cxml::Document& doc,
                       std::string_view cxml_version) {
    cxml::WriteOptions options;
    options.version = std::string(cxml_version);
    unsigned code = 200;
    if (const auto* r = std::get_if<cxml::Response>(&doc.body)) code = r->status().code;
    return cxml_text_response(version, keep_alive, code, cxml::write(doc, options));
}

Response cxml_status_response(unsigned version, bool keep_alive, unsigned code,
                              std::string message) {
    return cxml_response(version, keep_alive,
                         cxml::make_status_response(cxml::make_status(code, std::move(message))));
}

}  // namespace punchout::gateway
