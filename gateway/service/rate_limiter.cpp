#include "gateway/service/rate_limiter.hpp"

#include <algorithm>
#include <cmath>

namespace punchout::gateway {

int RateLimiter::take(std::int64_t client, int rate, Clock::time_point now) {
    const double capacity = std::max(1, rate);
    std::lock_guard lock(mutex_);
    auto [it, fresh] = buckets_.try_emplace(client, Bucket{capacity, now});
    Bucket& b = it->second;
    if (!fresh && now > b.at) {
        const double elapsed = std::chrono::duration<double>(now - b.at).count();
        b.tokens = std::min(capacity, b.tokens + elapsed * capacity);
        b.at = now;
    }
    if (b.tokens >= 1.0) {
        b.tokens -= 1.0;
        return 0;
    }
    return std::max(1, static_cast<int>(std::ceil((1.0 - b.tokens) / capacity)));
}

}  // namespace punchout::gateway
