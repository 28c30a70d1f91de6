#pragma once

#include <string_view>

#include "catalog/connection.hpp"
#include "cxml/document.hpp"
#include "gateway/service/authenticator.hpp"
#include "gateway/service/config.hpp"
#include "gateway/service/log_fields.hpp"

namespace punchout::gateway {

/// Answers an authenticated PunchOutSetupRequest: opens a storefront session and returns
/// the Response document (a PunchOutSetupResponse with a one-time StartPage URL, or a
/// Status saying what is wrong: 412 for an edit of a cart sent with
/// operationAllowed="create", 400 for a bad BrowserFormPost URL, 450 for `source`).
///
/// For edit and inspect the cart starts with the request's ItemOut lines, matched back to
/// our SKUs by SupplierPartID and to our cart lines by the token in SupplierPartAuxiliaryID;
/// lines we cannot place still open, flagged for the user.
cxml::Document handle_punchout_setup(catalog::Connection& conn, const Config& config,
                                     const Authenticated& who, const cxml::Document& doc,
                                     const cxml::PunchOutSetupRequest& request,
                                     std::string_view raw_document, LogFields& info);

}  // namespace punchout::gateway
