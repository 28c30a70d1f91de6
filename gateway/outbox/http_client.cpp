#include "gateway/outbox/http_client.hpp"

#include "gateway/service/build_info.hpp"

#include <memory>

#include <boost/asio/ip/tcp.hpp>
#include <boost/asio/ssl/host_name_verification.hpp>
#include <boost/asio/strand.hpp>
#include <boost/beast/core.hpp>
#include <boost/beast/http.hpp>
#include <boost/beast/ssl.hpp>
#include <openssl/ssl.h>

namespace punchout::gateway {
namespace {

namespace beast = boost::beast;
namespace http = beast::http;
namespace net = boost::asio;
namespace ssl = net::ssl;
using tcp = net::ip::tcp;

constexpr std::uint64_t max_answer_bytes = 8u << 20;

// One exchange: resolve, connect, (handshake), write, read. The stream type differs for
// http and https; everything else is shared.
template <class Stream>
class Exchange : public std::enable_shared_from_this<Exchange<Stream>> {
public:
    template <class... StreamArgs>
    Exchange(net::io_context& ioc, Url url, std::string body, std::string content_type,
             std::chrono::milliseconds timeout, std::function<void(HttpResult)> done,
             StreamArgs&&... stream_args)
        : resolver_(net::make_strand(ioc)),
          stream_(resolver_.get_executor(), std::forward<StreamArgs>(stream_args)...),
          url_(std::move(url)),
          deadline_(std::chrono::steady_clock::now() + timeout),
          done_(std::move(done)) {
        req_.method(http::verb::post);
        req_.target(url_.target);
        req_.version(11);
        req_.set(http::field::host, url_.authority());
        req_.set(http::field::user_agent, product_version());
        req_.set(http::field::content_type, content_type);
        req_.set(http::field::connection, "close");
        req_.body() = std::move(body);
        req_.prepare_payload();
        parser_.body_limit(max_answer_bytes);
    }

    void header(const std::string& name, const std::string& value) { req_.set(name, value); }

    void run() {
        if constexpr (is_tls) {
            // SNI, and the certificate must name the host we meant to reach.
            if (!SSL_set_tlsext_host_name(stream_.native_handle(), url_.host.c_str())) {
                return fail(beast::error_code(static_cast<int>(::ERR_get_error()),
                                              net::error::get_ssl_category()),
                            "tls");
            }
            stream_.set_verify_callback(ssl::host_name_verification(url_.host));
        }
        resolver_.async_resolve(
            url_.host, url_.port,
            beast::bind_front_handler(&Exchange::on_resolve, this->shared_from_this()));
    }

private:
    static constexpr bool is_tls = !std::is_same_v<Stream, beast::tcp_stream>;

    beast::tcp_stream& tcp() { return beast::get_lowest_layer(stream_); }

    void on_resolve(beast::error_code ec, tcp::resolver::results_type results) {
        if (ec)
            return fail(ec, "resolve");
        tcp().expires_at(deadline_);
        tcp().async_connect(
            results, beast::bind_front_handler(&Exchange::on_connect, this->shared_from_this()));
    }

    void on_connect(beast::error_code ec, const tcp::endpoint&) {
        if (ec)
            return fail(ec, "connect");
        if constexpr (is_tls) {
            stream_.async_handshake(
                ssl::stream_base::client,
                beast::bind_front_handler(&Exchange::on_handshake, this->shared_from_this()));
        } else {
            send();
        }
    }

    void on_handshake(beast::error_code ec) {
        if (ec)
            return fail(ec, "tls");
        send();
    }

    void send() {
        http::async_write(stream_, req_,
                          beast::bind_front_handler(&Exchange::on_write, this->shared_from_this()));
    }

    void on_write(beast::error_code ec, std::size_t) {
        if (ec)
            return fail(ec, "send");
        http::async_read(stream_, buffer_, parser_,
                         beast::bind_front_handler(&Exchange::on_read, this->shared_from_this()));
    }

    void on_read(beast::error_code ec, std::size_t) {
        if (ec)
            return fail(ec, "receive");
        auto& res = parser_.get();
        HttpResult result;
        result.status = res.result_int();
        result.content_type = std::string(res[http::field::content_type]);
        result.body = std::move(res.body());
        finish(std::move(result));
        // The connection is ours alone ("Connection: close"); dropping it is enough.
        beast::error_code ignored;
        tcp().socket().shutdown(tcp::socket::shutdown_both, ignored);
    }

    void fail(beast::error_code ec, const char* step) {
        HttpResult result;
        result.error = ec;
        result.failed_step = step;
        finish(std::move(result));
    }

    void finish(HttpResult result) {
        if (done_) {
            auto done = std::move(done_);
            done(std::move(result));
        }
    }

    tcp::resolver resolver_;
    Stream stream_;
    Url url_;
    std::chrono::steady_clock::time_point deadline_;
    std::function<void(HttpResult)> done_;
    http::request<http::string_body> req_;
    http::response_parser<http::string_body> parser_;
    beast::flat_buffer buffer_;
};

}  // namespace

std::string HttpResult::describe() const {
    if (transport_failed())
        return failed_step + " failed: " + error.message();
    return "HTTP " + std::to_string(status);
}

void async_post(net::io_context& ioc, ssl::context& tls, const Url& url, std::string body,
                std::string content_type, std::chrono::milliseconds timeout,
                std::function<void(HttpResult)> done, const HttpHeaders& headers) {
    auto start = [&](auto exchange) {
        for (const auto& [name, value] : headers)
            exchange->header(name, value);
        exchange->run();
    };
    if (url.tls) {
        start(std::make_shared<Exchange<beast::ssl_stream<beast::tcp_stream>>>(
            ioc, url, std::move(body), std::move(content_type), timeout, std::move(done), tls));
    } else {
        start(std::make_shared<Exchange<beast::tcp_stream>>(
            ioc, url, std::move(body), std::move(content_type), timeout, std::move(done)));
    }
}

}  // namespace punchout::gateway
