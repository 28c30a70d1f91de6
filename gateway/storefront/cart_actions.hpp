#pragma once

#include "catalog/cart.hpp"
#include "catalog/connection.hpp"
#include "gateway/storefront/action_result.hpp"
#include "gateway/storefront/form_data.hpp"
#include "gateway/storefront/shop_context.hpp"

#include <vector>

namespace punchout::gateway::storefront {

/// Most lines a cart may hold.
inline constexpr std::size_t max_cart_lines = 500;

/// POST /cart/add (sku, quantity): adds a line at the buyer's price for that quantity (a
/// new line token), or adds to the quantity of a line of the same SKU added here before
/// (repriced for the new quantity). The caller holds a write transaction.
ActionResult add_to_cart(catalog::Connection& conn, const ShopContext& shop,
                         const std::vector<catalog::CartLine>& lines, const FormData& form);

/// POST /cart/line (token, action=update|remove, quantity): changes a line's quantity (the
/// price follows the tiers; a line of the buyer's not in our catalog keeps its price) or
/// removes it.
ActionResult change_cart_line(catalog::Connection& conn, const ShopContext& shop,
                              const std::vector<catalog::CartLine>& lines, const FormData& form);

/// POST /cart/reprice: every line of our catalog gets today's price for its quantity.
ActionResult reprice_cart(catalog::Connection& conn, const ShopContext& shop,
                          const std::vector<catalog::CartLine>& lines);

}  // namespace punchout::gateway::storefront
