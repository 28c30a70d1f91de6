#pragma once

#include "gateway/storefront/page_layout.hpp"

#include <string>
#include <utility>
#include <vector>

namespace punchout::gateway::storefront {

/// What a storefront form post did: on success a redirect to a page of the session (post,
/// redirect, get), or a page to show (a refused form, or the transfer page that posts the
/// cart on to the buyer).
struct ActionResult {
    std::string redirect;  ///< a path on this site; empty: show `page`
    RenderedPage page;
    std::string form_origin;   ///< the page's form posts there (CSP form-action)
    std::string script_nonce;  ///< the page's auto-submit script (CSP script-src)
    /// Fields for the access log line (what was transferred, how many lines).
    std::vector<std::pair<std::string, std::string>> log_fields;

    static ActionResult go(std::string path) {
        ActionResult r;
        r.redirect = std::move(path);
        return r;
    }
    static ActionResult show(RenderedPage page) {
        ActionResult r;
        r.page = std::move(page);
        return r;
    }
};

}  // namespace punchout::gateway::storefront
