#pragma once

// The part of a catalog import shared by CSV and CIF: checking a row's values, staging
// checked rows in a TEMP table (no lock on the catalog), and applying the stage in one
// short write transaction.
#include "catalog/connection.hpp"
#include "catalog/detail/catalog_swap.hpp"
#include "catalog/detail/import_support.hpp"
#include "catalog/result.hpp"
#include "catalog/timestamp.hpp"

#include <bitset>
#include <chrono>
#include <cstdint>
#include <optional>
#include <set>
#include <span>
#include <string>
#include <string_view>
#include <vector>

namespace punchout::catalog::detail {

/// The product fields an input column can feed.
enum class ProductColumn {
    sku,
    description,
    short_name,
    long_description,
    unspsc,
    uom,
    price,
    currency,
    manufacturer,
    manufacturer_part,
    lead_time_days,
    category,
    price_basis_quantity,
    image_url,
    datasheet_url,
    attribute,  // one spec attribute; the name is in ColumnBinding::attribute
    remove,     // CIF's Delete flag
    ignored,    // a known column we deliberately do not store
    count
};

using ColumnSet = std::bitset<static_cast<std::size_t>(ProductColumn::count)>;

/// A column of the catalog CSV (and field of the integration API's products) by name.
struct NamedColumn {
    const char* name;
    ProductColumn target;
};

/// The catalog CSV's columns; the first csv_required_columns are required.
std::span<const NamedColumn> csv_product_columns();
inline constexpr std::size_t csv_required_columns = 6;

/// One input column: where its values go and what issues call it.
struct ColumnBinding {
    ProductColumn target = ProductColumn::ignored;
    std::string name;       // as in the file header, for issues
    std::string attribute;  // the attribute name for ProductColumn::attribute
};

/// A row that passed every check, ready for the stage.
struct StagedProduct {
    std::string sku;
    bool remove = false;
    std::string description, short_name, long_description, unspsc, uom, currency;
    std::string manufacturer, manufacturer_part, category, image_url, datasheet_url;
    std::string attributes_json;
    std::int64_t list_price = 0;
    std::int64_t price_basis_quantity = 10000;
    std::optional<std::int64_t> lead_time_days;
};

/// Checks one row's fields against `columns` and fills `out`; every problem goes to
/// `issues`. `default_currency` fills an empty currency (CIF's CURRENCY header). Returns
/// false when the row had a problem.
bool check_product_row(const std::vector<std::string>& fields,
                       const std::vector<std::size_t>& lines,
                       const std::vector<ColumnBinding>& columns,
                       const std::string& default_currency, StagedProduct& out, IssueList& issues);

/// What applying a stage changed.
struct ApplyCounts {
    std::uint64_t inserted = 0, updated = 0, unchanged = 0, deleted = 0;
    /// The longest the write lock was held at once.
    std::chrono::microseconds lock_time{0};
};

/// When an import builds the next catalog beside the serving one instead of writing in
/// place (catalog/README-import-swap.md).
struct SwapChoice {
    /// Full loads, and stages of more rows than this, are swapped in. In place, a stage of
    /// this size holds the write lock for about as long as one build step.
    std::int64_t in_place_max_rows = 1000;
    SwapPacing pacing{};
    std::string source;  ///< the file's name, for the build's record
};

/// Remembers the SKUs seen in a file and the line of each, to report duplicates. Exact
/// (keys are compared, not just hashed) and compact: the keys live in one string, the table
/// holds 16 bytes per slot, about 45 MB for a million SKUs.
class SeenSkus {
public:
    /// The line `sku` was first seen on, or nullopt (and `sku` is remembered with `line`).
    std::optional<std::size_t> insert(std::string_view sku, std::size_t line);

private:
    struct Slot {
        std::uint64_t hash = 0;  // 0: empty
        std::uint32_t offset = 0;
        std::uint32_t line = 0;
    };
    std::string_view key(const Slot& s) const;
    void grow();

    std::vector<Slot> slots_ = std::vector<Slot>(1024);
    std::string keys_;
    std::size_t count_ = 0;
};

/// Whether a stage opens its own staging transaction (a file import) or is part of the
/// caller's (an API batch under its Idempotency-Key).
enum class StageTransaction { own, join };

/// The TEMP staging table for one import on one connection.
class ProductStage {
public:
    /// Creates the TEMP table and, with StageTransaction::own, opens the staging transaction
    /// (it writes only to the connection's private temp database, so it holds no lock on the
    /// catalog). With StageTransaction::join the stage is part of the caller's open
    /// transaction and apply() a savepoint in it; should that transaction be gone (SQLite
    /// rolled it back by itself after an I/O or memory failure), the stage refuses rather
    /// than commit its part alone. When opening fails, add() and finish() return the error.
    ProductStage(Connection& conn, StageTransaction mode);
    ~ProductStage();
    ProductStage(const ProductStage&) = delete;
    ProductStage& operator=(const ProductStage&) = delete;

    /// Stages a row. When the SKU was staged before, returns that row's line instead.
    Result<std::optional<std::size_t>> add(const StagedProduct& row, std::size_t line);

    /// Ends staging (call before apply).
    Result<void> finish();

    /// Applies the stage: in one write transaction, or, when `swap` is given and the stage is
    /// large or a full load, by building the next catalog and swapping it in. `present` says
    /// which optional columns the file had (others keep their values on existing products);
    /// `replace_all` deletes products the stage does not have (a full load). Refused
    /// (Errc::in_progress) while another import is building.
    Result<ApplyCounts> apply(const ColumnSet& present, bool replace_all, Timestamp now,
                              const SwapChoice* swap = nullptr);

private:
    Result<void> insert_categories();
    Result<ApplyCounts> apply_by_swap(const ColumnSet& present, bool replace_all, Timestamp now,
                                      const SwapChoice& choice);

    Connection& conn_;
    bool staging_ = false;
    bool nested_ = false;  // inside the caller's transaction: no BEGIN, COMMIT or ROLLBACK
    std::optional<Error> open_error_;
    SeenSkus seen_;
    std::set<std::string> categories_;
    std::int64_t staged_ = 0;    // rows to upsert
    std::int64_t removals_ = 0;  // rows to delete (CIF Delete = T)
};

}  // namespace punchout::catalog::detail
