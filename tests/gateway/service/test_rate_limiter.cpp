#include "gateway/service/rate_limiter.hpp"

#include <catch2/catch.hpp>

using punchout::gateway::RateLimiter;
using namespace std::chrono_literals;

TEST_CASE("a client may burst to its rate, then waits for the bucket to refill", "[rate_limiter]") {
    RateLimiter limits;
    const auto t0 = RateLimiter::Clock::time_point{} + 1h;
    for (int i = 0; i < 5; ++i)
        CHECK(limits.take(1, 5, t0) == 0);
    CHECK(limits.take(1, 5, t0) == 1);          // over: a second to wait at most
    CHECK(limits.take(2, 5, t0) == 0);          // another client has its own budget
    CHECK(limits.take(1, 5, t0 + 200ms) == 0);  // a fifth of a second buys one request
    CHECK(limits.take(1, 5, t0 + 200ms) == 1);
    CHECK(limits.take(1, 5, t0 + 10s) == 0);  // refilled, but never past one second's worth
    for (int i = 0; i < 4; ++i)
        CHECK(limits.take(1, 5, t0 + 10s) == 0);
    CHECK(limits.take(1, 5, t0 + 10s) == 1);
}

TEST_CASE("a slow client waits whole seconds", "[rate_limiter]") {
    RateLimiter limits;
    const auto t0 = RateLimiter::Clock::time_point{} + 1h;
    CHECK(limits.take(7, 1, t0) == 0);
    CHECK(limits.take(7, 1, t0) == 1);
    CHECK(limits.take(7, 1, t0 + 1s) == 0);
}
