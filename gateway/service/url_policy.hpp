#pragma once

#include "catalog/buyer.hpp"

#include <optional>
#include <string>
#include <string_view>
#include <vector>

// Where the gateway sends things: carts back through the user's browser, documents to the
// buyer's system. One rule each, for cXML, OCI and the storefront alike.
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
/// ignored; an entry with a port (`buyer.example:8443`) also requires that port.
bool host_allowed(std::string_view url, const std::vector<std::string>& host_list);

/// Whether a cart may be posted back to a URL (BrowserFormPost, HOOK_URL).
enum class PostbackCheck {
    allowed,
    not_a_web_address,  ///< not an absolute http(s) URL, or with spaces or control characters
    host_not_allowed,   ///< the buyer lists postback hosts and this is not one of them
};

/// The cart goes back through the user's browser to `url`: it must be a web address (a
/// `javascript:` action would run in our origin), and on one of the buyer's hosts when the
/// buyer has a list of them. Checked when a session opens and again at transfer.
PostbackCheck check_postback_url(std::string_view url, const catalog::Buyer& buyer);

}  // namespace punchout::gateway
