#pragma once

#include "gateway/http/listener.hpp"
#include "gateway/http/logger.hpp"
#include "gateway/http/metrics.hpp"
#include "gateway/http/router.hpp"
#include "gateway/http/server_state.hpp"
#include "gateway/service/config.hpp"

#include <atomic>
#include <functional>
#include <memory>
#include <optional>
#include <string>
#include <vector>

#include <boost/asio/io_context.hpp>
#include <boost/asio/ssl/context.hpp>

namespace punchout::gateway {

/// The HTTP(S) server: one io_context on N threads, listeners, the built-in /healthz and
/// /metrics routes, and graceful shutdown. The application adds its routes before listen().
class Server {
public:
    Server(const Config& config, Logger& logger);
    ~Server();

    /// Adds a route; call before listen().
    void add_route(Route route);
    Metrics& metrics() { return metrics_; }
    boost::asio::io_context& io_context() { return ioc_; }

    /// Binds every configured address (`listen`, then those of `api_listen` that are not
    /// among them); returns their URLs (with the real port for port 0).
    std::vector<std::string> listen();
    /// After listen(): whether a request that came in at `local` (RequestInfo::local) may
    /// reach the integration API: it came to a listener of `api_listen`, or none is set.
    bool api_reachable(std::string_view local) const;
    /// Runs the I/O threads until stop completes; the calling thread is one of them.
    void run();
    /// Begins a graceful stop (thread-safe, idempotent): no new connections, idle ones
    /// closed, in-flight requests answered, then run() returns (or after shutdown_grace).
    void stop();

    /// /healthz answers 200 only once this is set (the database is open and migrated).
    void set_ready() { ready_ = true; }
    bool ready() const { return ready_; }
    bool stopping() const { return state_.stopping; }

    /// Called on the I/O threads when stop begins (e.g. the outbox stops taking work).
    void on_stop(std::function<void()> fn) { on_stop_.push_back(std::move(fn)); }
    /// Asked during shutdown whether the application still has work in flight.
    void set_busy_check(std::function<bool()> fn) { busy_check_ = std::move(fn); }

private:
    void wait_for_drain(std::chrono::steady_clock::time_point deadline);

    const Config& config_;
    Logger& logger_;
    Router router_;
    Metrics metrics_;
    ServerState state_;
    std::optional<boost::asio::ssl::context> tls_;
    // After what sessions use: handlers still queued when it goes (an answer from a worker
    // thread after the stop) destroy their sessions, which then find state_ and tls_ alive.
    // Before the listeners, whose acceptors need it while they close.
    boost::asio::io_context ioc_;
    std::vector<std::shared_ptr<Listener>> listeners_;
    std::vector<std::string> api_locals_;  ///< of the API's listeners; empty: all
    std::vector<std::function<void()>> on_stop_;
    std::function<bool()> busy_check_;
    std::atomic<bool> ready_{false};
    std::atomic<bool> stop_requested_{false};
};

}  // namespace punchout::gateway
