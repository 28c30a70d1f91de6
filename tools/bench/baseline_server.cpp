// The ceiling for the gateway benchmarks: the least a Boost.Beast server can do on the same
// machine and threads. It reads each request whole and answers every path with a fixed body
// of the size the gateway would send, over plain HTTP or TLS with the gateway's TLS settings.
// No parsing of the body, no database, no logging: the gateway's figure divided by this one
// is what the benchmarks track. With --body-file it answers with a captured gateway answer
// (the same bytes, so the harness's answer checks pass on both), and it can play the buyer's
// endpoint for the outbox benchmark: --stats prints on exit how many requests came and when
// the first and the last arrived.
#include "gateway/http/tls_context.hpp"

#include <atomic>
#include <chrono>
#include <fstream>
#include <iostream>
#include <memory>
#include <optional>
#include <sstream>
#include <thread>
#include <vector>

#include <boost/asio/dispatch.hpp>
#include <boost/asio/ip/tcp.hpp>
#include <boost/asio/signal_set.hpp>
#include <boost/asio/strand.hpp>
#include <boost/beast/core.hpp>
#include <boost/beast/http.hpp>
#include <boost/beast/ssl.hpp>
#include <boost/program_options.hpp>

namespace beast = boost::beast;
namespace http = beast::http;
namespace net = boost::asio;
namespace ssl = net::ssl;
using tcp = net::ip::tcp;

namespace {

struct Shared {
    std::string body;
    std::string content_type;
    std::atomic<std::uint64_t> requests{0};
    std::atomic<std::int64_t> first_ns{0};
    std::atomic<std::int64_t> last_ns{0};

    // When requests arrived, in wall-clock nanoseconds (comparable across processes).
    void count() {
        const std::int64_t now = std::chrono::duration_cast<std::chrono::nanoseconds>(
                                     std::chrono::system_clock::now().time_since_epoch())
                                     .count();
        std::int64_t zero = 0;
        first_ns.compare_exchange_strong(zero, now);
        last_ns.store(now, std::memory_order_relaxed);
        requests.fetch_add(1, std::memory_order_relaxed);
    }
};

template <class Stream>
class Session : public std::enable_shared_from_this<Session<Stream>> {
public:
    template <class... Args>
    Session(Shared& shared, tcp::socket&& socket, Args&&... args)
        : shared_(shared), stream_(std::move(socket), std::forward<Args>(args)...) {}

    void run() {
        net::dispatch(stream_.get_executor(), [self = this->shared_from_this()] {
            if constexpr (tls) {
                self->stream_.async_handshake(ssl::stream_base::server,
                                              [self](beast::error_code ec) {
                                                  if (!ec)
                                                      self->read();
                                              });
            } else {
                self->read();
            }
        });
    }

private:
    static constexpr bool tls = !std::is_same_v<Stream, beast::tcp_stream>;

    void read() {
        req_ = {};
        parser_.emplace();
        parser_->body_limit(64u << 20);
        http::async_read(stream_, buffer_, *parser_,
                         [self = this->shared_from_this()](beast::error_code ec, std::size_t) {
                             if (ec)
                                 return;
                             self->respond();
                         });
    }

    void respond() {
        shared_.count();
        auto& req = parser_->get();
        res_ = {};
        res_.result(http::status::ok);
        res_.version(req.version());
        res_.set(http::field::content_type, shared_.content_type);
        res_.keep_alive(req.keep_alive());
        res_.body() = shared_.body;
        res_.prepare_payload();
        http::async_write(stream_, res_,
                          [self = this->shared_from_this()](beast::error_code ec, std::size_t) {
                              if (ec || !self->res_.keep_alive())
                                  return;
                              self->read();
                          });
    }

    Shared& shared_;
    Stream stream_;
    beast::flat_buffer buffer_;
    std::optional<http::request_parser<http::string_body>> parser_;
    http::request<http::string_body> req_;
    http::response<http::string_body> res_;
};

class Acceptor : public std::enable_shared_from_this<Acceptor> {
public:
    Acceptor(net::io_context& ioc, tcp::endpoint ep, ssl::context* tls, Shared& shared)
        : ioc_(ioc), acceptor_(net::make_strand(ioc)), tls_(tls), shared_(shared) {
        acceptor_.open(ep.protocol());
        acceptor_.set_option(net::socket_base::reuse_address(true));
        acceptor_.bind(ep);
        acceptor_.listen(net::socket_base::max_listen_connections);
    }
    unsigned short port() const { return acceptor_.local_endpoint().port(); }
    void accept() {
        acceptor_.async_accept(net::make_strand(ioc_), [self = shared_from_this()](
                                                           beast::error_code ec, tcp::socket s) {
            if (!ec) {
                s.set_option(tcp::no_delay(true), ec);
                if (self->tls_) {
                    std::make_shared<Session<beast::ssl_stream<beast::tcp_stream>>>(
                        self->shared_, std::move(s), *self->tls_)
                        ->run();
                } else {
                    std::make_shared<Session<beast::tcp_stream>>(self->shared_, std::move(s))
                        ->run();
                }
            }
            if (self->acceptor_.is_open())
                self->accept();
        });
    }

private:
    net::io_context& ioc_;
    tcp::acceptor acceptor_;
    ssl::context* tls_;
    Shared& shared_;
};

}  // namespace

int main(int argc, char** argv) {
    namespace po = boost::program_options;
    std::string listen = "127.0.0.1:0", tls_listen, cert, key, body_file;
    bool stats = false;
    std::size_t body_size = 1024;
    unsigned threads = std::max(1u, std::thread::hardware_concurrency());
    std::string content_type = "text/xml; charset=UTF-8";
    po::options_description opts("baseline-server: a fixed answer as fast as Beast can give it");
    opts.add_options()("help", "this help")("listen", po::value(&listen),
                                            "plain HTTP address (ADDR:PORT, port 0 picks one)")(
        "tls-listen", po::value(&tls_listen), "TLS address, needs --cert and --key")(
        "cert", po::value(&cert), "PEM certificate chain")(
        "key", po::value(&key), "PEM private key")("body-size", po::value(&body_size),
                                                   "bytes in every answer")(
        "body-file", po::value(&body_file), "answer with this file's bytes instead")(
        "stats", po::bool_switch(&stats), "on exit, print JSON: requests, first and last (Unix s)")(
        "content-type", po::value(&content_type), "Content-Type of every answer")(
        "threads", po::value(&threads), "I/O threads");
    po::variables_map vm;
    try {
        po::store(po::parse_command_line(argc, argv, opts), vm);
        po::notify(vm);
    } catch (const po::error& e) {
        std::cerr << "baseline-server: " << e.what() << '\n';
        return 2;
    }
    if (vm.count("help")) {
        std::cout << opts;
        return 0;
    }

    Shared shared;
    shared.body = std::string(body_size, 'x');
    shared.content_type = content_type;
    if (!body_file.empty()) {
        std::ifstream in(body_file, std::ios::binary);
        if (!in) {
            std::cerr << "baseline-server: cannot read " << body_file << '\n';
            return 2;
        }
        std::ostringstream text;
        text << in.rdbuf();
        shared.body = text.str();
    }
    net::io_context ioc(static_cast<int>(threads));
    std::optional<ssl::context> tls;
    auto endpoint = [](const std::string& text) {
        auto colon = text.rfind(':');
        return tcp::endpoint(net::ip::make_address(text.substr(0, colon)),
                             static_cast<unsigned short>(std::stoi(text.substr(colon + 1))));
    };
    std::vector<std::shared_ptr<Acceptor>> acceptors;
    acceptors.push_back(std::make_shared<Acceptor>(ioc, endpoint(listen), nullptr, shared));
    std::cout << "baseline listening on http://127.0.0.1:" << acceptors.back()->port() << std::endl;
    if (!tls_listen.empty()) {
        tls.emplace(punchout::gateway::make_server_tls_context(cert, key));
        acceptors.push_back(std::make_shared<Acceptor>(ioc, endpoint(tls_listen), &*tls, shared));
        std::cout << "baseline listening on https://127.0.0.1:" << acceptors.back()->port()
                  << std::endl;
    }
    for (auto& a : acceptors)
        a->accept();

    net::signal_set signals(ioc, SIGINT, SIGTERM);
    signals.async_wait([&](beast::error_code, int) { ioc.stop(); });
    std::vector<std::thread> pool;
    for (unsigned i = 1; i < threads; ++i)
        pool.emplace_back([&] { ioc.run(); });
    ioc.run();
    for (auto& t : pool)
        t.join();
    if (stats) {
        std::cout << "{\"requests\":" << shared.requests.load() << ",\"first\":" << std::fixed
                  << static_cast<double>(shared.first_ns.load()) / 1e9
                  << ",\"last\":" << static_cast<double>(shared.last_ns.load()) / 1e9 << "}"
                  << std::endl;
    }
    return 0;
}
