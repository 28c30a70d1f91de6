#pragma once

#include "catalog/connection.hpp"
#include "catalog/database.hpp"
#include "gateway/service/outcome.hpp"

#include <condition_variable>
#include <cstddef>
#include <deque>
#include <functional>
#include <memory>
#include <mutex>
#include <optional>
#include <thread>

namespace punchout::gateway {

/// Durable writes, committed together: a dedicated thread takes every job waiting, runs
/// each inside its own savepoint of one transaction, commits that transaction with
/// synchronous=FULL (one fsync for the whole group) and only then tells each job's owner.
/// Concurrent orders thus share the cost of the disk flush; an order is answered only after
/// it is on disk.
class CommitQueue {
public:
    /// A job's work, on the queue's connection inside its savepoint. A value keeps the
    /// job's changes; a refusal rolls back this job's savepoint only.
    template <class T>
    using Work = std::function<Outcome<T>(catalog::Connection&)>;
    /// Told once, after the group's commit, on the commit thread:
    /// - the work's value, only once the commit that made its changes durable succeeded;
    /// - the work's own refusal (its savepoint was rolled back);
    /// - internal when the work threw (a broken invariant: its savepoint was rolled back),
    ///   or internal / busy when the transaction could not be begun or committed (disk
    ///   full, I/O error, the write lock held for a minute): nothing of the job is stored.
    template <class T>
    using Done = std::function<void(Outcome<T>)>;

    explicit CommitQueue(catalog::Database& db, std::size_t max_group = 256);
    ~CommitQueue();
    CommitQueue(const CommitQueue&) = delete;
    CommitQueue& operator=(const CommitQueue&) = delete;

    /// Queues a job (thread-safe). After stop() the job is refused at once (busy).
    template <class T>
    void submit(Work<T> work, Done<T> done);
    /// Finishes every queued job, then ends the thread. Idempotent.
    void stop();
    /// Jobs queued or being committed.
    std::size_t pending() const;

private:
    // Type-erased: the value a job's work produced waits in `slot` until the commit.
    struct Job {
        std::function<Outcome<void>(catalog::Connection&)> work;
        std::function<void(Outcome<void>)> done;
    };
    void enqueue(Job job);
    void run();
    void commit_group(std::deque<Job>& group);

    catalog::Database& db_;
    std::size_t max_group_;
    mutable std::mutex mutex_;
    std::condition_variable wake_;
    std::deque<Job> queue_;
    std::size_t in_flight_ = 0;
    bool stopping_ = false;
    std::thread thread_;
};

template <class T>
void CommitQueue::submit(Work<T> work, Done<T> done) {
    auto slot = std::make_shared<std::optional<T>>();
    enqueue(Job{[work = std::move(work), slot](catalog::Connection& conn) -> Outcome<void> {
                    auto outcome = work(conn);
                    if (!outcome)
                        return outcome.refusal();
                    slot->emplace(std::move(*outcome));
                    return {};
                },
                [done = std::move(done), slot](Outcome<void> committed) {
                    if (!committed)
                        return done(committed.refusal());
                    done(std::move(**slot));
                }});
}

}  // namespace punchout::gateway
