#include "gateway/service/commit_queue.hpp"

#include <chrono>
#include <optional>

#include "catalog/write_transaction.hpp"

namespace punchout::gateway {

CommitQueue::CommitQueue(catalog::Database& db, std::size_t max_group)
    : db_(db), max_group_(max_group), thread_([this] { run(); }) {}

CommitQueue::~CommitQueue() { stop(); }

void CommitQueue::submit(Work work, Done done) {
    {
        std::lock_guard lock(mutex_);
        if (!stopping_) {
            queue_.push_back(Job{std::move(work), std::move(done)});
            wake_.notify_one();
            return;
        }
    }
    done(false, "the gateway is shutting down");
}

void CommitQueue::stop() {
    {
        std::lock_guard lock(mutex_);
        stopping_ = true;
    }
    wake_.notify_one();
    if (thread_.joinable()) thread_.join();
}

std::size_t CommitQueue::pending() const {
    std::lock_guard lock(mutex_);
    return queue_.size() + in_flight_;
}

void CommitQueue::run() {
    for (;;) {
        std::deque<Job> group;
        {
            std::unique_lock lock(mutex_);
            wake_.wait(lock, [this] { return stopping_ || !queue_.empty(); });
            if (queue_.empty()) return;  // stopping, and everything queued is done
            while (!queue_.empty() && group.size() < max_group_) {
                group.push_back(std::move(queue_.front()));
                queue_.pop_front();
            }
            in_flight_ = group.size();
        }
        commit_group(group);
        std::lock_guard lock(mutex_);
        in_flight_ = 0;
    }
}

void CommitQueue::commit_group(std::deque<Job>& group) {
    std::string failure;
    try {
        auto conn = db_.connect();
        // The write lock may be held by an import for a while; keep trying rather than
        // fail orders, up to a minute (the buyer is waiting; it retries on a 500).
        const auto give_up = std::chrono::steady_clock::now() + std::chrono::minutes(1);
        std::optional<catalog::Result<catalog::WriteTransaction>> tx;
        for (;;) {
            tx.emplace(catalog::WriteTransaction::begin(conn, catalog::Durability::full));
            if (*tx || tx->error().code != catalog::Errc::busy ||
                std::chrono::steady_clock::now() >= give_up) {
                break;
            }
        }
        if (!*tx) {
            failure = tx->error().message;
        } else {
            for (auto& job : group) {
                auto sp = catalog::WriteTransaction::begin(conn);
                if (!sp) {
                    failure = sp.error().message;
                    break;
                }
                bool keep = false;
                try {
                    keep = job.work(conn);
                } catch (const std::exception&) {
                    keep = false;
                }
                if (keep) {
                    if (auto r = sp->commit(); !r) {
                        failure = r.error().message;
                        break;
                    }
                }
                // Not kept: the savepoint rolls back when `sp` goes.
            }
            if (failure.empty()) {
                if (auto r = (**tx).commit(); !r) failure = r.error().message;
            }
        }
    } catch (const std::exception& e) {
        failure = e.what();
    }
    for (auto& job : group) job.done(failure.empty(), failure);
}

}  // namespace punchout::gateway
