#pragma once

#include "catalog/cart.hpp"
#include "catalog/connection.hpp"
#include "gateway/storefront/form_data.hpp"
#include "gateway/storefront/page_layout.hpp"
#include "gateway/storefront/shop_context.hpp"

#include <string_view>
#include <vector>

namespace punchout::gateway::storefront {

/// The cart (`/cart`): each line with its price (and today's price when it changed), a
/// quantity field (tier prices apply on update), the line total, availability and what
/// changed since the line was added; totals by currency; the buttons that return the cart
/// or cancel. `error` (a refused form) is shown above the cart with status 422.
RenderedPage render_cart_page(catalog::Connection& conn, const ShopContext& shop,
                              const std::vector<catalog::CartLine>& lines, const FormData& query,
                              std::string_view error = {});

/// The confirmation before an edit session returns an empty cart (`/cancel`): an empty cart
/// deletes the requisition's lines in the buyer's system, so the user must tick a box.
RenderedPage render_cancel_page(const ShopContext& shop, std::string_view error = {});

}  // namespace punchout::gateway::storefront
