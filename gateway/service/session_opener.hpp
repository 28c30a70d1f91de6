#pragma once

#include "catalog/buyer.hpp"
#include "catalog/cart.hpp"
#include "catalog/connection.hpp"
#include "catalog/session.hpp"
#include "catalog/timestamp.hpp"
#include "gateway/service/config.hpp"
#include "gateway/service/outcome.hpp"

#include <cstddef>
#include <string>
#include <vector>

namespace punchout::gateway {

/// A storefront session to open, however the buyer's system asked for it (a cXML
/// PunchOutSetupRequest or an SAP OCI catalog call).
struct NewSession {
    /// Everything the protocol says; keys, lifetimes and the creation time are set by
    /// open_session.
    catalog::PunchoutSession session;
    /// The lines an edit or inspect starts with.
    std::vector<catalog::CartLine> lines;
    /// The name of the field the return URL came in, for messages ("BrowserFormPost URL").
    std::string return_url_field = "return URL";
    /// True for OCI: the login itself is the session's one start, no start URL is used.
    bool start_now = false;
};

/// What open_session stored.
struct OpenedSession {
    catalog::PunchoutSession session;  ///< with its id and keys
    std::size_t lines = 0;
    std::string start_url;  ///< the one-time StartPage URL (unused when started at once)
};

/// Opens a session for `buyer`: the return URL must pass check_postback_url (invalid
/// otherwise, nothing stored); then the session and its lines are stored in one write
/// transaction (busy while a catalog load holds the write lock; internal on a store
/// failure), with fresh random keys and the configured lifetimes from `now`.
Outcome<OpenedSession> open_session(catalog::Connection& conn, const Config& config,
                                    const catalog::Buyer& buyer, NewSession request,
                                    catalog::Timestamp now);

}  // namespace punchout::gateway
