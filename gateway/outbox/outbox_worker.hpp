#pragma once

#include "catalog/database.hpp"
#include "catalog/outbox.hpp"
#include "gateway/http/logger.hpp"
#include "gateway/http/metrics.hpp"
#include "gateway/outbox/delivery_policy.hpp"
#include "gateway/outbox/http_client.hpp"
#include "gateway/service/config.hpp"

#include <atomic>
#include <chrono>
#include <cstdint>
#include <optional>
#include <random>
#include <set>
#include <string>
#include <thread>

#include <boost/asio/executor_work_guard.hpp>
#include <boost/asio/io_context.hpp>
#include <boost/asio/ssl/context.hpp>
#include <boost/asio/steady_timer.hpp>

namespace punchout::gateway {

/// Delivers the outbox to buyers, in the running gateway.
///
/// It has its own thread and io_context, so neither its database work nor its TLS
/// handshakes ever run on a request thread. Every 250 ms it checks `PRAGMA data_version`
/// and the earliest due time it knows; when another connection committed, it reads the
/// earliest due time again; only when a document is due does it take the write lock to
/// lease (at most `outbox.concurrency` in flight) and POST each, unchanged, to its target
/// URL. The answer is classified by `classify_answer`:
/// delivered, rejected (kept as failed) or retried after `DeliveryPolicy::backoff` until
/// `outbox.max_attempts`, then failed.
///
/// Leases carry this process's id: on start, leases left by a process that is no longer
/// running (a kill -9) are released at once; others run out after the attempt timeout plus
/// a minute. A document whose sender died mid-attempt is sent again with the same body and
/// payloadID, which is what lets the buyer book it once.
class OutboxWorker {
public:
    OutboxWorker(const Config& config, catalog::Database& db, Logger& logger, Metrics& metrics);
    ~OutboxWorker();
    OutboxWorker(const OutboxWorker&) = delete;
    OutboxWorker& operator=(const OutboxWorker&) = delete;

    /// Starts the thread. Throws on a TLS configuration error (a start-up error).
    void start();
    /// Looks at the outbox now rather than at the next tick (thread-safe).
    void notify();
    /// Takes no new documents from now on; in-flight deliveries go on (thread-safe).
    void drain();
    /// Deliveries in flight (thread-safe).
    std::size_t in_flight() const noexcept { return in_flight_.load(std::memory_order_acquire); }
    /// Waits up to `grace` for in-flight deliveries, gives back the leases of the rest (they
    /// are due again at once for the next process), and ends the thread. Idempotent.
    void stop(std::chrono::milliseconds grace);

    /// This process's lease owner name ("pid:<pid>:<random>").
    const std::string& owner() const noexcept { return owner_; }

private:
    void schedule_tick();
    void poll(bool force);
    void reclaim_dead_leases();
    void deliver(catalog::OutboxEntry entry);
    void finish(const catalog::OutboxEntry& entry, const HttpResult& answer,
                std::chrono::steady_clock::time_point started);
    void record(const catalog::OutboxEntry& entry, const catalog::AttemptOutcome& outcome);

    const Config& config_;
    catalog::Database& db_;
    Logger& logger_;
    DeliveryPolicy policy_;
    std::chrono::seconds lease_for_;
    std::string owner_;

    // The TLS context outlives the io_context: streams still pending at stop hold on to it.
    std::optional<boost::asio::ssl::context> tls_;
    boost::asio::io_context ioc_;
    std::optional<boost::asio::executor_work_guard<boost::asio::io_context::executor_type>> work_;
    boost::asio::steady_timer timer_;
    std::thread thread_;

    // Used on the worker thread only.
    std::optional<catalog::Connection> conn_;
    std::int64_t data_version_ = -1;
    std::optional<catalog::Timestamp> next_due_;  ///< nothing: nothing pending
    bool next_due_known_ = false;                 ///< next_due_ is current
    std::set<std::int64_t> sending_;
    std::mt19937_64 rng_;

    std::atomic<std::size_t> in_flight_{0};
    std::atomic<bool> draining_{false};
    std::atomic<bool> stopped_{false};

    Metrics::Counter& delivered_;
    Metrics::Counter& transient_failures_;
    Metrics::Counter& permanent_failures_;
};

}  // namespace punchout::gateway
