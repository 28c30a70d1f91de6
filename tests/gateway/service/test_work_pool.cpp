// The API's threads: jobs run off the caller's thread in the order posted, the queue is
// bounded, and stopping answers everything taken.
#include "gateway/service/work_pool.hpp"

#include <atomic>
#include <future>
#include <memory>
#include <thread>
#include <vector>

#include <catch2/catch.hpp>

using punchout::gateway::WorkPool;

TEST_CASE("a work pool runs jobs off the caller's thread, in the order posted", "[work_pool]") {
    WorkPool pool(1, 16);
    std::vector<int> order;
    std::promise<std::thread::id> ran_on;
    REQUIRE(pool.try_post([&] { ran_on.set_value(std::this_thread::get_id()); }));
    for (int i = 0; i < 10; ++i)
        REQUIRE(pool.try_post([&order, i] { order.push_back(i); }));
    CHECK(ran_on.get_future().get() != std::this_thread::get_id());
    pool.stop();
    CHECK(order == std::vector<int>{0, 1, 2, 3, 4, 5, 6, 7, 8, 9});
    CHECK(pool.pending() == 0);
}

TEST_CASE("a full work pool refuses a job instead of queueing without bound", "[work_pool]") {
    WorkPool pool(1, 3);
    std::promise<void> release;
    auto released = release.get_future().share();
    std::promise<void> started;
    REQUIRE(pool.try_post([&, released] {
        started.set_value();
        released.wait();
    }));
    started.get_future().wait();  // the one thread is busy: what follows waits in the queue
    std::atomic<int> ran{0};
    for (int i = 0; i < 3; ++i)
        REQUIRE(pool.try_post([&] { ++ran; }));
    CHECK(pool.pending() == 4);
    CHECK_FALSE(pool.try_post([&] { ++ran; }));
    release.set_value();
    pool.stop();
    CHECK(ran == 3);
}

TEST_CASE("stopping a work pool runs what it took and refuses the rest", "[work_pool]") {
    std::atomic<int> ran{0};
    WorkPool pool(2, 100);
    for (int i = 0; i < 50; ++i)
        REQUIRE(pool.try_post([&] {
            std::this_thread::yield();
            ++ran;
        }));
    pool.stop();
    CHECK(ran == 50);
    CHECK_FALSE(pool.try_post([&] { ++ran; }));
    pool.stop();  // idempotent
    CHECK(ran == 50);
}

TEST_CASE("at shutdown a work pool finishes the running job and drops the queued ones",
          "[work_pool]") {
    WorkPool pool(1, 10);
    std::promise<void> started;
    std::promise<void> release;
    auto released = release.get_future().share();
    std::atomic<bool> finished{false};
    REQUIRE(pool.try_post([&, released] {
        started.set_value();
        released.wait();
        finished = true;
    }));
    started.get_future().wait();
    auto owner = std::make_shared<int>(0);  // what a queued job holds (a connection)
    std::atomic<int> ran{0};
    for (int i = 0; i < 5; ++i)
        REQUIRE(pool.try_post([&ran, owner] { ++ran; }));
    CHECK(owner.use_count() == 6);
    std::thread stopper([&] { pool.stop(true); });
    while (pool.pending() != 1)  // the queued five dropped; the running one left
        std::this_thread::yield();
    release.set_value();
    stopper.join();
    CHECK(finished);
    CHECK(ran == 0);
    CHECK(owner.use_count() == 1);  // the dropped jobs let go of what they held
}
