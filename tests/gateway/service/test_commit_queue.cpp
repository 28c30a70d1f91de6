#include "gateway/service/commit_queue.hpp"
#include "tests/gateway/support/store.hpp"

#include <future>
#include <stdexcept>

using namespace punchout;
using namespace punchout::gateway;
using gateway::test::TestStore;

namespace {

// Submits one job and waits for its answer.
template <class T>
Outcome<T> run_job(CommitQueue& queue, CommitQueue::Work<T> work) {
    std::promise<Outcome<T>> answered;
    auto future = answered.get_future();
    queue.submit<T>(std::move(work),
                    [&answered](Outcome<T> o) { answered.set_value(std::move(o)); });
    return future.get();
}

void insert_event_row(catalog::Connection& conn, const std::string& note) {
    // Any table will do; order_event needs an order, so use a scratch table.
    auto r = conn.exec("INSERT INTO scratch (note) VALUES ('" + note + "')");
    if (!r)
        throw std::runtime_error(r.error().message);
}

struct QueueStore : TestStore {
    QueueStore() {
        auto conn = connect();
        catalog::test::exec(conn, "CREATE TABLE scratch (note TEXT NOT NULL)");
    }
};

}  // namespace

TEST_CASE("a job's value is given only after its commit, and its changes are on disk",
          "[commit_queue]") {
    QueueStore store;
    CommitQueue queue(store.db);
    auto outcome = run_job<int>(queue, [](catalog::Connection& conn) -> Outcome<int> {
        insert_event_row(conn, "kept");
        return 42;
    });
    REQUIRE(outcome.ok());
    CHECK(*outcome == 42);
    CHECK(store.count("SELECT count(*) FROM scratch WHERE note = 'kept'") == 1);
}

TEST_CASE("a job that throws is an internal refusal, never a default success",
          "[commit_queue][defect]") {
    // The queue used to answer such a job with its untouched default answer: cXML 200 and an
    // empty body.
    QueueStore store;
    CommitQueue queue(store.db);
    auto outcome = run_job<std::string>(queue, [](catalog::Connection&) -> Outcome<std::string> {
        throw std::runtime_error("invariant broken");
    });
    REQUIRE_FALSE(outcome.ok());
    CHECK(outcome.refusal().kind == RefusalKind::internal);
    CHECK_THAT(outcome.refusal().message, Catch::Contains("invariant broken"));
}

TEST_CASE("a job that writes and then throws leaves nothing behind", "[commit_queue][defect]") {
    // Its answer was decided before its last step failed: the write must roll back and the
    // owner must not be told it succeeded.
    QueueStore store;
    CommitQueue queue(store.db);
    auto outcome = run_job<int>(queue, [](catalog::Connection& conn) -> Outcome<int> {
        insert_event_row(conn, "half");
        throw std::runtime_error("the last write failed");
    });
    REQUIRE_FALSE(outcome.ok());
    CHECK(outcome.refusal().kind == RefusalKind::internal);
    CHECK(store.count("SELECT count(*) FROM scratch") == 0);
}

TEST_CASE("a refused job rolls back its own changes only", "[commit_queue]") {
    QueueStore store;
    CommitQueue queue(store.db);
    std::promise<Outcome<int>> first, second, third;
    // Three jobs queued together usually share one group; each keeps its own savepoint.
    queue.submit<int>(
        [](catalog::Connection& conn) -> Outcome<int> {
            insert_event_row(conn, "a");
            return 1;
        },
        [&](Outcome<int> o) { first.set_value(std::move(o)); });
    queue.submit<int>(
        [](catalog::Connection& conn) -> Outcome<int> {
            insert_event_row(conn, "b");
            return Refusal::conflict("order exists");
        },
        [&](Outcome<int> o) { second.set_value(std::move(o)); });
    queue.submit<int>(
        [](catalog::Connection& conn) -> Outcome<int> {
            insert_event_row(conn, "c");
            return 3;
        },
        [&](Outcome<int> o) { third.set_value(std::move(o)); });
    auto a = first.get_future().get();
    auto b = second.get_future().get();
    auto c = third.get_future().get();
    CHECK(a.ok());
    REQUIRE_FALSE(b.ok());
    CHECK(b.refusal().kind == RefusalKind::conflict);
    CHECK(c.ok());
    CHECK(store.count("SELECT count(*) FROM scratch WHERE note IN ('a', 'c')") == 2);
    CHECK(store.count("SELECT count(*) FROM scratch WHERE note = 'b'") == 0);
}

TEST_CASE("when the commit itself fails, no job is told it succeeded and nothing is stored",
          "[commit_queue][fault]") {
    gateway::test::require_fault_injection();
    QueueStore store;
    CommitQueue queue(store.db);
    for (auto fault : {catalog::testing::Fault::io_error, catalog::testing::Fault::full,
                       catalog::testing::Fault::no_memory}) {
        INFO(catalog::testing::to_string(fault));
        catalog::testing::ScopedFault armed({fault, 1, "COMMIT"});
        auto outcome = run_job<int>(queue, [](catalog::Connection& conn) -> Outcome<int> {
            insert_event_row(conn, "lost");
            return 7;
        });
        CHECK(catalog::testing::fault_fired());
        REQUIRE_FALSE(outcome.ok());
        CHECK(outcome.refusal().kind == RefusalKind::internal);
        CHECK_THAT(outcome.refusal().message, Catch::Contains("Nothing of it was kept"));
    }
    CHECK(store.count("SELECT count(*) FROM scratch") == 0);
}

TEST_CASE("a write lock held elsewhere past the timeout is busy, and retryable",
          "[commit_queue][fault]") {
    gateway::test::require_fault_injection();
    QueueStore store;
    CommitQueue queue(store.db);
    {
        // BEGIN IMMEDIATE fails busy on every try for a while; the queue keeps trying for a
        // minute, so let the fault go away after a few tries.
        catalog::testing::ScopedFault armed({catalog::testing::Fault::busy, 1, "BEGIN IMMEDIATE"});
        auto outcome = run_job<int>(queue, [](catalog::Connection& conn) -> Outcome<int> {
            insert_event_row(conn, "after-busy");
            return 1;
        });
        CHECK(catalog::testing::fault_fired());
        CHECK(outcome.ok());  // the second try got the lock
    }
    CHECK(store.count("SELECT count(*) FROM scratch WHERE note = 'after-busy'") == 1);
}

TEST_CASE("after stop, a job is refused as busy at once", "[commit_queue]") {
    QueueStore store;
    CommitQueue queue(store.db);
    queue.stop();
    std::optional<Outcome<int>> answer;
    queue.submit<int>([](catalog::Connection&) -> Outcome<int> { return 1; },
                      [&](Outcome<int> o) { answer.emplace(std::move(o)); });
    REQUIRE(answer);
    REQUIRE_FALSE(answer->ok());
    CHECK(answer->refusal().kind == RefusalKind::busy);
}
