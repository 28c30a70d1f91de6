#include "gateway/http/metrics.hpp"

#include <cstdio>
#include <sstream>

namespace punchout::gateway {
namespace {

std::string number(double v) {
    char buf[32];
    std::snprintf(buf, sizeof buf, "%.6g", v);
    return buf;
}

}  // namespace

std::size_t Metrics::add_route(std::string name) {
    auto route = std::make_unique<Route>();
    route->name = std::move(name);
    routes_.push_back(std::move(route));
    return routes_.size() - 1;
}

std::size_t Metrics::route_index(std::string_view name) const {
    for (std::size_t i = 0; i < routes_.size(); ++i) {
        if (routes_[i]->name == name)
            return i;
    }
    return routes_.size();
}

void Metrics::observe(std::size_t route, unsigned status,
                      std::chrono::steady_clock::duration latency) {
    if (route >= routes_.size())
        return;
    Route& r = *routes_[route];
    r.by_status[status < 600 ? status : 0].fetch_add(1, std::memory_order_relaxed);
    const double seconds = std::chrono::duration<double>(latency).count();
    std::size_t b = 0;
    while (b < bucket_bounds_.size() && seconds > bucket_bounds_[b])
        ++b;
    r.buckets[b].fetch_add(1, std::memory_order_relaxed);
    r.sum_micros.fetch_add(
        static_cast<std::uint64_t>(
            std::chrono::duration_cast<std::chrono::microseconds>(latency).count()),
        std::memory_order_relaxed);
}

Metrics::Counter& Metrics::counter(std::string name, std::string help, std::string labels) {
    std::lock_guard lock(registry_mutex_);
    auto& c = counters_.emplace_back();
    c.name = std::move(name);
    c.help = std::move(help);
    c.labels = std::move(labels);
    return c.counter;
}

void Metrics::gauge(std::string name, std::string help, GaugeFn fn) {
    std::lock_guard lock(registry_mutex_);
    gauges_.push_back(Gauge{std::move(name), std::move(help), std::move(fn)});
}

std::string Metrics::render() const {
    std::ostringstream os;
    os << "# HELP punchout_http_requests_total HTTP requests answered, by route and status.\n"
          "# TYPE punchout_http_requests_total counter\n";
    for (const auto& r : routes_) {
        for (unsigned s = 0; s < r->by_status.size(); ++s) {
            auto n = r->by_status[s].load(std::memory_order_relaxed);
            if (n == 0)
                continue;
            os << "punchout_http_requests_total{route=\"" << r->name << "\",status=\"" << s
               << "\"} " << n << '\n';
        }
    }
    os << "# HELP punchout_http_request_duration_seconds Time from request header to response.\n"
          "# TYPE punchout_http_request_duration_seconds histogram\n";
    for (const auto& r : routes_) {
        std::uint64_t cumulative = 0;
        for (std::size_t b = 0; b < r->buckets.size(); ++b) {
            cumulative += r->buckets[b].load(std::memory_order_relaxed);
            os << "punchout_http_request_duration_seconds_bucket{route=\"" << r->name << "\",le=\""
               << (b < bucket_bounds_.size() ? number(bucket_bounds_[b]) : "+Inf") << "\"} "
               << cumulative << '\n';
        }
        os << "punchout_http_request_duration_seconds_sum{route=\"" << r->name << "\"} "
           << number(static_cast<double>(r->sum_micros.load(std::memory_order_relaxed)) / 1e6)
           << '\n'
           << "punchout_http_request_duration_seconds_count{route=\"" << r->name << "\"} "
           << cumulative << '\n';
    }
    os << "# HELP punchout_http_connections Open client connections.\n"
          "# TYPE punchout_http_connections gauge\n"
          "punchout_http_connections "
       << connections_.load(std::memory_order_relaxed) << '\n';

    std::lock_guard lock(registry_mutex_);
    std::string last;
    for (const auto& c : counters_) {
        if (c.name != last) {
            os << "# HELP " << c.name << ' ' << c.help << "\n# TYPE " << c.name << " counter\n";
            last = c.name;
        }
        os << c.name;
        if (!c.labels.empty())
            os << '{' << c.labels << '}';
        os << ' ' << c.counter.value() << '\n';
    }
    for (const auto& g : gauges_) {
        os << "# HELP " << g.name << ' ' << g.help << "\n# TYPE " << g.name << " gauge\n";
        for (const auto& sample : g.fn()) {
            os << g.name;
            if (!sample.labels.empty())
                os << '{' << sample.labels << '}';
            os << ' ' << number(sample.value) << '\n';
        }
    }
    return os.str();
}

}  // namespace punchout::gateway
