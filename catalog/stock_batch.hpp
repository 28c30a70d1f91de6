#pragma once

// Stock as the supplier's systems report it, in batches (the integration API's PUT
// /api/v1/stock): each figure carries the time it was true, so reports that arrive out of
// order never move stock backwards.
#include "catalog/amount.hpp"
#include "catalog/batch_row_problem.hpp"
#include "catalog/connection.hpp"
#include "catalog/result.hpp"
#include "catalog/timestamp.hpp"

#include <cstddef>
#include <cstdint>
#include <string>
#include <vector>

namespace punchout::catalog {

/// One reported figure: `quantity` of `sku` in `warehouse` as of `as_of`.
struct StockUpdate {
    std::string sku;
    std::string warehouse;
    Amount quantity;
    Timestamp as_of{};
};

/// A row that was older than what is stored, and so was not applied.
struct StaleStockUpdate {
    std::size_t index = 0;
    Timestamp stored_as_of{};
};

/// What a batch did. With problems, nothing was written.
struct StockBatchResult {
    std::size_t applied = 0;    ///< rows that changed the stored figure or its time
    std::size_t unchanged = 0;  ///< rows equal to what was stored
    std::vector<StaleStockUpdate> stale;
    std::vector<BatchRowProblem> problems;
};

/// The most rows one batch may carry.
inline constexpr std::size_t max_stock_batch = 10000;

/// Checks every row (known SKU, warehouse name, quantity not negative, each (sku,
/// warehouse) once), then applies them all in one transaction, or none when any row has a
/// problem. A row older than the stored figure for its SKU and warehouse is left out and
/// reported; a row of the same time or newer replaces it. Errc::invalid for an empty batch
/// or one past max_stock_batch; store failures as errors (nothing applied).
Result<StockBatchResult> apply_stock_batch(Connection& conn, const std::vector<StockUpdate>& batch);

/// A batch whose rows were checked: each row's product, or the problems.
struct CheckedStockBatch {
    std::vector<std::int64_t> product_ids;
    std::vector<BatchRowProblem> problems;
};

/// apply_stock_batch in two halves, so a caller can check without the write lock and hold
/// it only to write. check_stock_batch only reads.
Result<CheckedStockBatch> check_stock_batch(Connection& conn,
                                            const std::vector<StockUpdate>& batch);
/// Writes a batch that check_stock_batch passed, in one transaction (a savepoint inside
/// the caller's). A product removed since the check is a problem with its row, and then
/// nothing is applied.
Result<StockBatchResult> write_stock_batch(Connection& conn, const std::vector<StockUpdate>& batch,
                                           const CheckedStockBatch& checked);

}  // namespace punchout::catalog
