#include "gateway/http/listener.hpp"

#include "gateway/http/http_session.hpp"

#include <boost/asio/ip/v6_only.hpp>
#include <boost/asio/post.hpp>
#include <boost/asio/steady_timer.hpp>
#include <boost/asio/strand.hpp>

namespace punchout::gateway {
namespace net = boost::asio;
using tcp = net::ip::tcp;

Listener::Listener(net::io_context& ioc, net::ssl::context* tls, const tcp::endpoint& endpoint,
                   ServerState& state)
    : ioc_(ioc), tls_(tls), acceptor_(net::make_strand(ioc)), state_(state) {
    acceptor_.open(endpoint.protocol());
    acceptor_.set_option(net::socket_base::reuse_address(true));
    if (endpoint.address().is_v6())
        acceptor_.set_option(net::ip::v6_only(true));
    acceptor_.bind(endpoint);
    acceptor_.listen(net::socket_base::max_listen_connections);
}

tcp::endpoint Listener::local_endpoint() const {
    return acceptor_.local_endpoint();
}

void Listener::run() {
    do_accept();
}

void Listener::stop() {
    net::post(acceptor_.get_executor(), [self = shared_from_this()] {
        boost::system::error_code ec;
        self->acceptor_.close(ec);
    });
}

void Listener::do_accept() {
    acceptor_.async_accept(
        net::make_strand(ioc_),
        [self = shared_from_this()](boost::system::error_code ec, tcp::socket socket) {
            self->on_accept(ec, std::move(socket));
        });
}

void Listener::on_accept(boost::system::error_code ec, tcp::socket socket) {
    if (!acceptor_.is_open() || ec == net::error::operation_aborted)
        return;
    if (ec) {
        // Out of descriptors or similar: log, pause briefly rather than spin, keep going.
        state_.logger.write(LogLine("warn", "accept_failed").add("error", ec.message()));
        auto timer = std::make_shared<net::steady_timer>(acceptor_.get_executor(),
                                                         std::chrono::milliseconds(50));
        timer->async_wait([self = shared_from_this(), timer](boost::system::error_code) {
            if (self->acceptor_.is_open())
                self->do_accept();
        });
        return;
    }
    if (state_.stopping || static_cast<std::size_t>(state_.metrics.open_connections()) >=
                               state_.config.max_connections) {
        boost::system::error_code ignored;
        socket.close(ignored);
    } else {
        socket.set_option(tcp::no_delay(true), ec);
        if (tls_) {
            start_tls_session(std::move(socket), *tls_, state_);
        } else {
            start_plain_session(std::move(socket), state_);
        }
    }
    do_accept();
}

}  // namespace punchout::gateway
