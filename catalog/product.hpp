#pragma once

#include "catalog/amount.hpp"
#include "catalog/connection.hpp"
#include "catalog/result.hpp"
#include "catalog/timestamp.hpp"

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

namespace punchout::catalog {

/// A product as the storefront and the order checks see it.
struct Product {
    std::string sku;  ///< SupplierPartID
    std::string description;
    std::string short_name;
    std::string long_description;
    std::string unspsc;  ///< 8 digits
    std::string uom;     ///< UN/CEFACT Rec. 20 code
    Amount price_basis_quantity =
        Amount::from_units(Amount::scale);  ///< the price is per this many units
    Amount list_price;
    std::string currency;
    std::string manufacturer;
    std::string manufacturer_part;
    std::optional<int> lead_time_days;
    std::string category;  ///< "Tools > Power tools > Drills", empty when uncategorised
    std::string image_url;
    std::string datasheet_url;
    std::vector<std::pair<std::string, std::string>> attributes;  ///< the spec table, in order
    Timestamp created_at{};
    Timestamp updated_at{};
};

/// The product with this SKU (exact, case-sensitive), or Errc::not_found.
Result<Product> find_product(Connection& conn, std::string_view sku);

/// Up to `limit` products ordered by SKU, starting after `after_sku` (keyset paging).
/// Attributes are left empty here; `find_product` reads them.
Result<std::vector<Product>> list_products(Connection& conn, std::string_view after_sku,
                                           std::size_t limit);

/// How many products the catalog holds.
Result<std::int64_t> count_products(Connection& conn);

/// Removes a product with its contract prices and stock rows, or Errc::not_found.
Result<void> delete_product(Connection& conn, std::string_view sku);

}  // namespace punchout::catalog
