#include "gateway/service/work_pool.hpp"

#include <sys/resource.h>
#include <sys/syscall.h>
#include <unistd.h>

namespace punchout::gateway {

WorkPool::WorkPool(std::size_t threads, std::size_t max_queued, int nice)
    : max_queued_(max_queued) {
    threads_.reserve(threads);
    for (std::size_t i = 0; i < threads; ++i)
        threads_.emplace_back([this, nice] { run(nice); });
}

WorkPool::~WorkPool() {
    stop();
}

bool WorkPool::try_post(std::function<void()> job) {
    {
        std::lock_guard lock(mutex_);
        if (stopping_ || jobs_.size() >= max_queued_)
            return false;
        jobs_.push_back(std::move(job));
    }
    wake_.notify_one();
    return true;
}

std::size_t WorkPool::pending() const {
    std::lock_guard lock(mutex_);
    return jobs_.size() + running_;
}

void WorkPool::stop(bool drop_queued) {
    std::deque<std::function<void()>> dropped;
    {
        std::lock_guard lock(mutex_);
        stopping_ = true;
        if (drop_queued)
            dropped.swap(jobs_);
    }
    dropped.clear();  // outside the lock: a job's captures may take long to destroy
    wake_.notify_all();
    for (auto& t : threads_) {
        if (t.joinable())
            t.join();
    }
}

void WorkPool::run(int nice) {
    if (nice > 0) {
        // On Linux a nice value belongs to the thread (its tid); failing leaves the default,
        // which is only slower for the others, never wrong.
        const auto tid = static_cast<id_t>(::syscall(SYS_gettid));
        (void)::setpriority(PRIO_PROCESS, tid, nice);
    }
    std::unique_lock lock(mutex_);
    for (;;) {
        wake_.wait(lock, [this] { return stopping_ || !jobs_.empty(); });
        if (jobs_.empty())
            return;  // stopping, and nothing left to run
        auto job = std::move(jobs_.front());
        jobs_.pop_front();
        ++running_;
        lock.unlock();
        job();  // noexcept in effect: an escaping exception ends the thread (std::terminate)
        lock.lock();
        --running_;
    }
}

}  // namespace punchout::gateway
