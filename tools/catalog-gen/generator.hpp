#pragma once

#include "catalog/database.hpp"
#include "catalog/import_report.hpp"

#include <cstddef>
#include <cstdint>
#include <filesystem>
#include <functional>
#include <string>
#include <vector>

namespace punchout::tools {

/// The size and seed of a synthetic data set. The defaults are issue 3's scale.
struct GeneratorOptions {
    std::uint64_t seed = 20250301;
    std::size_t skus = 1'000'000;
    std::size_t buyers = 1'000;
    std::size_t contract_prices = 100'000;  ///< entries over all buyers, tiers included
    std::size_t warehouses = 2;
};

/// What `generate` wrote.
struct GeneratedFiles {
    std::filesystem::path catalog;    ///< catalog.csv
    std::filesystem::path inventory;  ///< inventory.csv
    std::filesystem::path buyers;     ///< buyers.csv: id,name,credential,currency
    /// prices/<buyer>.csv for each buyer with contract prices.
    std::vector<std::pair<std::string, std::filesystem::path>> prices;
    std::size_t contract_entries = 0;
};

/// Writes a deterministic data set (the same options give the same bytes) into `dir`:
/// products with spec attributes in a three-level category tree, buyers, contract price
/// lists with quantity tiers and validity windows, and stock in each warehouse.
GeneratedFiles generate(const GeneratorOptions& options, const std::filesystem::path& dir);

/// Times of a load, phase by phase.
struct LoadReport {
    catalog::ImportReport catalog;
    catalog::ImportReport inventory;
    std::size_t buyers = 0;
    std::size_t price_files = 0;
    std::size_t price_entries = 0;
    double buyers_seconds = 0;
    double prices_seconds = 0;
};

/// Loads generated files into `db` through the catalog library's importers. Throws
/// std::runtime_error naming the first issue when a file does not import.
LoadReport load(const GeneratedFiles& files, catalog::Database& db,
                const catalog::ImportOptions& options = {});

/// The parts of `load`, for callers that time them separately.
catalog::ImportReport load_catalog(const GeneratedFiles& files, catalog::Connection& conn,
                                   const catalog::ImportOptions& options = {});
std::size_t load_buyers(const GeneratedFiles& files, catalog::Connection& conn);
std::size_t load_prices(const GeneratedFiles& files, catalog::Connection& conn);
catalog::ImportReport load_inventory(const GeneratedFiles& files, catalog::Connection& conn,
                                     const catalog::ImportOptions& options = {});

/// The buyer ids generate() uses, in order ("buyer0001", ...).
std::string buyer_id(std::size_t index);

/// The SKU of product `index` (0-based) in a catalog generated with `seed`.
std::string sku_for(std::uint64_t seed, std::size_t index);

/// A search a storefront user might type, and what kind of search it is.
struct SampleQuery {
    std::string kind;  ///< "noun", "noun+spec", "brand+noun", "sku-prefix", "part", "broad"
    std::string text;
};

/// Searches drawn from the generated vocabulary in a fixed mix: 30% product nouns ("hex
/// bolt"), 25% noun and a spec value, 15% brand and noun, 12% SKU prefixes (about 100
/// SKUs each), 10% exact part numbers, 8% one broad spec value ("Stainless A2").
std::vector<SampleQuery> sample_queries(const GeneratorOptions& options, std::size_t count);

}  // namespace punchout::tools
