#pragma once

#include "catalog/amount.hpp"
#include "catalog/connection.hpp"
#include "catalog/import_report.hpp"
#include "catalog/result.hpp"
#include "catalog/timestamp.hpp"

#include <filesystem>
#include <istream>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace punchout::catalog {

/// Stock of one SKU in one warehouse, as last reported.
struct StockLevel {
    std::string warehouse;
    Amount quantity;
    Timestamp updated_at{};
    bool stale = false;  ///< reported before the freshness cutoff: not counted in total
};

/// Stock of one SKU: each warehouse, the total, and how fresh the figures are.
struct Stock {
    std::vector<StockLevel> warehouses;    ///< by warehouse name
    Amount total;                          ///< of the fresh rows: what counts as in stock
    Amount stale_total;                    ///< of the stale rows: "last known"
    std::optional<Timestamp> stale_as_of;  ///< the newest stale row
    std::optional<Timestamp> oldest;       ///< the least recently updated row
    std::optional<Timestamp> newest;
};

/// The stock of `sku` ("in stock: 42 at Vaasa, as of 10:14"). A product without stock rows
/// has an empty Stock; an unknown SKU is Errc::not_found. Rows reported before
/// `fresh_since` are stale: listed, summed apart, not in `total` (`[catalog]
/// stock_stale_after`).
Result<Stock> stock_for_sku(Connection& conn, std::string_view sku,
                            std::optional<Timestamp> fresh_since = std::nullopt);

/// When the least recently reported stock figure was true; nullopt without stock rows.
Result<std::optional<Timestamp>> oldest_stock_report(Connection& conn);

/// Sets the quantity of `sku` in `warehouse`, stamped `at` (default: now).
Result<void> set_stock(Connection& conn, std::string_view sku, std::string_view warehouse,
                       Amount quantity, std::optional<Timestamp> at = std::nullopt);

/// Imports stock from CSV: required columns sku, warehouse, quantity; optional updated_at
/// (ISO 8601, default: the import's time). An upsert by (sku, warehouse); rows the file
/// does not mention stay. All or nothing.
ImportReport import_inventory_csv(Connection& conn, std::istream& in, const std::string& name,
                                  const ImportOptions& options = {});

/// Opens `path` and imports it.
ImportReport import_inventory_file(Connection& conn, const std::filesystem::path& path,
                                   const ImportOptions& options = {});

}  // namespace punchout::catalog
