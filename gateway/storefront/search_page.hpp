#pragma once

#include "catalog/connection.hpp"
#include "gateway/storefront/form_data.hpp"
#include "gateway/storefront/page_layout.hpp"
#include "gateway/storefront/shop_context.hpp"

namespace punchout::gateway::storefront {

/// Results shown per search page.
inline constexpr std::size_t search_page_size = 48;

/// Search and browse (`/search?q=&category=&manufacturer=&stock=1&sort=&page=`): full-text
/// results with the buyer's price and stock, the category tree with counts, filters
/// (manufacturer, in stock), sorting (relevance, price), 48 a page, compare checkboxes and
/// an add-to-cart form on each result. One catalog::search call.
RenderedPage render_search_page(catalog::Connection& conn, const ShopContext& shop,
                                const FormData& query);

}  // namespace punchout::gateway::storefront
