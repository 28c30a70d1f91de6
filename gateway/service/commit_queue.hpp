#pragma once

#include <condition_variable>
#include <cstddef>
#include <deque>
#include <functional>
#include <mutex>
#include <string>
#include <thread>

#include "catalog/connection.hpp"
#include "catalog/database.hpp"

namespace punchout::gateway {

/// Durable writes, committed together: a dedicated thread takes every job waiting, runs
/// each inside its own savepoint of one transaction, commits that transaction with
/// synchronous=FULL (one fsync for the whole group) and only then tells each job's owner.
/// Concurrent orders thus share the cost of the disk flush; an order is answered only after
/// it is on disk.
class CommitQueue {
public:
    /// A job's work, on the queue's connection inside its savepoint. Returning false (or
    /// throwing) rolls back this job's savepoint only.
    using Work = std::function<bool(catalog::Connection&)>;
    /// Told after the group's commit: `durable` is false when the commit itself failed
    /// (disk full, I/O error) and `error` says why; the job's changes are then not stored.
    using Done = std::function<void(bool durable, const std::string& error)>;

    explicit CommitQueue(catalog::Database& db, std::size_t max_group = 256);
    ~CommitQueue();
    CommitQueue(const CommitQueue&) = delete;
    CommitQueue& operator=(const CommitQueue&) = delete;

    /// Queues a job (thread-safe). After stop() the job is refused at once (durable=false).
    void submit(Work work, Done done);
    /// Finishes every queued job, then ends the thread. Idempotent.
    void stop();
    /// Jobs queued or being committed.
    std::size_t pending() const;

private:
    struct Job {
        Work work;
        Done done;
    };
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

}  // namespace punchout::gateway
