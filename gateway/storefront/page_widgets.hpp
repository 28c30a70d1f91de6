#pragma once

#include "catalog/amount.hpp"
#include "gateway/storefront/html_writer.hpp"
#include "gateway/storefront/shop_context.hpp"

#include <optional>
#include <string>
#include <string_view>

namespace punchout::gateway::storefront {

/// The link to a product page of the session.
std::string product_url(const ShopContext& shop, std::string_view sku);

/// What a search page shows: the query of `/search`.
struct SearchParams {
    std::string text;
    std::string category;
    std::string manufacturer;
    std::string unspsc;  ///< a Level 2 aisle or shelf: UNSPSC class prefix
    bool in_stock = false;
    std::string sort;  ///< "", "price-asc", "price-desc"
    std::size_t page = 1;

    /// The link to this search in the session.
    std::string url(const ShopContext& shop) const;
};

/// The hidden field carrying the session's form token (every POST form has it).
void write_csrf(HtmlWriter& w, const ShopContext& shop);

/// "12.50 EUR" with " per 100 EA" when the price basis is not 1 unit, or " / PK".
void write_price(HtmlWriter& w, catalog::Amount price, std::string_view currency,
                 catalog::Amount basis, std::string_view uom);

/// Stock figures older than `[catalog] stock_stale_after`: the sum last known, and when.
struct LastKnownStock {
    catalog::Amount quantity;
    std::optional<catalog::Timestamp> as_of;
};

/// "In stock: 42"; when only stale figures say there is stock, "Last known 12, as of
/// 09:40" (never counted as in stock); else "Out of stock" with the lead time.
void write_stock_summary(HtmlWriter& w, catalog::Amount stock, std::optional<int> lead_time_days,
                         bool stock_known = true, const LastKnownStock& stale = {},
                         catalog::Timestamp now = {});

/// The add-to-cart form for `sku` (quantity field and button); `id` makes the field's id
/// unique on the page. Nothing on read-only sessions.
void write_add_form(HtmlWriter& w, const ShopContext& shop, std::string_view sku,
                    std::string_view id, std::string_view product_name);

}  // namespace punchout::gateway::storefront
