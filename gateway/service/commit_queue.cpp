#include "gateway/service/commit_queue.hpp"

#include "catalog/write_transaction.hpp"

#include <chrono>
#include <exception>
#include <vector>

namespace punchout::gateway {
namespace {

// The write lock may be held by an import for a while; keep trying rather than refuse
// orders, up to a minute (the buyer is waiting; it retries on a 560 or 500).
constexpr auto lock_patience = std::chrono::minutes(1);

catalog::Result<catalog::WriteTransaction> begin_patiently(catalog::Connection& conn) {
    const auto give_up = std::chrono::steady_clock::now() + lock_patience;
    for (;;) {
        auto tx = catalog::WriteTransaction::begin(conn, catalog::Durability::full);
        if (tx || tx.error().code != catalog::Errc::busy ||
            std::chrono::steady_clock::now() >= give_up) {
            return tx;
        }
    }
}

}  // namespace

CommitQueue::CommitQueue(catalog::Database& db, std::size_t max_group)
    : db_(db), max_group_(max_group), thread_([this] { run(); }) {}

CommitQueue::~CommitQueue() {
    stop();
}

void CommitQueue::enqueue(Job job) {
    {
        std::lock_guard lock(mutex_);
        if (!stopping_) {
            queue_.push_back(std::move(job));
            wake_.notify_one();
            return;
        }
    }
    job.done(Refusal::busy("The gateway is shutting down; please send the request again."));
}

void CommitQueue::stop() {
    {
        std::lock_guard lock(mutex_);
        stopping_ = true;
    }
    wake_.notify_one();
    if (thread_.joinable())
        thread_.join();
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
            if (queue_.empty())
                return;  // stopping, and everything queued is done
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
    // Each job's verdict; empty: its work kept its changes and waits for the commit.
    std::vector<std::optional<Refusal>> verdicts(group.size());
    // Set when the group as a whole could not be made durable: every job whose changes
    // were kept is then refused with it.
    std::optional<Refusal> group_failure;
    std::size_t ran = 0;  // jobs whose work ran
    try {
        auto conn = db_.connect();
        auto tx = begin_patiently(conn);
        if (!tx) {
            group_failure = refusal_from(tx.error(), "The change could not be committed");
        } else {
            for (; ran < group.size(); ++ran) {
                auto sp = catalog::WriteTransaction::begin(conn);
                if (!sp) {
                    group_failure = refusal_from(sp.error(), "The change could not be committed");
                    break;
                }
                Outcome<void> kept;
                try {
                    kept = group[ran].work(conn);
                } catch (const std::exception& e) {
                    kept = Refusal::internal(std::string("The change failed: ") + e.what());
                }
                if (!kept) {
                    verdicts[ran] = kept.refusal();
                    continue;  // `sp` rolls back this job's changes only
                }
                if (auto r = sp->commit(); !r) {
                    group_failure = refusal_from(r.error(), "The change could not be committed");
                    break;
                }
            }
            if (!group_failure) {
                if (auto r = tx->commit(); !r)
                    group_failure = refusal_from(r.error(), "The change could not be committed");
            }
        }
    } catch (const std::exception& e) {
        group_failure =
            Refusal::internal(std::string("The change could not be committed: ") + e.what());
    }
    for (std::size_t i = 0; i < group.size(); ++i) {
        Outcome<void> verdict;
        if (verdicts[i]) {
            verdict = std::move(*verdicts[i]);
        } else if (group_failure) {
            // Kept by its work (or never run), but not durable: nothing of it is stored.
            Refusal r = *group_failure;
            r.message += " Nothing of it was kept; please send it again.";
            verdict = std::move(r);
        }
        try {
            group[i].done(std::move(verdict));
        } catch (const std::exception&) {
            // An owner's answer path failing must not end the commit thread for the others.
        }
    }
}

}  // namespace punchout::gateway
