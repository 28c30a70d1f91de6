#pragma once

#include "catalog/buyer.hpp"
#include "catalog/connection.hpp"
#include "catalog/product.hpp"
#include "catalog/result.hpp"

#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace punchout::catalog {

/// Whether the buyer may see (and so order) `sku`: true when the buyer has no catalog view,
/// or the product's category lies in one of the view's category subtrees, or the SKU is on
/// the buyer's pre-approved list. Errc::not_found for an unknown SKU.
Result<bool> visible(Connection& conn, BuyerKey buyer, std::string_view sku);

/// The product `sku` when it exists and the buyer may see it; nothing when it is unknown or
/// outside the buyer's view (the two read the same, so nothing leaks about other catalogs).
/// An error only when the store failed.
Result<std::optional<Product>> find_visible_product(Connection& conn, BuyerKey buyer,
                                                    std::string_view sku);

/// Replaces the buyer's pre-approved SKU list (empty: no SKU list). SKUs need not exist
/// yet: the list outlives catalog reloads.
Result<void> set_view_skus(Connection& conn, BuyerKey buyer, const std::vector<std::string>& skus);

/// The buyer's pre-approved SKUs, sorted.
Result<std::vector<std::string>> view_skus(Connection& conn, BuyerKey buyer);

}  // namespace punchout::catalog
