#pragma once

#include "catalog/connection.hpp"
#include "cxml/document.hpp"
#include "gateway/service/authenticator.hpp"
#include "gateway/service/config.hpp"
#include "gateway/service/log_fields.hpp"
#include "gateway/service/outcome.hpp"
#include "gateway/service/session_opener.hpp"

#include <string_view>

namespace punchout::gateway {

/// Answers an authenticated PunchOutSetupRequest: opens a storefront session (see
/// open_session) whose start_url goes back in the PunchOutSetupResponse. Refused as
/// unsupported for operation="source", not_permitted for an edit or inspect of a cart we
/// returned with a narrower operationAllowed, invalid for a BrowserFormPost URL the cart
/// may not go to.
///
/// For edit and inspect the cart starts with the request's ItemOut lines, matched back to
/// our SKUs by SupplierPartID and to our cart lines by the token in SupplierPartAuxiliaryID;
/// lines we cannot place still open, flagged for the user. The lines are read in one read
/// transaction; a store failure while reading them refuses the setup (busy or internal)
/// rather than opening a cart with lines wrongly marked unknown.
Outcome<OpenedSession> punchout_setup(catalog::Connection& conn, const Config& config,
                                      const Authenticated& who, const cxml::Document& doc,
                                      const cxml::PunchOutSetupRequest& request,
                                      std::string_view raw_document, LogFields& log);

}  // namespace punchout::gateway
