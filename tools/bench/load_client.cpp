// bench-load: drives one HTTP(S) path and checks every answer. Three ways:
//   closed loop    --connections N: each connection sends its next request when the answer
//                  to the last one arrived (saturation: how many per second at most)
//   open loop      --rate R: requests are due at fixed times whatever the answers do; each
//                  latency counts from the time the request was due, so a stall shows in the
//                  tail instead of silently lowering the rate (wrk has no such mode)
//   new connection --new-connection: closed loop, a fresh TCP (and TLS) connection per
//                  request, latency counting from the connect
// Every run is bounded by --requests and --duration and stops by itself. One JSON object
// with the figures goes to stdout.
#include "tools/bench/json_line.hpp"
#include "tools/bench/latency_recorder.hpp"
#include "tools/bench/request_source.hpp"

#include <atomic>
#include <chrono>
#include <deque>
#include <fstream>
#include <iostream>
#include <memory>
#include <optional>
#include <sstream>
#include <sys/resource.h>
#include <thread>
#include <vector>

#include <boost/asio/ip/tcp.hpp>
#include <boost/asio/ssl.hpp>
#include <boost/asio/steady_timer.hpp>
#include <boost/beast/core.hpp>
#include <boost/beast/http.hpp>
#include <boost/beast/ssl.hpp>
#include <boost/program_options.hpp>

namespace punchout::tools {
namespace {

namespace beast = boost::beast;
namespace http = beast::http;
namespace net = boost::asio;
namespace ssl = net::ssl;
using tcp = net::ip::tcp;
using Clock = std::chrono::steady_clock;

struct Options {
    std::string target;
    RequestSpec spec;
    unsigned connections = 32;
    unsigned max_connections = 0;  // open loop: 0 = 4 x connections
    double rate = 0;
    bool new_connection = false;
    std::uint64_t max_requests = 1'000'000;
    double duration = 10;
    double warmup = 0;
    double timeout = 10;
    double drain = 10;
    unsigned expect_status = 200;
    std::vector<std::string> expect_body;
    std::uint64_t seq_start = 1;
    unsigned threads = 1;
};

/// Why a request did not count as answered correctly.
enum class Failure { connect, tls, io, timeout, status, body, unfinished, count_ };
constexpr const char* failure_names[] = {"connect", "tls",  "io",        "timeout",
                                         "status",  "body", "unfinished"};

/// What one client thread measured.
struct Results {
    std::uint64_t issued = 0;  // measured requests sent
    std::uint64_t ok = 0;
    std::uint64_t failures[static_cast<int>(Failure::count_)] = {};
    std::uint64_t connections_opened = 0;
    std::uint64_t late = 0;  // open loop: due while no connection was free
    LatencyRecorder latencies;
    Clock::time_point measure_start{};
    Clock::time_point last_done{};
    std::string first_failure;
};

/// Run-wide state the client threads share.
struct Shared {
    const Options& options;
    const RequestSource& source;
    Target target;
    tcp::endpoint endpoint;
    std::atomic<std::uint64_t> next_seq;
    std::atomic<std::uint64_t> issued{0};
};

/// A request on its way: the bytes and when it was due.
struct Pending {
    std::string bytes;
    Clock::time_point due;
    bool measured = false;
};

class Client;

class ConnectionBase : public std::enable_shared_from_this<ConnectionBase> {
public:
    virtual ~ConnectionBase() = default;
    /// Starts the connection's life: it asks the client for work as it goes.
    virtual void start() = 0;
    /// Open loop: gives an idle connection a request.
    virtual void assign(Pending p) = 0;
    /// Tells an idle connection there is no more work.
    virtual void finish() = 0;
    /// Cancels whatever the connection is doing (the hard deadline).
    virtual void abort() = 0;
};

/// One client thread: its io_context, its connections, its share of the rate.
class Client {
public:
    Client(Shared& shared, ssl::context* tls, unsigned index);

    void run();
    Results& results() { return results_; }

    // Called by connections.
    enum class Pull { got, wait, done };
    Pull pull(ConnectionBase& conn, Pending& out);
    void answered(const Pending& p, Clock::time_point done);
    void failed(const Pending& p, Failure why, const std::string& detail, Clock::time_point done);
    void connection_opened() { ++results_.connections_opened; }
    void connected(bool first_time);
    void closed(ConnectionBase& conn);

    const Options& options() const { return shared_.options; }
    const Shared& shared() const { return shared_; }
    net::io_context& ioc() { return ioc_; }
    ssl::context* tls() { return tls_; }
    bool wants_to_stop() const { return stopping_; }

private:
    bool can_issue(Clock::time_point now) const;
    std::optional<Pending> make(Clock::time_point due);
    void open_connection();
    void begin_schedule();
    void on_tick();
    void stop_issuing();
    void arm_window(Clock::time_point start);

    Shared& shared_;
    ssl::context* tls_;
    unsigned index_;
    net::io_context ioc_{1};
    net::steady_timer tick_{ioc_};
    net::steady_timer hard_stop_{ioc_};
    Results results_;
    std::vector<std::shared_ptr<ConnectionBase>> all_;
    std::vector<std::shared_ptr<ConnectionBase>> idle_;
    std::deque<Pending> queue_;
    Clock::time_point t0_{}, end_{};
    std::uint64_t tick_index_ = 0;
    unsigned live_ = 0;
    unsigned initial_pending_ = 0;
    bool scheduling_ = false;
    bool schedule_over_ = false;
    bool stopping_ = false;
    bool exhausted_ = false;
};

template <class Stream>
class Connection final : public ConnectionBase {
public:
    explicit Connection(Client& client) : client_(client) {}

    void start() override {
        if (client_.options().new_connection) {
            pull();
        } else {
            connect();
        }
    }

    void assign(Pending p) override {
        pending_ = std::move(p);
        has_pending_ = true;
        connected_ ? send() : connect();
    }

    void finish() override { close(); }

    void abort() override {
        if (stream_)
            beast::get_lowest_layer(*stream_).cancel();
    }

private:
    static constexpr bool tls = !std::is_same_v<Stream, beast::tcp_stream>;

    void make_stream() {
        if constexpr (tls) {
            stream_.emplace(client_.ioc(), *client_.tls());
        } else {
            stream_.emplace(client_.ioc());
        }
    }

    auto& lowest() { return beast::get_lowest_layer(*stream_); }

    std::chrono::milliseconds timeout() const {
        return std::chrono::milliseconds(
            static_cast<std::int64_t>(client_.options().timeout * 1000));
    }

    void connect() {
        make_stream();
        client_.connection_opened();
        lowest().expires_after(timeout());
        lowest().async_connect(client_.shared().endpoint,
                               [self = shared()](beast::error_code ec) { self->on_connect(ec); });
    }

    void on_connect(beast::error_code ec) {
        if (ec)
            return fail(ec == beast::error::timeout ? Failure::timeout : Failure::connect, ec);
        lowest().socket().set_option(tcp::no_delay(true), ec);
        if constexpr (tls) {
            lowest().expires_after(timeout());
            stream_->async_handshake(
                ssl::stream_base::client, [self = shared()](beast::error_code ec) {
                    if (ec) {
                        return self->fail(
                            ec == beast::error::timeout ? Failure::timeout : Failure::tls, ec);
                    }
                    self->on_ready();
                });
        } else {
            on_ready();
        }
    }

    void on_ready() {
        connected_ = true;
        const bool first = !counted_connect_;
        counted_connect_ = true;
        has_pending_ ? send() : pull();
        if (first)
            client_.connected(true);
    }

    void pull() {
        switch (client_.pull(*this, pending_)) {
            case Client::Pull::got:
                has_pending_ = true;
                connected_ ? send() : connect();
                return;
            case Client::Pull::wait:
                return;  // the client keeps us as idle
            case Client::Pull::done:
                close();
                return;
        }
    }

    void send() {
        lowest().expires_after(timeout());
        net::async_write(*stream_, net::buffer(pending_.bytes),
                         [self = shared()](beast::error_code ec, std::size_t) {
                             if (ec)
                                 return self->fail(self->io_kind(ec), ec);
                             self->read();
                         });
    }

    void read() {
        parser_.emplace();
        parser_->body_limit(256u << 20);
        lowest().expires_after(timeout());
        http::async_read(*stream_, buffer_, *parser_,
                         [self = shared()](beast::error_code ec, std::size_t) {
                             if (ec)
                                 return self->fail(self->io_kind(ec), ec);
                             self->on_response();
                         });
    }

    void on_response() {
        const auto done = Clock::now();
        const auto& res = parser_->get();
        has_pending_ = false;
        const auto& o = client_.options();
        if (res.result_int() != o.expect_status) {
            client_.failed(
                pending_, Failure::status,
                "HTTP " + std::to_string(res.result_int()) + ": " + res.body().substr(0, 400),
                done);
        } else {
            const std::string* missing = nullptr;
            for (const auto& want : o.expect_body) {
                if (res.body().find(want) == std::string::npos) {
                    missing = &want;
                    break;
                }
            }
            if (missing) {
                client_.failed(pending_, Failure::body,
                               "body lacks '" + *missing + "': " + res.body().substr(0, 400), done);
            } else {
                client_.answered(pending_, done);
            }
        }
        if (!res.keep_alive() || o.new_connection)
            drop();
        pull();
    }

    Failure io_kind(beast::error_code ec) const {
        if (ec == beast::error::timeout)
            return Failure::timeout;
        if (ec == net::error::operation_aborted)
            return Failure::unfinished;
        return Failure::io;
    }

    void fail(Failure why, beast::error_code ec) {
        const auto now = Clock::now();
        if (has_pending_) {
            client_.failed(pending_, why, ec.message(), now);
            has_pending_ = false;
        } else if (!counted_connect_ && why != Failure::unfinished) {
            // A connection opened ahead of work failed: count it, it is an answer we lack.
            client_.failed(Pending{{}, now, true}, why, ec.message(), now);
        }
        if (!counted_connect_) {
            counted_connect_ = true;
            client_.connected(false);
        }
        drop();
        if (why == Failure::unfinished || client_.wants_to_stop())
            return close();
        // A refused or reset connection is retried after a pause, not in a hot loop.
        retry_.emplace(client_.ioc());
        retry_->expires_after(std::chrono::milliseconds(20));
        retry_->async_wait([self = shared()](beast::error_code) { self->pull(); });
    }

    void drop() {
        connected_ = false;
        if (stream_) {
            beast::error_code ignored;
            lowest().socket().shutdown(tcp::socket::shutdown_both, ignored);
            lowest().close();
        }
    }

    void close() {
        drop();
        if (!closed_) {
            closed_ = true;
            client_.closed(*this);
        }
    }

    std::shared_ptr<Connection> shared() {
        return std::static_pointer_cast<Connection>(shared_from_this());
    }

    Client& client_;
    std::optional<Stream> stream_;
    std::optional<net::steady_timer> retry_;
    beast::flat_buffer buffer_;
    std::optional<http::response_parser<http::string_body>> parser_;
    Pending pending_;
    bool has_pending_ = false;
    bool connected_ = false;
    bool counted_connect_ = false;
    bool closed_ = false;
};

Client::Client(Shared& shared, ssl::context* tls, unsigned index)
    : shared_(shared), tls_(tls), index_(index) {}

bool Client::can_issue(Clock::time_point now) const {
    if (stopping_ || exhausted_)
        return false;
    if (now >= end_)
        return false;
    return shared_.issued.load(std::memory_order_relaxed) < shared_.options.max_requests;
}

std::optional<Pending> Client::make(Clock::time_point due) {
    const auto seq = shared_.next_seq.fetch_add(1, std::memory_order_relaxed);
    auto bytes = shared_.source.make(seq);
    if (!bytes) {
        exhausted_ = true;
        return std::nullopt;
    }
    Pending p;
    p.bytes = std::move(*bytes);
    p.due = due;
    p.measured = due >= results_.measure_start;
    shared_.issued.fetch_add(1, std::memory_order_relaxed);
    if (p.measured)
        ++results_.issued;
    return p;
}

void Client::open_connection() {
    std::shared_ptr<ConnectionBase> c;
    if (shared_.target.tls) {
        c = std::make_shared<Connection<beast::ssl_stream<beast::tcp_stream>>>(*this);
    } else {
        c = std::make_shared<Connection<beast::tcp_stream>>(*this);
    }
    all_.push_back(c);
    ++live_;
    c->start();
}

void Client::connected(bool) {
    if (initial_pending_ > 0 && --initial_pending_ == 0 && shared_.options.rate > 0) {
        begin_schedule();
    }
}

void Client::closed(ConnectionBase&) {
    if (--live_ == 0 && (schedule_over_ || shared_.options.rate <= 0)) {
        tick_.cancel();
        hard_stop_.cancel();
    }
}

Client::Pull Client::pull(ConnectionBase& conn, Pending& out) {
    const auto now = Clock::now();
    if (shared_.options.rate > 0) {
        if (!queue_.empty()) {
            out = std::move(queue_.front());
            queue_.pop_front();
            return Pull::got;
        }
        if (schedule_over_)
            return Pull::done;
        idle_.push_back(conn.shared_from_this());
        return Pull::wait;
    }
    if (!can_issue(now))
        return Pull::done;
    auto p = make(now);
    if (!p)
        return Pull::done;
    out = std::move(*p);
    return Pull::got;
}

void Client::answered(const Pending& p, Clock::time_point done) {
    if (!p.measured)
        return;
    ++results_.ok;
    results_.latencies.add(static_cast<std::uint64_t>(
        std::chrono::duration_cast<std::chrono::microseconds>(done - p.due).count()));
    results_.last_done = std::max(results_.last_done, done);
}

void Client::failed(const Pending& p, Failure why, const std::string& detail,
                    Clock::time_point done) {
    if (!p.measured)
        return;
    ++results_.failures[static_cast<int>(why)];
    results_.last_done = std::max(results_.last_done, done);
    if (results_.first_failure.empty()) {
        results_.first_failure = std::string(failure_names[static_cast<int>(why)]) + ": " + detail;
    }
}

void Client::begin_schedule() {
    t0_ = Clock::now();
    arm_window(t0_);
    scheduling_ = true;
    tick_index_ = 0;
    on_tick();
}

// Requests of thread i of T are due at t0 + (k*T + i) / rate.
void Client::on_tick() {
    const auto& o = shared_.options;
    const double per_thread_gap = static_cast<double>(o.threads) / o.rate;
    const double offset = static_cast<double>(index_) / o.rate;
    const auto due_at = [&](std::uint64_t k) {
        return t0_ + std::chrono::duration_cast<Clock::duration>(std::chrono::duration<double>(
                         offset + per_thread_gap * static_cast<double>(k)));
    };
    const auto now = Clock::now();
    const unsigned max_conn = o.max_connections ? o.max_connections : 4 * o.connections;
    while (scheduling_) {
        const auto due = due_at(tick_index_);
        if (due > now)
            break;
        if (!can_issue(due)) {
            stop_issuing();
            break;
        }
        auto p = make(due);
        if (!p) {
            stop_issuing();
            break;
        }
        ++tick_index_;
        if (!idle_.empty()) {
            auto c = std::move(idle_.back());
            idle_.pop_back();
            c->assign(std::move(*p));
        } else {
            if (p->measured)
                ++results_.late;
            queue_.push_back(std::move(*p));
            if (live_ < max_conn)
                open_connection();
        }
    }
    if (!scheduling_)
        return;
    tick_.expires_at(due_at(tick_index_));
    tick_.async_wait([this](beast::error_code ec) {
        if (!ec)
            on_tick();
    });
}

void Client::stop_issuing() {
    scheduling_ = false;
    schedule_over_ = true;
    auto idle = std::move(idle_);
    idle_.clear();
    for (auto& c : idle)
        c->finish();
}

void Client::arm_window(Clock::time_point start) {
    const auto& o = shared_.options;
    const auto as_duration = [](double s) {
        return std::chrono::duration_cast<Clock::duration>(std::chrono::duration<double>(s));
    };
    results_.measure_start = start + as_duration(o.warmup);
    end_ = results_.measure_start + as_duration(o.duration);
    // Whatever happens, the run ends: after the window, answers get `drain` seconds more.
    hard_stop_.expires_at(end_ + as_duration(o.drain));
    hard_stop_.async_wait([this](beast::error_code ec) {
        if (ec)
            return;
        stopping_ = true;
        scheduling_ = false;
        schedule_over_ = true;
        for (auto& c : all_)
            c->abort();
        auto idle = std::move(idle_);
        idle_.clear();
        for (auto& c : idle)
            c->finish();
        // Requests that never got a connection count as unfinished.
        for (auto& p : queue_) {
            failed(p, Failure::unfinished, "no answer before the deadline", Clock::now());
        }
        queue_.clear();
    });
}

void Client::run() {
    const auto& o = shared_.options;
    const unsigned n =
        std::max(1u, o.connections / o.threads + (index_ < o.connections % o.threads ? 1 : 0));
    if (o.rate > 0) {
        // The open loop's clock starts once its first connections are up: connection set-up
        // is not part of the schedule. Ten seconds at most for that.
        initial_pending_ = n;
        arm_window(Clock::now() + std::chrono::seconds(10));
        tick_.expires_after(std::chrono::seconds(10));
        tick_.async_wait([this](beast::error_code ec) {
            if (!ec && !scheduling_ && initial_pending_ > 0) {
                initial_pending_ = 0;
                begin_schedule();
            }
        });
    } else {
        arm_window(Clock::now());
    }
    for (unsigned i = 0; i < n; ++i)
        open_connection();
    ioc_.run();
}

void print_results(const Options& o, std::vector<std::unique_ptr<Client>>& clients, double cpu_s) {
    Results total;
    double rate = 0, elapsed = 0;
    for (auto& c : clients) {
        auto& r = c->results();
        total.issued += r.issued;
        total.ok += r.ok;
        for (int i = 0; i < static_cast<int>(Failure::count_); ++i)
            total.failures[i] += r.failures[i];
        total.connections_opened += r.connections_opened;
        total.late += r.late;
        total.latencies.merge(r.latencies);
        if (total.first_failure.empty())
            total.first_failure = r.first_failure;
        if (r.last_done > r.measure_start) {
            const double e = std::chrono::duration<double>(r.last_done - r.measure_start).count();
            elapsed = std::max(elapsed, e);
            rate += static_cast<double>(r.ok) / e;
        }
    }
    std::uint64_t errors = 0;
    JsonLine kinds;
    for (int i = 0; i < static_cast<int>(Failure::count_); ++i) {
        errors += total.failures[i];
        kinds.add(failure_names[i], total.failures[i]);
    }
    auto ms = [&](double p) { return static_cast<double>(total.latencies.percentile(p)) / 1000.0; };
    JsonLine lat;
    lat.add("p50", ms(50)).add("p90", ms(90)).add("p99", ms(99)).add("p999", ms(99.9));
    lat.add("max", ms(100)).add("mean", total.latencies.mean() / 1000.0);
    JsonLine out;
    out.add("tool", "bench-load")
        .add("target", o.target)
        .add("mode", o.rate > 0         ? "open"
                     : o.new_connection ? "new-connection"
                                        : "closed")
        .add("connections", static_cast<std::uint64_t>(o.connections))
        .add("threads", static_cast<std::uint64_t>(o.threads))
        .add("target_rate", o.rate, 1)
        .add("requests", total.issued)
        .add("ok", total.ok)
        .add("errors", errors)
        .add("error_kinds", kinds)
        .add("elapsed_s", elapsed)
        .add("rate", rate, 1)
        .add("latency_ms", lat)
        .add("connections_opened", total.connections_opened)
        .add("late", total.late)
        .add("client_cpu_s", cpu_s)
        .add("first_failure", total.first_failure);
    std::cout << out.str() << std::endl;
}

std::vector<std::string> read_lines(const std::string& path) {
    std::ifstream in(path, std::ios::binary);
    if (!in)
        throw std::runtime_error("cannot read " + path);
    std::vector<std::string> out;
    std::string line;
    while (std::getline(in, line)) {
        if (!line.empty() && line.back() == '\r')
            line.pop_back();
        if (!line.empty())
            out.push_back(std::move(line));
    }
    return out;
}

std::string read_file(const std::string& path) {
    std::ifstream in(path, std::ios::binary);
    if (!in)
        throw std::runtime_error("cannot read " + path);
    std::ostringstream s;
    s << in.rdbuf();
    return s.str();
}

double cpu_seconds() {
    rusage u{};
    getrusage(RUSAGE_SELF, &u);
    return static_cast<double>(u.ru_utime.tv_sec + u.ru_stime.tv_sec) +
           static_cast<double>(u.ru_utime.tv_usec + u.ru_stime.tv_usec) / 1e6;
}

int run(int argc, char** argv) {
    namespace po = boost::program_options;
    Options o;
    std::string paths_file;
    std::vector<std::string> body_files;
    po::options_description desc(
        "usage: bench-load --target URL [options]\n\n"
        "Drives one path closed-loop (--connections), open-loop at a fixed rate (--rate) or\n"
        "with a new connection per request; prints one JSON object. {{seq}} and {{run}} in\n"
        "paths and bodies become the request's sequence number and --run-id.\n\nOptions");
    desc.add_options()("help,h", "this help")("target", po::value(&o.target)->value_name("URL"),
                                              "http(s)://HOST:PORT (required)")(
        "method", po::value(&o.spec.method)->default_value("GET"), "HTTP method")(
        "path", po::value(&o.spec.path)->default_value("/"), "request path")(
        "paths-file", po::value(&paths_file)->value_name("FILE"),
        "one request per line: PATH or PATH<TAB>BODY, used in turn")(
        "body-file", po::value(&body_files)->composing()->value_name("FILE"),
        "body template; repeat for several, used in turn")(
        "content-type", po::value(&o.spec.content_type), "Content-Type of bodies")(
        "header", po::value(&o.spec.headers)->composing()->value_name("'NAME: VALUE'"),
        "extra header; repeatable")("run-id", po::value(&o.spec.run_id), "fills {{run}}")(
        "seq-start", po::value(&o.seq_start)->default_value(1), "first {{seq}}")(
        "once", po::bool_switch(&o.spec.once), "each line/body at most once")(
        "connections", po::value(&o.connections)->default_value(32),
        "connections (closed loop) or connections opened up front (open loop)")(
        "max-connections", po::value(&o.max_connections),
        "open loop: at most this many (default 4 x --connections)")(
        "rate", po::value(&o.rate), "open loop: requests per second")(
        "new-connection", po::bool_switch(&o.new_connection),
        "a new connection (and TLS handshake) per request")(
        "requests", po::value(&o.max_requests)->default_value(1'000'000),
        "at most this many requests (warm-up included)")(
        "duration", po::value(&o.duration)->default_value(10), "measured seconds")(
        "warmup", po::value(&o.warmup)->default_value(0), "seconds of load before measuring")(
        "timeout", po::value(&o.timeout)->default_value(10), "seconds per request step")(
        "drain", po::value(&o.drain)->default_value(10),
        "seconds answers may take after the window")(
        "expect-status", po::value(&o.expect_status)->default_value(200), "the right status")(
        "expect-body", po::value(&o.expect_body)->composing()->value_name("TEXT"),
        "text the right answer contains; repeatable")(
        "threads", po::value(&o.threads)->default_value(1), "client threads");
    po::variables_map vm;
    try {
        po::store(po::parse_command_line(argc, argv, desc), vm);
        po::notify(vm);
    } catch (const po::error& e) {
        std::cerr << "bench-load: " << e.what() << "\nTry 'bench-load --help'.\n";
        return 2;
    }
    if (vm.count("help")) {
        std::cout << desc << '\n';
        return 0;
    }
    if (o.target.empty() || o.threads == 0 || o.connections == 0 || o.duration <= 0 ||
        (o.rate > 0 && o.new_connection)) {
        std::cerr << "bench-load: --target is required; --threads, --connections and --duration "
                     "must be positive; --rate and --new-connection do not go together\n";
        return 2;
    }
    Target target;
    try {
        target = parse_target(o.target);
        if (!paths_file.empty())
            o.spec.lines = read_lines(paths_file);
        for (const auto& f : body_files)
            o.spec.bodies.push_back(read_file(f));
    } catch (const std::exception& e) {
        std::cerr << "bench-load: " << e.what() << '\n';
        return 2;
    }
    o.spec.close = o.new_connection;

    net::io_context resolver_ioc;
    tcp::resolver resolver(resolver_ioc);
    beast::error_code ec;
    auto endpoints = resolver.resolve(target.host, std::to_string(target.port), ec);
    if (ec || endpoints.empty()) {
        std::cerr << "bench-load: cannot resolve " << target.host << ": " << ec.message() << '\n';
        return 1;
    }
    const RequestSource source(o.spec, target.host + ":" + std::to_string(target.port));
    Shared shared{o, source, target, endpoints.begin()->endpoint(), {o.seq_start}, {0}};

    std::optional<ssl::context> tls;
    if (target.tls) {
        tls.emplace(ssl::context::tls_client);
        // Loopback against a throwaway certificate; and no session cache, so every new
        // connection is a full handshake, the worst case a buyer system can cause.
        tls->set_verify_mode(ssl::verify_none);
        SSL_CTX_set_session_cache_mode(tls->native_handle(), SSL_SESS_CACHE_OFF);
    }
    std::vector<std::unique_ptr<Client>> clients;
    for (unsigned i = 0; i < o.threads; ++i) {
        clients.push_back(std::make_unique<Client>(shared, tls ? &*tls : nullptr, i));
    }
    std::vector<std::thread> threads;
    for (unsigned i = 1; i < o.threads; ++i)
        threads.emplace_back([&, i] { clients[i]->run(); });
    clients[0]->run();
    for (auto& t : threads)
        t.join();
    print_results(o, clients, cpu_seconds());
    return 0;
}

}  // namespace
}  // namespace punchout::tools

int main(int argc, char** argv) {
    try {
        return punchout::tools::run(argc, argv);
    } catch (const std::exception& e) {
        std::cerr << "bench-load: " << e.what() << '\n';
        return 1;
    }
}
