#pragma once

#include "gateway/service/url_policy.hpp"

#include <chrono>
#include <functional>
#include <optional>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include <boost/asio/io_context.hpp>
#include <boost/asio/ssl/context.hpp>
#include <boost/system/error_code.hpp>

namespace punchout::gateway {

/// The outcome of one POST: either a transport error (with the step that failed) or an HTTP
/// status and body.
struct HttpResult {
    boost::system::error_code error;  ///< set when no HTTP answer was received
    std::string failed_step;          ///< "resolve", "connect", "tls", "send", "receive"
    unsigned status = 0;
    std::string content_type;
    std::string body;

    bool transport_failed() const { return static_cast<bool>(error); }
    /// A one-line description for logs and the outbox's last_error.
    std::string describe() const;
};

/// Header fields a POST adds to its own (Host, User-Agent, Content-Type, Connection).
using HttpHeaders = std::vector<std::pair<std::string, std::string>>;

/// POSTs `body` to `url` once, within `timeout` for the whole exchange, and calls `done`
/// on the io_context. TLS verifies the certificate chain and the host name (SNI set).
/// The answer is read up to 8 MB.
void async_post(boost::asio::io_context& ioc, boost::asio::ssl::context& tls, const Url& url,
                std::string body, std::string content_type, std::chrono::milliseconds timeout,
                std::function<void(HttpResult)> done, const HttpHeaders& headers = {});

}  // namespace punchout::gateway
