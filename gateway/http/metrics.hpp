#pragma once

#include <array>
#include <atomic>
#include <chrono>
#include <cstdint>
#include <deque>
#include <functional>
#include <memory>
#include <mutex>
#include <string>
#include <string_view>
#include <vector>

namespace punchout::gateway {

/// Request counters and latency histograms per route, plus named counters and gauges the
/// application registers; rendered in the Prometheus text format for GET /metrics.
/// Recording is lock-free (atomics); routes are fixed when the server is built.
class Metrics {
public:
    /// One labelled value of a gauge, e.g. {"status=\"pending\"", 3}.
    struct Sample {
        std::string labels;  ///< Prometheus label text without braces, may be empty
        double value = 0;
    };
    using GaugeFn = std::function<std::vector<Sample>()>;

    /// A monotonically increasing counter the application bumps.
    class Counter {
    public:
        void add(std::uint64_t n = 1) { value_.fetch_add(n, std::memory_order_relaxed); }
        std::uint64_t value() const { return value_.load(std::memory_order_relaxed); }

    private:
        std::atomic<std::uint64_t> value_{0};
    };

    /// Registers a route label; call before serving. Returns its index for observe().
    std::size_t add_route(std::string name);
    std::size_t route_index(std::string_view name) const;

    void observe(std::size_t route, unsigned status, std::chrono::steady_clock::duration latency);
    void connection_opened() { connections_.fetch_add(1, std::memory_order_relaxed); }
    void connection_closed() { connections_.fetch_sub(1, std::memory_order_relaxed); }
    std::int64_t open_connections() const { return connections_.load(std::memory_order_relaxed); }

    /// A counter rendered as `name{labels}`; the reference stays valid for the Metrics' life.
    Counter& counter(std::string name, std::string help, std::string labels = {});
    /// A gauge read at scrape time (e.g. the outbox depth from the database).
    void gauge(std::string name, std::string help, GaugeFn fn);

    std::string render() const;

private:
    static constexpr std::array<double, 14> bucket_bounds_{
        0.0005, 0.001, 0.0025, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10};

    struct Route {
        std::string name;
        std::array<std::atomic<std::uint64_t>, 600> by_status{};
        std::array<std::atomic<std::uint64_t>, bucket_bounds_.size() + 1> buckets{};
        std::atomic<std::uint64_t> sum_micros{0};
    };
    struct NamedCounter {
        std::string name, help, labels;
        Counter counter;
    };
    struct Gauge {
        std::string name, help;
        GaugeFn fn;
    };

    std::vector<std::unique_ptr<Route>> routes_;
    std::deque<NamedCounter> counters_;  // deque: references stay valid as it grows
    std::vector<Gauge> gauges_;
    mutable std::mutex registry_mutex_;
    std::atomic<std::int64_t> connections_{0};
};

}  // namespace punchout::gateway
