#pragma once

#include "gateway/http/server_state.hpp"

#include <boost/asio/ip/tcp.hpp>
#include <boost/asio/ssl/context.hpp>

namespace punchout::gateway {

/// Serves HTTP/1.1 on an accepted plain socket until the peer leaves, a timeout, or
/// shutdown. The session owns itself (shared_ptr held by its pending operations).
void start_plain_session(boost::asio::ip::tcp::socket&& socket, ServerState& state);

/// The same over TLS: handshake first (under the header timeout), then HTTP.
void start_tls_session(boost::asio::ip::tcp::socket&& socket, boost::asio::ssl::context& tls,
                       ServerState& state);

}  // namespace punchout::gateway
