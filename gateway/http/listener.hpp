#pragma once

#include "gateway/http/server_state.hpp"

#include <memory>

#include <boost/asio/io_context.hpp>
#include <boost/asio/ip/tcp.hpp>
#include <boost/asio/ssl/context.hpp>

namespace punchout::gateway {

/// Accepts connections on one address and starts a plain or TLS session for each, each on
/// its own strand.
class Listener : public std::enable_shared_from_this<Listener> {
public:
    /// Opens, binds and listens; throws boost::system::system_error naming the address.
    Listener(boost::asio::io_context& ioc, boost::asio::ssl::context* tls,
             const boost::asio::ip::tcp::endpoint& endpoint, ServerState& state);

    boost::asio::ip::tcp::endpoint local_endpoint() const;
    bool tls() const { return tls_ != nullptr; }
    void run();
    /// Stops accepting (thread-safe); established connections are not touched.
    void stop();

private:
    void do_accept();
    void on_accept(boost::system::error_code ec, boost::asio::ip::tcp::socket socket);

    boost::asio::io_context& ioc_;
    boost::asio::ssl::context* tls_;
    boost::asio::ip::tcp::acceptor acceptor_;
    ServerState& state_;
};

}  // namespace punchout::gateway
