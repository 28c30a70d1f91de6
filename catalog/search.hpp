#pragma once

#include "catalog/amount.hpp"
#include "catalog/buyer.hpp"
#include "catalog/connection.hpp"
#include "catalog/price.hpp"
#include "catalog/result.hpp"
#include "catalog/timestamp.hpp"

#include <cstddef>
#include <cstdint>
#include <optional>
#include <string>
#include <vector>

namespace punchout::catalog {

/// Result order.
enum class SearchSort {
    relevance,        ///< best text match first (by SKU when there is no text)
    price_ascending,  ///< the buyer's price for one unit, cheapest first
    price_descending,
};

/// What the storefront asks for. Every text field may hold anything a user typed.
struct SearchQuery {
    BuyerKey buyer;
    std::string text;          ///< words, SKUs, part numbers; empty: browse
    std::string category;      ///< a category path: only that subtree; empty: all
    std::string manufacturer;  ///< exact manufacturer name; empty: all
    bool in_stock_only = false;
    SearchSort sort = SearchSort::relevance;
    std::size_t page = 0;         ///< 0-based
    std::size_t page_size = 48;   ///< at most 200
    Timestamp at{};               ///< prices as of this time; epoch: now
    bool with_categories = true;  ///< count matches per category (the tree beside results)
};

/// One result with what a result list shows.
struct SearchHit {
    std::string sku;
    std::string description;
    std::string short_name;
    std::string manufacturer;
    std::string manufacturer_part;
    std::string uom;
    std::string category;
    std::string image_url;
    std::optional<int> lead_time_days;
    Amount list_price;
    std::string list_currency;
    ResolvedPrice price;  ///< the buyer's price for quantity 1
    Amount stock;         ///< total over all warehouses
};

/// Matches in one category subtree (its own products and its descendants').
struct CategoryCount {
    std::string path;
    std::int64_t count = 0;
};

/// One page of results.
struct SearchPage {
    std::vector<SearchHit> hits;
    std::int64_t total = 0;                 ///< all matches (see total_exact)
    bool total_exact = true;                ///< false: more than `total` matched (counting stopped)
    std::vector<CategoryCount> categories;  ///< by path, ancestors included; empty if not asked
};

/// The most matches counted exactly; beyond this a search says "more than N".
inline constexpr std::int64_t search_count_limit = 10000;

/// Full-text search over SKU, descriptions, short name, manufacturer, manufacturer part
/// and attributes, restricted to what the buyer may see. User text never causes an FTS
/// syntax error: every term is quoted; terms that look like SKUs or part numbers (with a
/// digit, '-', '/', '.' or '_') and the last term match as prefixes.
Result<SearchPage> search(Connection& conn, const SearchQuery& query);

/// The FTS5 expression `search` uses for `text` (empty when nothing searchable is left).
std::string fts_expression(std::string_view text);

}  // namespace punchout::catalog
