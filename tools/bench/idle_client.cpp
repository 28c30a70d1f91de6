// bench-idle: opens many keep-alive connections, sends one request on each, then holds them
// idle so the harness can read the server's memory. Prints "idle N" on stdout once every
// connection has had its answer (the harness samples the server's RSS then), holds for
// --hold seconds, sends a second request on each to prove the server kept it, and prints
// one JSON object with the counts.
#include "tools/bench/json_line.hpp"
#include "tools/bench/request_source.hpp"

#include <chrono>
#include <functional>
#include <iostream>
#include <memory>
#include <optional>
#include <sys/resource.h>
#include <vector>

#include <boost/asio/ip/tcp.hpp>
#include <boost/asio/steady_timer.hpp>
#include <boost/beast/core.hpp>
#include <boost/beast/http.hpp>
#include <boost/program_options.hpp>

namespace punchout::tools {
namespace {

namespace beast = boost::beast;
namespace http = beast::http;
namespace net = boost::asio;
using tcp = net::ip::tcp;

struct Counts {
    unsigned opened = 0;
    unsigned first_ok = 0;
    unsigned second_ok = 0;
    unsigned failed = 0;
    unsigned in_progress = 0;
    std::string first_failure;
};

/// One idle connection: connect, one request, wait, one more request.
class IdleConnection : public std::enable_shared_from_this<IdleConnection> {
public:
    /// `done` is called after each exchange, whatever its outcome.
    IdleConnection(net::io_context& ioc, Counts& counts, const std::string& request,
                   const std::function<void()>& done)
        : stream_(ioc), counts_(counts), request_(request), done_(done) {}

    void start(const tcp::endpoint& ep) {
        stream_.expires_after(std::chrono::seconds(30));
        stream_.async_connect(ep, [self = shared_from_this()](beast::error_code ec) {
            if (ec)
                return self->fail("connect: " + ec.message());
            ++self->counts_.opened;
            self->exchange(false);
        });
    }

    /// Asks once more on a connection that stayed open.
    void again() { exchange(true); }

    /// True while the connection has answered everything it was asked.
    bool ok() const noexcept { return ok_; }

private:
    void exchange(bool second) {
        stream_.expires_after(std::chrono::seconds(30));
        net::async_write(
            stream_, net::buffer(request_),
            [self = shared_from_this(), second](beast::error_code ec, std::size_t) {
                if (ec)
                    return self->fail("write: " + ec.message());
                self->res_ = {};
                http::async_read(
                    self->stream_, self->buffer_, self->res_,
                    [self, second](beast::error_code ec, std::size_t) {
                        if (ec)
                            return self->fail("read: " + ec.message());
                        if (self->res_.result_int() != 200) {
                            return self->fail("HTTP " + std::to_string(self->res_.result_int()));
                        }
                        ++(second ? self->counts_.second_ok : self->counts_.first_ok);
                        // Idle from here: no timer of ours may close it.
                        self->stream_.expires_never();
                        self->done_();
                    });
            });
    }

    void fail(const std::string& what) {
        ok_ = false;
        ++counts_.failed;
        if (counts_.first_failure.empty())
            counts_.first_failure = what;
        beast::error_code ignored;
        stream_.socket().close(ignored);
        done_();
    }

    beast::tcp_stream stream_;
    Counts& counts_;
    const std::string& request_;
    const std::function<void()>& done_;
    bool ok_ = true;
    beast::flat_buffer buffer_;
    http::response<http::string_body> res_;
};

int run(int argc, char** argv) {
    namespace po = boost::program_options;
    std::string target_url, path = "/healthz";
    unsigned connections = 10000, parallel = 256;
    double hold = 10;
    po::options_description desc(
        "usage: bench-idle --target URL [options]\n\n"
        "Opens --connections keep-alive connections (one GET each), prints 'idle N' when all\n"
        "are idle, holds them --hold seconds, asks once more on each, prints JSON.\n\nOptions");
    desc.add_options()("help,h", "this help")("target", po::value(&target_url),
                                              "http://HOST:PORT (required)")(
        "path", po::value(&path)->default_value(path), "path to GET")(
        "connections", po::value(&connections)->default_value(connections), "how many")(
        "parallel", po::value(&parallel)->default_value(parallel), "connects in flight at once")(
        "hold", po::value(&hold)->default_value(hold), "seconds to hold them idle");
    po::variables_map vm;
    try {
        po::store(po::parse_command_line(argc, argv, desc), vm);
        po::notify(vm);
    } catch (const po::error& e) {
        std::cerr << "bench-idle: " << e.what() << "\nTry 'bench-idle --help'.\n";
        return 2;
    }
    if (vm.count("help")) {
        std::cout << desc << '\n';
        return 0;
    }
    Target target;
    try {
        target = parse_target(target_url);
        if (target.tls)
            throw std::invalid_argument("bench-idle speaks plain HTTP only");
    } catch (const std::exception& e) {
        std::cerr << "bench-idle: " << e.what() << '\n';
        return 2;
    }

    // Every connection is a descriptor: take the hard limit.
    rlimit lim{};
    getrlimit(RLIMIT_NOFILE, &lim);
    lim.rlim_cur = lim.rlim_max;
    setrlimit(RLIMIT_NOFILE, &lim);
    if (lim.rlim_cur < connections + 64) {
        std::cerr << "bench-idle: the descriptor limit is " << lim.rlim_cur << ", too low for "
                  << connections << " connections (raise ulimit -n)\n";
        return 1;
    }

    net::io_context ioc(1);
    const tcp::endpoint ep(net::ip::make_address(target.host), target.port);
    const std::string request = "GET " + path + " HTTP/1.1\r\nHost: " + target.host + ":" +
                                std::to_string(target.port) + "\r\nUser-Agent: bench-idle\r\n\r\n";
    Counts counts;
    std::vector<std::shared_ptr<IdleConnection>> conns;
    conns.reserve(connections);
    unsigned started = 0, finished = 0;
    const auto t0 = std::chrono::steady_clock::now();
    std::function<void()> start_more;
    std::function<void()> one_done = [&] {
        ++finished;
        start_more();
    };
    start_more = [&] {
        while (started < connections && started - finished < parallel) {
            auto c = std::make_shared<IdleConnection>(ioc, counts, request, one_done);
            conns.push_back(c);
            ++started;
            c->start(ep);
        }
        if (finished == connections)
            ioc.stop();
    };
    start_more();
    ioc.run();
    ioc.restart();
    const double open_s =
        std::chrono::duration<double>(std::chrono::steady_clock::now() - t0).count();
    std::cout << "idle " << counts.first_ok << std::endl;

    net::steady_timer wait(ioc);
    wait.expires_after(std::chrono::milliseconds(static_cast<std::int64_t>(hold * 1000)));
    wait.async_wait([](beast::error_code) {});
    ioc.run();
    ioc.restart();

    // The second request goes only to connections that answered the first.
    const unsigned failed_before = counts.failed;
    unsigned asked = 0, answered = 0;
    one_done = [&] {
        if (++answered == asked)
            ioc.stop();
    };
    for (auto& c : conns) {
        if (!c->ok())
            continue;
        ++asked;
        c->again();
    }
    net::steady_timer limit(ioc);
    limit.expires_after(std::chrono::seconds(60));
    limit.async_wait([&](beast::error_code ec) {
        if (!ec)
            ioc.stop();
    });
    if (asked > 0)
        ioc.run();

    JsonLine out;
    out.add("tool", "bench-idle")
        .add("connections", static_cast<std::uint64_t>(connections))
        .add("opened", static_cast<std::uint64_t>(counts.opened))
        .add("answered_first", static_cast<std::uint64_t>(counts.first_ok))
        .add("answered_after_hold", static_cast<std::uint64_t>(counts.second_ok))
        .add("failed_before_hold", static_cast<std::uint64_t>(failed_before))
        .add("open_s", open_s)
        .add("hold_s", hold)
        .add("first_failure", counts.first_failure);
    std::cout << out.str() << std::endl;
    return 0;
}

}  // namespace
}  // namespace punchout::tools

int main(int argc, char** argv) {
    try {
        return punchout::tools::run(argc, argv);
    } catch (const std::exception& e) {
        std::cerr << "bench-idle: " << e.what() << '\n';
        return 1;
    }
}
