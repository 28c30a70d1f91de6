#pragma once

#include "gateway/http/logger.hpp"
#include "gateway/http/metrics.hpp"
#include "gateway/http/router.hpp"
#include "gateway/service/config.hpp"

#include <atomic>
#include <memory>
#include <mutex>
#include <unordered_map>

namespace punchout::gateway {

/// A live client connection, as seen by shutdown.
class Connection {
public:
    virtual ~Connection() = default;
    /// Called on shutdown from any thread: close now if idle, else after the current answer.
    virtual void stop() = 0;
};

/// The open connections, so SIGTERM can close the idle ones.
class ConnectionRegistry {
public:
    void add(Connection* key, std::weak_ptr<Connection> connection);
    void remove(Connection* key);
    void stop_all();
    std::size_t size() const;

private:
    mutable std::mutex mutex_;
    std::unordered_map<Connection*, std::weak_ptr<Connection>> connections_;
};

/// What every connection shares: read-only configuration and routes, thread-safe metrics
/// and log, and the stopping flag.
struct ServerState {
    const Config& config;
    const Router& router;
    Metrics& metrics;
    Logger& logger;
    ConnectionRegistry connections;
    std::atomic<bool> stopping{false};
};

}  // namespace punchout::gateway
