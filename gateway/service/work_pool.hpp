#pragma once

// Blocking work the I/O threads must not wait for: the integration API's batches and feed
// pages run here, so a 10,000-row batch (tens of milliseconds, or seconds waiting for the
// write lock) holds up no punchout, page or order that shares its I/O thread.
#include <condition_variable>
#include <cstddef>
#include <deque>
#include <functional>
#include <mutex>
#include <thread>
#include <vector>

namespace punchout::gateway {

/// A fixed set of threads taking jobs in the order they were posted. The queue is bounded:
/// a client that sends faster than the store takes its writes is told to come back
/// (try_post refuses) instead of piling up memory.
class WorkPool {
public:
    /// `nice` (Linux: per thread, 0-19) lowers the threads' CPU priority, so on a busy
    /// machine the work here yields to the requests the I/O threads answer.
    WorkPool(std::size_t threads, std::size_t max_queued, int nice = 0);
    ~WorkPool();
    WorkPool(const WorkPool&) = delete;
    WorkPool& operator=(const WorkPool&) = delete;

    /// Queues `job` (thread-safe); false when `max_queued` jobs are waiting already or the
    /// pool is stopping. A job must not throw: it owes someone an answer, so it catches and
    /// answers (an exception escaping a job ends the process, as on any std::thread).
    bool try_post(std::function<void()> job);
    /// Jobs waiting or running.
    std::size_t pending() const;
    /// Refuses later posts, lets the running jobs finish and joins the threads. Jobs still
    /// queued are dropped without running when `drop_queued` (at shutdown, past the grace
    /// the server gave them: their clients retry), else run first. Idempotent.
    void stop(bool drop_queued = false);

private:
    void run(int nice);

    const std::size_t max_queued_;
    mutable std::mutex mutex_;
    std::condition_variable wake_;
    std::deque<std::function<void()>> jobs_;
    std::size_t running_ = 0;
    bool stopping_ = false;
    std::vector<std::thread> threads_;
};

}  // namespace punchout::gateway
