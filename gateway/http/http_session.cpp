#include "gateway/http/http_session.hpp"

#include "gateway/http/tls_context.hpp"

#include <algorithm>
#include <limits>
#include <memory>
#include <optional>
#include <random>

#include <boost/asio/dispatch.hpp>
#include <boost/asio/post.hpp>
#include <boost/beast/core.hpp>
#include <boost/beast/http.hpp>
#include <boost/beast/ssl.hpp>

namespace punchout::gateway {
namespace {

namespace beast = boost::beast;
namespace net = boost::asio;
namespace ssl = net::ssl;
using tcp = net::ip::tcp;

std::string new_request_id() {
    thread_local std::mt19937_64 rng{std::random_device{}()};
    static constexpr char hex[] = "0123456789abcdef";
    std::string id(16, '0');
    auto v = rng();
    for (auto& c : id) {
        c = hex[v & 0xF];
        v >>= 4;
    }
    return id;
}

std::string remote_of(const tcp::socket& socket) {
    beast::error_code ec;
    auto ep = socket.remote_endpoint(ec);
    return ec ? std::string("?") : ep.address().to_string();
}

// "ADDR:PORT" as Server::local_name writes it for its listeners.
std::string local_of(const tcp::socket& socket) {
    beast::error_code ec;
    auto ep = socket.local_endpoint(ec);
    return ec ? std::string("?") : ep.address().to_string() + ":" + std::to_string(ep.port());
}

std::string_view path_of(std::string_view target) {
    return target.substr(0, target.find('?'));
}

// Errors that mean the peer went away or we closed: nothing to answer, nothing to log.
bool peer_gone(const beast::error_code& ec) {
    return ec == http::error::end_of_stream || ec == net::error::operation_aborted ||
           ec == beast::error::timeout || ec == net::error::connection_reset ||
           ec == net::error::eof || ec == net::error::broken_pipe ||
           ec == ssl::error::stream_truncated;
}

// The HTTP/1.1 state machine shared by plain and TLS connections (Derived supplies
// stream() and do_close()). One request at a time: read the header, pick the route and its
// body limit, read the body, hand it to the route, write the answer, repeat.
template <class Derived>
class HttpSession : public Connection {
public:
    HttpSession(ServerState& state, std::string remote, std::string local, bool tls)
        : state_(state), remote_(std::move(remote)), local_(std::move(local)), tls_(tls) {
        state_.metrics.connection_opened();
    }
    ~HttpSession() override {
        state_.connections.remove(this);
        state_.metrics.connection_closed();
    }

    void stop() override {
        auto self = derived().shared_from_this();
        net::post(derived().stream().get_executor(), [self] {
            if (!self->busy_)
                beast::get_lowest_layer(self->derived().stream()).cancel();
        });
    }

protected:
    Derived& derived() { return static_cast<Derived&>(*this); }

    void do_read_header() {
        if (state_.stopping) {
            derived().do_close();
            return;
        }
        busy_ = false;
        // An idle keep-alive connection keeps little: drop the grown read buffer.
        if (buffer_.size() == 0)
            buffer_.shrink_to_fit();
        header_parser_.emplace();
        header_parser_->header_limit(static_cast<std::uint32_t>(state_.config.header_limit));
        // The route decides the body limit once the target is known (see on_read_header).
        // Not boost::none: Beast 1.74 compares a Content-Length against an empty optional as
        // "greater", which would refuse every body.
        header_parser_->body_limit(std::numeric_limits<std::uint64_t>::max());
        beast::get_lowest_layer(derived().stream())
            .expires_after(first_request_ ? state_.config.header_timeout
                                          : state_.config.idle_timeout);
        http::async_read_header(
            derived().stream(), buffer_, *header_parser_,
            beast::bind_front_handler(&HttpSession::on_read_header, derived().shared_from_this()));
    }

    void on_read_header(beast::error_code ec, std::size_t) {
        if (ec) {
            if (peer_gone(ec) || ec == http::error::partial_message)
                return derived().do_close();
            busy_ = true;
            route_ = &state_.router.match("");
            start_info("");
            const auto status = ec == http::error::header_limit
                                    ? http::status::request_header_fields_too_large
                                    : http::status::bad_request;
            return send(Router::error_response(*route_, 11, status,
                                               "Malformed HTTP request: " + ec.message()),
                        true);
        }
        busy_ = true;
        auto& header = header_parser_->get();
        route_ = &state_.router.match(header.target());
        start_info(header.target());
        req_version_ = header.version();
        req_keep_alive_ = header.keep_alive();

        const auto length = header_parser_->content_length();
        if (length && *length > route_->body_limit) {
            // Refused before reading it: a 100 MB body never crosses the wire twice.
            return send(
                Router::error_response(*route_, req_version_, http::status::payload_too_large,
                                       too_large_message()),
                true);
        }
        body_parser_.emplace(std::move(*header_parser_));
        header_parser_.reset();
        body_parser_->body_limit(route_->body_limit);

        const auto expect = body_parser_->get()[http::field::expect];
        if (beast::iequals(expect, "100-continue")) {
            auto cont = std::make_shared<http::response<http::empty_body>>(http::status::continue_,
                                                                           req_version_);
            auto self = derived().shared_from_this();
            http::async_write(derived().stream(), *cont,
                              [self, cont](beast::error_code wec, std::size_t) {
                                  if (wec)
                                      return self->derived().do_close();
                                  self->do_read_body();
                              });
            return;
        }
        do_read_body();
    }

    void do_read_body() {
        beast::get_lowest_layer(derived().stream()).expires_after(state_.config.body_timeout);
        http::async_read(
            derived().stream(), buffer_, *body_parser_,
            beast::bind_front_handler(&HttpSession::on_read_body, derived().shared_from_this()));
    }

    void on_read_body(beast::error_code ec, std::size_t) {
        if (ec == http::error::body_limit) {
            return send(
                Router::error_response(*route_, req_version_, http::status::payload_too_large,
                                       too_large_message()),
                true);
        }
        if (ec == beast::error::timeout) {
            return send(Router::error_response(
                            *route_, req_version_, http::status::request_timeout,
                            "The request body did not arrive within " +
                                std::to_string(state_.config.body_timeout.count()) + " seconds."),
                        true);
        }
        if (ec) {
            if (peer_gone(ec) || ec == http::error::partial_message)
                return derived().do_close();
            return send(Router::error_response(*route_, req_version_, http::status::bad_request,
                                               "Malformed HTTP request body: " + ec.message()),
                        true);
        }
        Request req = body_parser_->release();
        body_parser_.reset();
        bytes_in_ = req.body().size();
        req_method_ = req.method();
        beast::get_lowest_layer(derived().stream()).expires_never();

        if (!route_->methods.empty() && std::find(route_->methods.begin(), route_->methods.end(),
                                                  req.method()) == route_->methods.end()) {
            auto res =
                make_response(req, http::status::method_not_allowed, "text/plain; charset=utf-8",
                              "Method not allowed at this address.\n");
            std::string allow;
            for (auto m : route_->methods) {
                if (!allow.empty())
                    allow += ", ";
                allow += std::string(http::to_string(m));
            }
            res.set(http::field::allow, allow);
            return send(std::move(res), false);
        }

        auto self = derived().shared_from_this();
        Responder respond = [self](Response res) {
            net::dispatch(
                self->derived().stream().get_executor(),
                [self, res = std::move(res)]() mutable { self->send(std::move(res), false); });
        };
        try {
            route_->handler(info_, std::move(req), std::move(respond));
        } catch (const std::exception& e) {
            // A broken invariant in a handler: answer 500 with the reference id, log it.
            state_.logger.write(LogLine("error", "handler_exception")
                                    .add("id", info_.id)
                                    .add("route", route_->name)
                                    .add("what", e.what()));
            send(Router::error_response(*route_, req_version_, http::status::internal_server_error,
                                        "Internal error; reference " + info_.id),
                 false);
        }
    }

    void send(Response res, bool close_after) {
        const bool close = close_after || state_.stopping || !req_keep_alive_ || !res.keep_alive();
        res.keep_alive(!close);
        const unsigned status = res.result_int();
        state_.metrics.observe(route_->metrics_index, status,
                               std::chrono::steady_clock::now() - info_.started);
        if (state_.config.access_log)
            log_request(res);
        pending_ = std::make_shared<Response>(std::move(res));
        beast::get_lowest_layer(derived().stream()).expires_after(state_.config.body_timeout);
        http::async_write(
            derived().stream(), *pending_,
            beast::bind_front_handler(&HttpSession::on_write, derived().shared_from_this(), close));
    }

    void on_write(bool close, beast::error_code ec, std::size_t) {
        pending_.reset();
        if (ec || close)
            return derived().do_close();
        first_request_ = false;
        do_read_header();
    }

    void start_info(std::string_view target) {
        info_ = RequestInfo{};
        info_.id = new_request_id();
        info_.remote = remote_;
        info_.local = local_;
        info_.tls = tls_;
        info_.client_certificate_sha256 = client_certificate_;
        info_.started = std::chrono::steady_clock::now();
        target_ = std::string(path_of(target));
        bytes_in_ = 0;
        req_method_ = http::verb::unknown;
        if (header_parser_ && header_parser_->is_header_done()) {
            req_method_ = header_parser_->get().method();
        }
    }

    void log_request(const Response& res) {
        LogLine line("info", "request");
        line.add("id", info_.id)
            .add("remote", info_.remote)
            .add("method", std::string_view(http::to_string(req_method_)))
            .add("path", info_.log_path.empty() ? std::string_view(target_)
                                                : std::string_view(info_.log_path))
            .add("route", route_->name)
            .add("status", static_cast<std::int64_t>(res.result_int()))
            .add("bytes_in", static_cast<std::int64_t>(bytes_in_))
            .add("bytes_out", static_cast<std::int64_t>(res.body().size()))
            .add("ms", std::chrono::duration<double, std::milli>(std::chrono::steady_clock::now() -
                                                                 info_.started)
                           .count());
        if (tls_)
            line.add("tls", std::string_view("1"));
        for (const auto& [k, v] : info_.log_fields)
            line.add(k, v);
        state_.logger.write(std::move(line));
    }

    std::string too_large_message() const {
        return "The request is larger than the " + std::to_string(route_->body_limit) +
               " bytes this address accepts.";
    }

    ServerState& state_;
    beast::flat_buffer buffer_;
    std::optional<http::request_parser<http::empty_body>> header_parser_;
    std::optional<http::request_parser<http::string_body>> body_parser_;
    std::shared_ptr<Response> pending_;
    const Route* route_ = nullptr;
    RequestInfo info_;
    std::string remote_;
    std::string local_;
    std::string target_;
    std::size_t bytes_in_ = 0;
    unsigned req_version_ = 11;
    bool req_keep_alive_ = false;
    http::verb req_method_ = http::verb::unknown;
    bool tls_ = false;
    std::string client_certificate_;  ///< of the TLS peer, once the handshake is done
    bool first_request_ = true;
    bool busy_ = false;
};

class PlainSession : public HttpSession<PlainSession>,
                     public std::enable_shared_from_this<PlainSession> {
public:
    PlainSession(tcp::socket&& socket, ServerState& state)
        : HttpSession(state, remote_of(socket), local_of(socket), false),
          stream_(std::move(socket)) {}

    beast::tcp_stream& stream() { return stream_; }

    void run() {
        state_.connections.add(this, weak_from_this());
        net::dispatch(stream_.get_executor(),
                      beast::bind_front_handler(&PlainSession::do_read_header, shared_from_this()));
    }

    void do_close() {
        beast::error_code ec;
        stream_.socket().shutdown(tcp::socket::shutdown_send, ec);
    }

private:
    beast::tcp_stream stream_;
};

class TlsSession : public HttpSession<TlsSession>, public std::enable_shared_from_this<TlsSession> {
public:
    TlsSession(tcp::socket&& socket, ssl::context& tls, ServerState& state)
        : HttpSession(state, remote_of(socket), local_of(socket), true),
          stream_(std::move(socket), tls) {}

    beast::ssl_stream<beast::tcp_stream>& stream() { return stream_; }

    void run() {
        state_.connections.add(this, weak_from_this());
        net::dispatch(stream_.get_executor(),
                      beast::bind_front_handler(&TlsSession::on_run, shared_from_this()));
    }

    void do_close() {
        beast::get_lowest_layer(stream_).expires_after(std::chrono::seconds(5));
        stream_.async_shutdown([self = shared_from_this()](beast::error_code) {});
    }

private:
    void on_run() {
        beast::get_lowest_layer(stream_).expires_after(state_.config.header_timeout);
        stream_.async_handshake(
            ssl::stream_base::server,
            beast::bind_front_handler(&TlsSession::on_handshake, shared_from_this()));
    }

    void on_handshake(beast::error_code ec) {
        if (ec)
            return;  // a failed handshake has no HTTP to answer; the socket closes
        client_certificate_ = client_certificate_sha256(stream_.native_handle());
        do_read_header();
    }

    beast::ssl_stream<beast::tcp_stream> stream_;
};

}  // namespace

void start_plain_session(tcp::socket&& socket, ServerState& state) {
    std::make_shared<PlainSession>(std::move(socket), state)->run();
}

void start_tls_session(tcp::socket&& socket, ssl::context& tls, ServerState& state) {
    std::make_shared<TlsSession>(std::move(socket), tls, state)->run();
}

}  // namespace punchout::gateway
