#pragma once

#include "gateway/http/http_types.hpp"

#include <string>
#include <string_view>
#include <vector>

namespace punchout::gateway::storefront {

/// How a page may be framed, where its forms may post, and whether it may be cached: what
/// its Content-Security-Policy and the other security headers say.
struct PagePolicy {
    /// Origins that may frame the page (the buyer's frame_origins); none: only we may
    /// (`'self'`, plus `X-Frame-Options: SAMEORIGIN` for old embedded browsers).
    std::vector<std::string> frame_origins;
    /// Any origin may frame the page: only for pages without a session and without any
    /// action (an unknown StartPage link), so that the message shows inside any buyer's frame.
    bool frame_anywhere = false;
    /// One more origin forms may post to (the transfer page posts to the buyer's system).
    std::string form_origin;
    /// The nonce of the page's one inline script (the transfer page); empty: no script.
    std::string script_nonce;
    /// Session pages are never stored; the stylesheet is.
    bool cacheable = false;
};

/// The Content-Security-Policy header value for `policy`: nothing loads unless named;
/// styles from us, images from us and any http(s) host (catalog images, the logo), forms
/// to us (and `form_origin`), scripts only with the nonce, `frame-ancestors` as above.
std::string content_security_policy(const PagePolicy& policy);

/// An HTML answer with the security headers: CSP, `Referrer-Policy: no-referrer` (session
/// URLs stay out of requests to image hosts and the buyer), `X-Content-Type-Options:
/// nosniff`, and `Cache-Control: no-store` unless cacheable.
Response html_response(const Request& req, http::status status, std::string body,
                       const PagePolicy& policy);

/// A 303 See Other to `location` (a path on this site) with the same headers.
Response redirect_response(const Request& req, std::string_view location, const PagePolicy& policy);

}  // namespace punchout::gateway::storefront
