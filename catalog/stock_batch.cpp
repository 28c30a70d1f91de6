#include "catalog/stock_batch.hpp"

#include "catalog/detail/batch_size.hpp"
#include "catalog/detail/field_rules.hpp"
#include "catalog/detail/import_support.hpp"
#include "catalog/write_transaction.hpp"

#include <map>
#include <utility>

namespace punchout::catalog {
namespace {

constexpr std::size_t max_warehouse = 64;  // as the inventory import

}  // namespace

Result<CheckedStockBatch> check_stock_batch(Connection& conn,
                                            const std::vector<StockUpdate>& batch) {
    if (auto refused = detail::batch_size_error(batch.size(), max_stock_batch))
        return *refused;
    CheckedStockBatch checked;
    checked.product_ids.assign(batch.size(), 0);
    std::map<std::pair<std::int64_t, std::string>, std::size_t> seen;
    for (std::size_t i = 0; i < batch.size(); ++i) {
        const auto& row = batch[i];
        auto problem = [&](std::string field, std::string message) {
            checked.problems.push_back({i, std::move(field), std::move(message)});
        };
        const std::size_t before = checked.problems.size();
        auto product = detail::product_id_of(conn, row.sku);
        if (!product)
            return product.error();
        if (*product)
            checked.product_ids[i] = **product;
        else
            problem("sku", std::string(detail::unknown_sku));
        if (auto p = detail::check_required_text(row.warehouse, max_warehouse))
            problem("warehouse", *p);
        if (row.quantity.is_negative())
            problem("quantity", "is negative");
        if (checked.problems.size() != before)
            continue;
        if (auto [it, fresh] =
                seen.emplace(std::make_pair(checked.product_ids[i], row.warehouse), i);
            !fresh) {
            problem("sku", "appears twice for this warehouse (first in row " +
                               std::to_string(it->second) + ")");
        }
    }
    return checked;
}

Result<StockBatchResult> write_stock_batch(Connection& conn, const std::vector<StockUpdate>& batch,
                                           const CheckedStockBatch& checked) {
    StockBatchResult result;
    auto tx = WriteTransaction::begin(conn);
    if (!tx)
        return tx.error();
    for (std::size_t i = 0; i < batch.size(); ++i) {
        const auto& row = batch[i];
        const auto as_of = to_unix(row.as_of);
        // The checked id is used only while it still has this SKU (a product removed since,
        // its id reused by another, gets nothing). The read is of the SKU index the check
        // just read (`+id` keeps SQLite off the rowid lookup into the wide, mostly uncached
        // product rows).
        auto still = conn.prepare("SELECT 1 FROM product WHERE sku = ?1 AND +id = ?2");
        still.bind(1, row.sku).bind(2, checked.product_ids[i]);
        auto there = still.step();
        if (!there)
            return there.error();
        if (!*there) {
            result.problems.push_back({i, "sku", std::string(detail::unknown_sku)});
            continue;
        }
        // A one-row VALUES upsert, not INSERT ... SELECT with the guard inside: that form
        // opens a statement journal, and within the Idempotency-Key's transaction each one
        // writes its page to the savepoint's sub-journal file (13 times the pwrite calls
        // of a 1,000-row batch). A figure older than the stored one changes nothing; only
        // rows that changed nothing are read back, to tell stale from unchanged.
        auto st = conn.prepare(
            "INSERT INTO inventory (product_id, warehouse, quantity, updated_at)"
            " VALUES (?1, ?2, ?3, ?4) ON CONFLICT (product_id, warehouse) DO UPDATE"
            " SET quantity = excluded.quantity, updated_at = excluded.updated_at"
            " WHERE excluded.updated_at >= updated_at"
            " AND (quantity IS NOT excluded.quantity OR updated_at IS NOT excluded.updated_at)");
        st.bind(1, checked.product_ids[i])
            .bind(2, row.warehouse)
            .bind(3, row.quantity.units())
            .bind(4, as_of);
        if (auto r = st.run(); !r)
            return r.error();
        if (conn.changes() > 0) {
            ++result.applied;
            continue;
        }
        auto stored = conn.prepare(
            "SELECT updated_at FROM inventory WHERE product_id = ?1 AND warehouse = ?2");
        stored.bind(1, checked.product_ids[i]).bind(2, row.warehouse);
        auto found = stored.step();
        if (!found)
            return found.error();
        if (*found && stored.int64(0) > as_of)
            result.stale.push_back({i, from_unix(stored.int64(0))});
        else
            ++result.unchanged;
    }
    // Removed while the batch waited for the lock: refused as a whole, as if it had been
    // removed before (rolled back: the savepoint is not released).
    if (!result.problems.empty()) {
        StockBatchResult refused;
        refused.problems = std::move(result.problems);
        return refused;
    }
    if (auto r = tx->commit(); !r)
        return r.error();
    return result;
}

Result<StockBatchResult> apply_stock_batch(Connection& conn,
                                           const std::vector<StockUpdate>& batch) {
    auto checked = check_stock_batch(conn, batch);
    if (!checked)
        return checked.error();
    if (!checked->problems.empty()) {
        StockBatchResult refused;
        refused.problems = std::move(checked->problems);
        return refused;
    }
    return write_stock_batch(conn, batch, *checked);
}

}  // namespace punchout::catalog
