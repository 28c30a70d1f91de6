#pragma once

#include <boost/asio/io_context.hpp>
#include <boost/asio/ssl/context.hpp>
#include <boost/system/error_code.hpp>
#include <chrono>
#include <functional>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace punchout::gateway {

/// An http(s) URL split into what a request needs.
struct Url {
    bool tls = false;
    std::string host;    ///< without brackets for IPv6
    std::string port;    ///< always set ("443" by default for https)
    std::string target;  ///< path and query, at least "/"

    /// Parses http:// and https:// URLs; nothing for anything else (or userinfo, fragments).
    static std::optional<Url> parse(std::string_view text);
    /// `host[:port]` as the Host header wants it.
    std::string authority() const;
};

/// True when `host_list` is empty (no restriction) or names the host of `url`, ASCII case
/// ignored; an entry with a port (`buyer.example:8443`) also requires that port. Used for
/// the buyer's allowed BrowserFormPost / HOOK_URL hosts.
bool host_allowed(std::string_view url, const std::vector<std::string>& host_list);

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

/// POSTs `body` to `url` once, within `timeout` for the whole exchange, and calls `done`
/// on the io_context. TLS verifies the certificate chain and the host name (SNI set).
/// The answer is read up to 8 MB.
void async_post(boost::asio::io_context& ioc, boost::asio::ssl::context& tls, const Url& url,
                std::string body, std::string content_type, std::chrono::milliseconds timeout,
                std::function<void(HttpResult)> done);

}  // namespace punchout::gateway
