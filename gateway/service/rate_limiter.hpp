#pragma once

// Per-client request budgets for the integration API: a token bucket per client that refills
// at the client's rate and holds one second's worth, so a client may burst to its rate and
// no further. In memory: a restart forgives, which for a limit of a second is no loss.
#include <chrono>
#include <cstdint>
#include <mutex>
#include <unordered_map>

namespace punchout::gateway {

class RateLimiter {
public:
    using Clock = std::chrono::steady_clock;

    /// Takes one request from `client`'s budget at `rate` per second. Returns 0 when
    /// allowed, else the whole seconds (at least 1) to wait, for Retry-After.
    int take(std::int64_t client, int rate, Clock::time_point now = Clock::now());

private:
    struct Bucket {
        double tokens = 0;
        Clock::time_point at{};
    };
    std::mutex mutex_;
    std::unordered_map<std::int64_t, Bucket> buckets_;
};

}  // namespace punchout::gateway
