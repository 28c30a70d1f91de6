#include "gateway/storefront/page_policy.hpp"

namespace punchout::gateway::storefront {
namespace {

void apply_headers(Response& res, const PagePolicy& policy) {
    res.set("Content-Security-Policy", content_security_policy(policy));
    res.set("Referrer-Policy", "no-referrer");
    res.set("X-Content-Type-Options", "nosniff");
    if (policy.frame_origins.empty() && !policy.frame_anywhere) {
        // Older embedded browsers (SAP GUI's) know X-Frame-Options but not frame-ancestors.
        res.set(http::field::x_frame_options, "SAMEORIGIN");
    }
    if (policy.cacheable) {
        res.set(http::field::cache_control, "public, max-age=86400");
    } else {
        res.set(http::field::cache_control, "no-store");
    }
}

}  // namespace

std::string content_security_policy(const PagePolicy& policy) {
    std::string csp =
        "default-src 'none'; style-src 'self'; img-src 'self' https: http: data:; "
        "base-uri 'none'; form-action 'self'";
    if (!policy.form_origin.empty()) {
        csp += ' ';
        csp += policy.form_origin;
    }
    if (!policy.script_nonce.empty()) {
        csp += "; script-src 'nonce-";
        csp += policy.script_nonce;
        csp += '\'';
    }
    csp += "; frame-ancestors";
    if (policy.frame_anywhere) {
        csp += " *";
    } else if (policy.frame_origins.empty()) {
        csp += " 'self'";
    } else {
        for (const auto& origin : policy.frame_origins) {
            // Origins are checked when a buyer is stored (scheme://host[:port]); anything
            // that could end the directive is left out all the same.
            if (origin.find_first_of(" ;,'\"\r\n") != std::string::npos)
                continue;
            csp += ' ';
            csp += origin;
        }
    }
    return csp;
}

Response html_response(const Request& req, http::status status, std::string body,
                       const PagePolicy& policy) {
    auto res = make_response(req, status, "text/html; charset=utf-8", std::move(body));
    apply_headers(res, policy);
    return res;
}

Response redirect_response(const Request& req, std::string_view location,
                           const PagePolicy& policy) {
    auto res = make_response(req, http::status::see_other, "text/plain; charset=utf-8", "");
    res.set(http::field::location, location);
    apply_headers(res, policy);
    res.prepare_payload();
    return res;
}

}  // namespace punchout::gateway::storefront
