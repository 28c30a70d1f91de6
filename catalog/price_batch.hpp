#pragma once

// Prices as the supplier's systems send them, in batches (the integration API's PUT and
// DELETE /api/v1/prices): a product's list price, or a buyer's contract entry, checked by
// the rules and with the messages of the price file import.
#include "catalog/batch_row_problem.hpp"
#include "catalog/connection.hpp"
#include "catalog/result.hpp"

#include <cstddef>
#include <string>
#include <vector>

namespace punchout::catalog {

/// One price. Without `buyer`: the product's list price (min_qty, valid_from and valid_to
/// do not apply). With it: the buyer's contract entry for (sku, min_qty, valid_from),
/// added or replaced. Values are text as sent ("" for not given); currency defaults to the
/// buyer's (a list price: the product's).
struct PriceUpdate {
    std::string buyer;
    std::string sku;
    std::string price;
    std::string currency;
    std::string min_qty;
    std::string valid_from;
    std::string valid_to;
};

/// Which contract entry to remove: the buyer's entry for (sku, min_qty, valid_from).
struct PriceKey {
    std::string buyer;
    std::string sku;
    std::string min_qty;     ///< "" = 1
    std::string valid_from;  ///< "" = the entry without a start
};

/// What a batch did. With problems, nothing was written.
struct PriceBatchResult {
    std::size_t inserted = 0;   ///< contract entries added
    std::size_t updated = 0;    ///< contract entries or list prices changed
    std::size_t unchanged = 0;  ///< equal to what was stored
    std::size_t deleted = 0;
    std::vector<std::size_t> absent;  ///< rows of a removal that named no entry
    std::vector<BatchRowProblem> problems;
};

/// The most rows one batch may carry.
inline constexpr std::size_t max_price_batch = 10000;

/// Checks every row, then writes them all in one transaction, or none when any row has a
/// problem (an unknown buyer or SKU, a bad amount, currency or time, the same entry twice).
/// Errc::invalid for an empty batch or one past max_price_batch.
Result<PriceBatchResult> apply_price_batch(Connection& conn, const std::vector<PriceUpdate>& batch);

/// Removes the entries named, in one transaction; a key that names no entry is reported in
/// `absent` (removing what is gone changes nothing), a key that cannot name one (unknown
/// buyer or SKU, bad min_qty or time) is a problem and nothing is removed.
Result<PriceBatchResult> delete_prices(Connection& conn, const std::vector<PriceKey>& batch);

}  // namespace punchout::catalog
