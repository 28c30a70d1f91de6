#pragma once

#include "catalog/connection.hpp"
#include "gateway/storefront/form_data.hpp"
#include "gateway/storefront/page_layout.hpp"
#include "gateway/storefront/shop_context.hpp"

namespace punchout::gateway::storefront {

/// Most products compared at once.
inline constexpr std::size_t max_compared = 4;

/// Compares up to four products side by side (`/compare?sku=A&sku=B`): the buyer's price,
/// list price, stock, lead time, unit, manufacturer, UNSPSC and every attribute any of
/// them has.
RenderedPage render_compare_page(catalog::Connection& conn, const ShopContext& shop,
                                 const FormData& query);

}  // namespace punchout::gateway::storefront
