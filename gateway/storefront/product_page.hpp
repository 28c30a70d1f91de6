#pragma once

#include "catalog/connection.hpp"
#include "gateway/storefront/page_layout.hpp"
#include "gateway/storefront/shop_context.hpp"

#include <string_view>

namespace punchout::gateway::storefront {

/// The product page (`/product/{sku}`): description, images, the spec table from the
/// attributes, datasheet, UNSPSC, unit of measure, lead time; the buyer's price with its
/// quantity tiers and validity (the list price struck through when different); stock per
/// warehouse "as of" its update; alternatives from the same category that are cheaper or
/// available sooner. 404 for a SKU the buyer may not see.
RenderedPage render_product_page(catalog::Connection& conn, const ShopContext& shop,
                                 std::string_view sku);

}  // namespace punchout::gateway::storefront
