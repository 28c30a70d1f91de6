#pragma once

#include "catalog/buyer.hpp"
#include "catalog/connection.hpp"
#include "catalog/deployment_mode.hpp"
#include "catalog/result.hpp"
#include "catalog/sender.hpp"
#include "catalog/timestamp.hpp"

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

namespace punchout::catalog {

/// How the session was opened and how its cart goes back.
enum class SessionProtocol { cxml, oci };
/// What the session is for (cXML `operation`; OCI sessions are always create).
enum class SessionOperation { create, edit, inspect };
/// Where the session is in its life.
enum class SessionState {
    open,         ///< the user may shop
    transferred,  ///< a cart went back; the session is over
    cancelled,    ///< the user left without a cart (or with the original lines)
};

std::string_view to_string(SessionProtocol p) noexcept;
std::string_view to_string(SessionOperation op) noexcept;
std::string_view to_string(SessionState s) noexcept;
std::optional<SessionProtocol> parse_session_protocol(std::string_view text) noexcept;
std::optional<SessionOperation> parse_session_operation(std::string_view text) noexcept;
std::optional<SessionState> parse_session_state(std::string_view text) noexcept;

/// A punchout session: everything the storefront needs to serve a buyer's user and send
/// the cart back where it belongs.
struct PunchoutSession {
    std::int64_t id = 0;
    std::string start_key;    ///< one-time key of the StartPage URL
    std::string session_key;  ///< carried in every storefront URL after the start
    std::string csrf_token;   ///< must accompany every state-changing storefront request
    BuyerKey buyer;
    std::optional<SenderKey> sender;
    SessionProtocol protocol = SessionProtocol::cxml;
    SessionOperation operation = SessionOperation::create;
    std::string buyer_cookie;   ///< echoed unchanged in the PunchOutOrderMessage
    std::string return_url;     ///< BrowserFormPost URL or OCI HOOK_URL
    std::string return_target;  ///< OCI ~TARGET
    DeploymentMode deployment_mode = DeploymentMode::production;
    std::string cxml_version;     ///< the version the cart goes back in
    Credential buyer_credential;  ///< the buyer's From credential (To of the cart message)
    std::string user_email;
    std::string user_name;
    std::string selected_item;   ///< SupplierPartID to open first
    std::string setup_document;  ///< the setup request as received
    std::vector<std::pair<std::string, std::string>> extrinsics;
    Timestamp created_at{};
    Timestamp start_expires_at{};
    std::optional<Timestamp> started_at;
    Timestamp expires_at{};
    SessionState state = SessionState::open;
    std::optional<Timestamp> closed_at;
};

/// Stores a new session (id, state and timestamps other than the three expiries and
/// created_at are ignored). The keys must be unique: Errc::constraint otherwise.
Result<PunchoutSession> create_session(Connection& conn, const PunchoutSession& session);

/// Why a StartPage key did not open a session.
enum class StartRefusal {
    unknown,       ///< no session has this key
    already_used,  ///< the key was used before (it works once)
    expired,       ///< the key was not used in time
};

/// The outcome of using a StartPage key.
struct StartOutcome {
    std::optional<PunchoutSession> session;  ///< set when the key opened the session
    StartRefusal refusal = StartRefusal::unknown;
};

/// Uses a StartPage key at `now`: the first use within its lifetime opens the session
/// (and marks the key used, atomically); every other use is refused with the reason.
Result<StartOutcome> start_session(Connection& conn, std::string_view start_key, Timestamp now);

/// The session a storefront URL names, or Errc::not_found.
Result<PunchoutSession> find_session(Connection& conn, std::string_view session_key);
/// By id, or Errc::not_found.
Result<PunchoutSession> find_session(Connection& conn, std::int64_t id);

/// Ends a session (transferred or cancelled) at `at`.
Result<void> close_session(Connection& conn, std::int64_t id, SessionState state, Timestamp at);

/// Deletes sessions that expired before `cutoff` together with their carts, except those
/// whose transferred carts orders may still refer to. Returns how many went.
Result<std::int64_t> purge_sessions(Connection& conn, Timestamp cutoff);

/// Sessions open now (started or not, not expired): for the metrics gauge.
Result<std::int64_t> count_open_sessions(Connection& conn, Timestamp now);

}  // namespace punchout::catalog
