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
    std::string unspsc;        ///< a UNSPSC prefix (unspsc_prefix): only that class; empty: all
    bool in_stock_only = false;
    /// Stock reported before this is stale: not in stock for the filter nor in `stock`.
    std::optional<Timestamp> stock_fresh_since;
    SearchSort sort = SearchSort::relevance;  ///< relevance: see SearchOrder
    std::size_t page = 0;                     ///< 0-based
    std::size_t page_size = 48;               ///< at most 200
    Timestamp at{};                           ///< prices as of this time; epoch: now
    bool with_categories = true;  ///< count matches per category (the tree beside results)
};

/// The prefix a UNSPSC code stands for in a Level 2 aisle or shelf link: the segment,
/// family or class it names, without its trailing zero pairs ("40141600" -> "401416",
/// "40140000" -> "4014"); an 8-digit commodity stays whole. Empty when `code` is not 2, 4,
/// 6 or 8 digits (a SKU, say).
std::string unspsc_prefix(std::string_view code);

/// One result with what a result list shows.
struct SearchHit {
    std::string sku;
    std::string description;
    std::string short_name;
    std::string manufacturer;
    std::string manufacturer_part;
    std::string uom;
    Amount price_basis_quantity = Amount::from_units(Amount::scale);  ///< prices are per this
    std::string category;
    std::string image_url;
    std::optional<int> lead_time_days;
    Amount list_price;
    std::string list_currency;
    ResolvedPrice price;                   ///< the buyer's price for quantity 1
    Amount stock;                          ///< total over all warehouses (fresh figures only)
    Amount stale_stock;                    ///< total of the stale figures ("last known")
    std::optional<Timestamp> stale_as_of;  ///< the newest stale figure
    bool stock_reported = false;           ///< any figure at all, fresh or stale
};

/// Matches in one category subtree (its own products and its descendants').
struct CategoryCount {
    std::string path;
    std::int64_t count = 0;
};

/// How the hits of a page were ordered.
enum class SearchOrder {
    ranked,       ///< by relevance: the best column each term matched (SKU and part first)
    title_first,  ///< more than search_match_limit matches: those with every term in the
                  ///< description or short name first, then the rest, each in catalog order
    catalog,      ///< browsing without text: by category, then in catalog order
    by_price,     ///< by the buyer's price, as asked
};

/// One page of results.
struct SearchPage {
    std::vector<SearchHit> hits;
    std::int64_t total = 0;   ///< all matches, or search_match_limit when !total_exact
    bool total_exact = true;  ///< false: more than search_match_limit matched
    SearchOrder order = SearchOrder::ranked;
    /// Matches per category subtree, by path, ancestors included; filled when asked for and
    /// the total is exact.
    std::vector<CategoryCount> categories;
    bool categories_counted = false;
};

/// Beyond this many matches a search stops counting ("more than 1000"), ranking, counting
/// per category and sorting by price: those would cost time in proportion to the matches.
inline constexpr std::int64_t search_match_limit = 1000;

/// Full-text search over SKU, descriptions, short name, manufacturer, manufacturer part
/// and attributes, restricted to what the buyer may see. User text never causes an FTS
/// syntax error: every term is quoted. Terms that look like codes match as prefixes (a
/// letter-digit mix or a separator - / . _ with a last piece of 3+ characters, or a number
/// of 5+ digits: "FAS-00123", "KT-DR18", "00123"); other terms match whole words.
///
/// The work per search is bounded (see search_match_limit), so a page comes back in a few
/// milliseconds even when the text matches much of a million-SKU catalog.
Result<SearchPage> search(Connection& conn, const SearchQuery& query);

/// The FTS5 expression `search` uses for `text` (empty when nothing searchable is left).
std::string fts_expression(std::string_view text);

}  // namespace punchout::catalog
