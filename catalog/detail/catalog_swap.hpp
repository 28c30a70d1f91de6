#pragma once

// The mechanics of a catalog import that never blocks the gateway: the next catalog is
// built beside the serving one (`product_next`, `product_fts_next`) in write transactions
// of a few milliseconds each, then swapped in by renaming tables in one short transaction,
// and the old tables are emptied in short steps afterwards. Readers see the old catalog or
// the new one, never a mix; other writers wait at most one step. The why and the limits
// are in catalog/README-import-swap.md.
#include "catalog/connection.hpp"
#include "catalog/result.hpp"
#include "catalog/timestamp.hpp"

#include <chrono>
#include <cstdint>
#include <functional>
#include <string>
#include <string_view>
#include <vector>

namespace punchout::catalog::detail {

/// A build that has not refreshed its heartbeat for this long is taken as abandoned (its
/// process died) and the next import clears what it left.
inline constexpr std::chrono::seconds abandoned_build_after{60};

/// Errc::in_progress while an import is building the next catalog. Called inside the write
/// transaction of every change to `product`: a change made during the build would be lost
/// at the swap. Builds are timed by the wall clock, whatever time an import writes.
Result<void> refuse_during_catalog_build(Connection& conn);

/// How a build paces itself.
struct SwapPacing {
    /// Each build step (one write transaction) aims at this long; rows per step adapt.
    std::chrono::microseconds step{std::chrono::milliseconds(10)};
    /// After each step the build rests `yield` times as long as the step held the lock (at
    /// least `pause`), and longer (up to 16 times) while steps find the lock taken: the
    /// gateway's own writers (sessions, orders) need it too, and have it only then.
    double yield = 1.0;
    std::chrono::microseconds pause{std::chrono::milliseconds(2)};
    /// The first step's row count (of each phase: copying, adding, merging, clearing).
    std::int64_t first_rows = 200;
};

/// One build. begin() claims the build and creates the empty next tables; step() runs
/// one write transaction of the build; swap() renames; the destructor (or finish()) empties
/// and drops what is no longer served. Not thread-safe: one connection, one thread.
class CatalogSwap {
public:
    CatalogSwap(Connection& conn, SwapPacing pacing);
    ~CatalogSwap();
    CatalogSwap(const CatalogSwap&) = delete;
    CatalogSwap& operator=(const CatalogSwap&) = delete;

    /// Claims the build (Errc::in_progress if another import holds a live one), clears what
    /// an abandoned build left, then creates `product_next` and `product_fts_next` shaped
    /// like the serving tables, with `prepare()` run in the same transaction.
    Result<void> begin(std::string_view source, const std::function<Result<void>()>& prepare);

    /// Runs `work(rows)` in one write transaction that also refreshes the heartbeat; `work`
    /// returns how far it got (any count: the caller's cursor). Then adapts the row count to
    /// the pacing and pauses.
    Result<void> step(const std::function<Result<void>(std::int64_t rows)>& work);

    /// Starts a phase of other work: the rows per step start again from `first_rows`.
    void next_phase(std::int64_t first_rows);

    /// The columns of the search index, in order (each is also a `product` column).
    const std::vector<std::string>& search_columns() const noexcept { return fts_columns_; }

    /// Swaps the next tables in. `removed` names a table of the `id`s of products that are
    /// not in the next catalog: rows of tables that reference them go as ON DELETE says.
    Result<void> swap(std::string_view removed);

    /// Empties and drops the tables no longer served, in short steps.
    Result<void> finish();

    /// The longest the write lock was held at once.
    std::chrono::microseconds longest_lock() const noexcept { return longest_; }

private:
    Result<void> claim(std::string_view source);
    Result<void> clear_leftovers();
    Result<void> drop_in_steps(const std::string& table);
    Result<void> release();
    Result<void> timed(const std::function<Result<void>()>& work);

    Connection& conn_;
    SwapPacing pacing_;
    std::string token_;
    bool claimed_ = false;
    bool swapped_ = false;
    std::int64_t rows_ = 0;
    std::vector<std::string> fts_columns_;
    std::chrono::microseconds longest_{0};
    std::chrono::microseconds last_{0};
    std::chrono::microseconds last_wait_{0};
    double yield_ = 1.0;
};

}  // namespace punchout::catalog::detail
