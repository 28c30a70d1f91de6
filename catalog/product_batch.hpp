#pragma once

// Products as the supplier's systems send them, in batches (the integration API's PUT
// /api/v1/products; DELETE /api/v1/products/{sku} is catalog::delete_product): the fields of the
// catalog CSV, checked by the rules and with the messages of the catalog file import.
#include "catalog/batch_row_problem.hpp"
#include "catalog/connection.hpp"
#include "catalog/result.hpp"
#include "catalog/timestamp.hpp"

#include <cstddef>
#include <optional>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

namespace punchout::catalog {

/// One product, upserted by SKU. `fields` are catalog CSV columns by name (sku, description,
/// uom, price, currency, unspsc required; short_name, long_description, manufacturer, ...
/// optional), values as text as sent. As in the file import, an optional field a row does
/// not give keeps its value on an existing product (and takes its default on a new one);
/// `attributes`, when given, replace the product's spec attributes.
struct ProductUpdate {
    std::vector<std::pair<std::string, std::string>> fields;
    std::optional<std::vector<std::pair<std::string, std::string>>> attributes;
};

/// The names `ProductUpdate::fields` may use: the catalog CSV's columns, the
/// required_product_fields required ones first.
std::vector<std::string_view> product_field_names();
inline constexpr std::size_t required_product_fields = 6;

/// What a batch did. With problems, nothing was written.
struct ProductBatchResult {
    std::size_t inserted = 0;
    std::size_t updated = 0;
    std::size_t unchanged = 0;
    std::vector<BatchRowProblem> problems;
};

/// The most rows one batch may carry. A product row is larger than a price or stock row and
/// is indexed for search, so batches are smaller; whole catalogs are file imports.
inline constexpr std::size_t max_product_batch = 1000;

/// Checks every row, then writes them all in one transaction (a savepoint when `conn` is in
/// one), or none when any row has a problem (a missing or bad field, an unknown field, the
/// same SKU twice). Errc::invalid for an empty batch or one past max_product_batch; store
/// failures as errors.
Result<ProductBatchResult> apply_product_batch(Connection& conn,
                                               const std::vector<ProductUpdate>& batch,
                                               Timestamp at);

}  // namespace punchout::catalog
