#pragma once

#include "gateway/service/log_fields.hpp"

#include <chrono>
#include <functional>
#include <string>
#include <utility>
#include <vector>

#include <boost/beast/http.hpp>

namespace punchout::gateway {

namespace http = boost::beast::http;

using Request = http::request<http::string_body>;
using Response = http::response<http::string_body>;

/// What the transport knows about a request, and what the handler adds for the access log.
struct RequestInfo : LogFields {
    std::string id;      ///< random reference id, echoed in 500 answers and the log
    std::string remote;  ///< peer address
    std::string local;   ///< the address and port the request came in at ("127.0.0.1:8443")
    bool tls = false;
    /// SHA-256 (hex) of the TLS client certificate, "" when none was presented.
    std::string client_certificate_sha256;
    std::chrono::steady_clock::time_point started{};
    /// Path to log instead of the real one (storefront URLs carry session keys).
    std::string log_path;
};

/// Sends the response for one request. May be called from any thread, exactly once.
using Responder = std::function<void(Response)>;

/// A route's handler: called on the connection's strand; may answer later from any thread.
using Handler = std::function<void(RequestInfo& info, Request&& req, Responder respond)>;

/// Builds a response with the common headers set.
Response make_response(const Request& req, http::status status, std::string content_type,
                       std::string body);
/// The same, for answers the transport makes before a full request exists.
Response make_response(unsigned version, bool keep_alive, http::status status,
                       std::string content_type, std::string body);

}  // namespace punchout::gateway
