#pragma once

#include "catalog/buyer.hpp"
#include "catalog/connection.hpp"
#include "catalog/import_report.hpp"

#include <filesystem>
#include <istream>
#include <string>

namespace punchout::catalog {

/// How a price list file relates to the buyer's existing entries.
enum class PriceImportMode {
    replace,  ///< the file is the buyer's whole price list (the default)
    merge,    ///< upsert by (sku, min_qty, valid_from); other entries stay
};

/// Imports a buyer's contract prices from CSV. Required columns: sku, price; optional:
/// currency (default: the buyer's), min_qty (default 1), valid_from, valid_to (ISO 8601;
/// [from, to)). Every SKU must exist. All or nothing, like every import.
ImportReport import_prices_csv(Connection& conn, BuyerKey buyer, std::istream& in,
                               const std::string& name, PriceImportMode mode,
                               const ImportOptions& options = {});

/// Opens `path` and imports it.
ImportReport import_prices_file(Connection& conn, BuyerKey buyer, const std::filesystem::path& path,
                                PriceImportMode mode, const ImportOptions& options = {});

}  // namespace punchout::catalog
