#include "catalog/search.hpp"

#include "catalog/detail/price_rules.hpp"
#include "catalog/detail/visibility_sql.hpp"

#include <algorithm>
#include <map>
#include <unordered_map>

namespace punchout::catalog {
namespace {

constexpr std::size_t max_terms = 16;
constexpr std::size_t max_term_bytes = 64;

bool word_byte(unsigned char c) {
    return (c >= '0' && c <= '9') || (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || c >= 0x80;
}

// The buyer's one-unit price in SQL, deciding like detail::choose_price at quantity 1.
constexpr const char* effective_price =
    "coalesce((SELECT c.price FROM contract_price c WHERE c.buyer_id = ?4 AND"
    " c.product_id = p.id AND c.min_qty <= 10000 AND (c.valid_from IS NULL OR"
    " c.valid_from <= ?5) AND (c.valid_to IS NULL OR ?5 < c.valid_to) ORDER BY c.min_qty DESC,"
    " coalesce(c.valid_from, -9223372036854775807) DESC, c.id DESC LIMIT 1), p.list_price)";

// Relevance (detail/rank_function.hpp) with a weight per FTS column: sku, description,
// short_name, long_description, manufacturer, manufacturer_part, attributes.
constexpr const char* rank = "punchout_rank(product_fts, 10.0, 4.0, 4.0, 1.0, 3.0, 8.0, 2.0)";

}  // namespace

namespace {

// Whether a user's term is a code (SKU, part number) to match as a prefix. A prefix whose
// last piece is short ("10.8" -> "8*") expands to a large part of the index, so the last
// run of letters and digits needs at least 3 characters; a plain number needs 5 ("500" is
// a measurement, "00123" a code).
bool code_prefix(std::string_view term) {
    bool digit = false, letter = false, separator = false;
    std::size_t run = 0;
    for (const char ch : term) {
        const auto c = static_cast<unsigned char>(ch);
        if (c >= '0' && c <= '9') {
            digit = true;
            ++run;
        } else if ((c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || c >= 0x80) {
            letter = true;
            ++run;
        } else {
            separator = separator || c == '-' || c == '/' || c == '.' || c == '_';
            run = 0;
        }
    }
    if (!digit)
        return false;
    if (!letter && !separator)
        return term.size() >= 5;
    return run >= 3;
}

}  // namespace

std::string fts_expression(std::string_view text) {
    std::vector<std::string> terms;
    std::size_t i = 0;
    while (i < text.size() && terms.size() < max_terms) {
        while (i < text.size() && static_cast<unsigned char>(text[i]) <= ' ')
            ++i;
        const std::size_t start = i;
        while (i < text.size() && static_cast<unsigned char>(text[i]) > ' ')
            ++i;
        if (i == start)
            break;
        std::string term(text.substr(start, std::min(i - start, max_term_bytes)));
        // Cut a trailing partial UTF-8 sequence left by the length limit.
        while (!term.empty() && (static_cast<unsigned char>(term.back()) & 0xC0) == 0x80) {
            term.pop_back();
        }
        if (!term.empty() && static_cast<unsigned char>(term.back()) >= 0xC0)
            term.pop_back();
        if (std::none_of(term.begin(), term.end(),
                         [](char c) { return word_byte(static_cast<unsigned char>(c)); })) {
            continue;  // "-", "*", "(": nothing the tokenizer would index
        }
        terms.push_back(std::move(term));
    }
    std::string expr;
    for (const auto& term : terms) {
        if (!expr.empty())
            expr += ' ';
        expr += '"';
        for (const char c : term) {
            if (c == '"')
                expr += "\"\"";  // FTS5 string: a quote is doubled
            else
                expr += c;
        }
        expr += '"';
        if (code_prefix(term))
            expr += " *";
    }
    return expr;
}

namespace {

// The pieces of SQL one search is built from. Parameters: ?1 FTS expression, ?2 category,
// ?3 manufacturer, ?4 buyer, ?5 time; ?6 and ?7 are LIMIT and OFFSET.
struct Plan {
    bool text = false;
    bool filtered = false;   // any condition on the product row (filters or a catalog view)
    std::string conditions;  // " AND ..." on p

    // FROM and WHERE for the rows matching `match_param` (an FTS expression parameter).
    std::string from_where() const {
        if (!text)
            return " FROM product p WHERE 1" + conditions;
        return " FROM product_fts JOIN product p ON p.id = product_fts.rowid"
               " WHERE product_fts MATCH ?1" +
               conditions;
    }
};

// The parameters a plan's SQL may use (each statement uses some of them).
void bind_plan(Statement& st, const SearchQuery& q, const std::string& match, std::int64_t at) {
    const int n = st.parameter_count();
    if (!match.empty() && n >= 1)
        st.bind(1, match);
    if (!q.category.empty() && n >= 2)
        st.bind(2, q.category);
    if (!q.manufacturer.empty() && n >= 3)
        st.bind(3, q.manufacturer);
    if (n >= 4)
        st.bind(4, q.buyer.value);
    if (n >= 5)
        st.bind(5, at);
    if (n >= 8 && q.stock_fresh_since)
        st.bind(8, to_unix(*q.stock_fresh_since));
}

Result<std::int64_t> single_int(Statement& st) {
    auto r = st.step();
    if (!r)
        return r.error();
    return *r ? st.int64(0) : 0;
}

// Matches, counting no further than `cap`.
Result<std::int64_t> count(Connection& conn, const Plan& plan, const SearchQuery& q,
                           const std::string& match, std::int64_t at, std::int64_t cap) {
    // Without conditions on the product the FTS index can count on its own.
    const std::string inner = plan.text && !plan.filtered
                                  ? " FROM product_fts WHERE product_fts MATCH ?1"
                                  : plan.from_where();
    auto st = conn.prepare("SELECT count(*) FROM (SELECT 1" + inner + " LIMIT ?6)");
    bind_plan(st, q, match, at);
    st.bind(6, cap);
    return single_int(st);
}

// Product ids in the given order, one page.
Result<void> page_ids(Connection& conn, const Plan& plan, const SearchQuery& q,
                      const std::string& match, std::int64_t at, const std::string& order,
                      std::int64_t limit, std::int64_t offset, std::vector<std::int64_t>& ids) {
    auto st = conn.prepare("SELECT p.id" + plan.from_where() + order + " LIMIT ?6 OFFSET ?7");
    bind_plan(st, q, match, at);
    st.bind(6, limit).bind(7, offset);
    for (;;) {
        auto r = st.step();
        if (!r)
            return r.error();
        if (!*r)
            return {};
        ids.push_back(st.int64(0));
    }
}

Result<bool> has_catalog_view(Connection& conn, BuyerKey buyer) {
    auto st = conn.prepare(
        "SELECT EXISTS (SELECT 1 FROM buyer_view_category WHERE buyer_id = ?1) OR"
        " EXISTS (SELECT 1 FROM buyer_view_sku WHERE buyer_id = ?1)");
    st.bind(1, buyer.value);
    auto v = single_int(st);
    if (!v)
        return v.error();
    return *v != 0;
}

// A match with what ranking and the category counts need.
struct Match {
    std::int64_t id = 0;
    double score = 0;
    std::int64_t category = 0;  // 0: none
};

// Up to `cap` matches of the text with their relevance and category.
Result<std::vector<Match>> scored_matches(Connection& conn, const Plan& plan, const SearchQuery& q,
                                          const std::string& match, std::int64_t at,
                                          std::int64_t cap) {
    std::vector<Match> out;
    // Unfiltered, the FTS index alone finds and scores; categories are looked up after, and
    // only when the matches are few enough to be used (fewer than `cap`).
    auto st = plan.filtered
                  ? conn.prepare(std::string("SELECT p.id, ") + rank +
                                 ", coalesce(p.category_id, 0)" + plan.from_where() + " LIMIT ?6")
                  : conn.prepare(std::string("SELECT rowid, ") + rank +
                                 ", 0 FROM product_fts WHERE product_fts MATCH ?1 LIMIT ?6");
    bind_plan(st, q, match, at);
    st.bind(6, cap);
    for (;;) {
        auto r = st.step();
        if (!r)
            return r.error();
        if (!*r)
            break;
        out.push_back({st.int64(0), st.real(1), st.int64(2)});
    }
    if (!plan.filtered && std::ssize(out) < cap) {
        auto cat = conn.prepare("SELECT coalesce(category_id, 0) FROM product WHERE id = ?1");
        for (auto& m : out) {
            cat.reset();
            cat.bind(1, m.id);
            auto c = single_int(cat);
            if (!c)
                return c.error();
            m.category = *c;
        }
    }
    return out;
}

}  // namespace

std::string unspsc_prefix(std::string_view code) {
    if (code.empty() || code.size() > 8 || code.size() % 2 != 0)
        return {};
    if (!std::all_of(code.begin(), code.end(), [](char c) { return c >= '0' && c <= '9'; }))
        return {};
    std::string prefix(code);
    while (prefix.size() > 2 && prefix.ends_with("00"))
        prefix.resize(prefix.size() - 2);
    return prefix == "00" ? std::string() : prefix;
}

Result<SearchPage> search(Connection& conn, const SearchQuery& q) {
    const std::string match = fts_expression(q.text);
    const std::int64_t at = to_unix(q.at == Timestamp{} ? now() : q.at);
    const auto size = static_cast<std::int64_t>(std::clamp<std::size_t>(q.page_size, 1, 200));
    const auto offset = static_cast<std::int64_t>(q.page) * size;

    Plan plan;
    plan.text = !match.empty();
    if (!q.category.empty()) {
        plan.conditions +=
            " AND p.category_id IN (SELECT id FROM category WHERE path = ?2 OR"
            " (path >= ?2 || ' > ' AND path < ?2 || ' ?'))";
    }
    if (!q.manufacturer.empty())
        plan.conditions += " AND p.manufacturer = ?3";
    // Digits only (unspsc_prefix), so it is written into the SQL as it is.
    if (const auto prefix = unspsc_prefix(q.unspsc); !prefix.empty())
        plan.conditions += " AND p.unspsc LIKE '" + prefix + "%'";
    if (q.in_stock_only) {
        plan.conditions +=
            std::string(
                " AND EXISTS (SELECT 1 FROM inventory i WHERE i.product_id = p.id AND"
                " i.quantity > 0") +
            (q.stock_fresh_since ? " AND i.updated_at >= ?8)" : ")");
    }
    auto restricted = has_catalog_view(conn, q.buyer);
    if (!restricted)
        return restricted.error();
    if (*restricted)
        plan.conditions += " AND " + detail::visibility_condition("?4");
    plan.filtered = !plan.conditions.empty();

    SearchPage page;
    std::vector<std::int64_t> ids;
    std::map<std::int64_t, std::int64_t> per_category;  // category id (0: none) -> matches
    bool categories_known = false;
    const std::int64_t limit = search_match_limit;

    // How many match, counting no further than the limit. For text in relevance order one
    // pass counts and scores together (scoring is cheap next to walking the index twice).
    std::vector<Match> matches;
    if (plan.text && q.sort == SearchSort::relevance) {
        auto m = scored_matches(conn, plan, q, match, at, limit + 1);
        if (!m)
            return m.error();
        matches = std::move(*m);
        page.total = std::ssize(matches);
    } else {
        auto n = count(conn, plan, q, match, at, limit + 1);
        if (!n)
            return n.error();
        page.total = *n;
    }
    page.total_exact = page.total <= limit;
    page.total = std::min(page.total, limit);

    if (q.sort != SearchSort::relevance && page.total_exact) {
        page.order = SearchOrder::by_price;
        const char* dir = q.sort == SearchSort::price_descending ? " DESC" : "";
        if (auto r = page_ids(conn, plan, q, match, at,
                              std::string(" ORDER BY ") + effective_price + dir + ", p.sku", size,
                              offset, ids);
            !r) {
            return r.error();
        }
    } else if (!plan.text) {
        // The category index yields this order without sorting, however many products match.
        page.order = SearchOrder::catalog;
        if (auto r = page_ids(conn, plan, q, match, at, " ORDER BY p.category_id, p.id", size,
                              offset, ids);
            !r) {
            return r.error();
        }
    } else if (page.total_exact) {
        if (matches.empty() && page.total > 0) {
            // Price order was asked for but fell back: score the matches now.
            auto m = scored_matches(conn, plan, q, match, at, limit);
            if (!m)
                return m.error();
            matches = std::move(*m);
        }
        page.order = SearchOrder::ranked;
        std::stable_sort(matches.begin(), matches.end(),
                         [](const Match& a, const Match& b) { return a.score < b.score; });
        for (std::int64_t k = offset; k < offset + size && k < std::ssize(matches); ++k) {
            ids.push_back(matches[static_cast<std::size_t>(k)].id);
        }
        for (const auto& m : matches)
            ++per_category[m.category];
        categories_known = true;
    } else {
        // Too many to rank: title matches first, then the rest, each in catalog order, which
        // the FTS index yields without sorting.
        page.order = SearchOrder::title_first;
        const std::string title = "{description short_name} : (" + match + ")";
        const std::string rest = "(" + match + ") NOT (" + title + ")";
        if (auto r = page_ids(conn, plan, q, title, at, " ORDER BY product_fts.rowid", size, offset,
                              ids);
            !r) {
            return r.error();
        }
        const auto missing = size - std::ssize(ids);
        if (missing > 0) {
            // The page runs past the title matches; where the rest starts depends on how
            // many title matches there are (known without counting when any were returned).
            std::int64_t in_title = offset + std::ssize(ids);
            if (ids.empty() && offset > 0) {
                auto n = count(conn, plan, q, title, at, offset + 1);
                if (!n)
                    return n.error();
                in_title = *n;
            }
            if (auto r = page_ids(conn, plan, q, rest, at, " ORDER BY product_fts.rowid", missing,
                                  std::max<std::int64_t>(0, offset - in_title), ids);
                !r) {
                return r.error();
            }
        }
    }

    // The hits: product fields, stock, and the price through the one precedence function.
    auto product = conn.prepare(
        "SELECT p.sku, p.description, p.short_name, p.manufacturer, p.manufacturer_part, p.uom,"
        " coalesce((SELECT path FROM category WHERE id = p.category_id), ''), p.image_url,"
        " p.lead_time_days, p.list_price, p.currency,"
        " (SELECT coalesce(sum(quantity), 0) FROM inventory i WHERE i.product_id = p.id"
        "  AND i.updated_at >= ?2),"
        " p.price_basis_quantity,"
        " (SELECT coalesce(sum(quantity), 0) FROM inventory i WHERE i.product_id = p.id"
        "  AND i.updated_at < ?2),"
        " (SELECT max(updated_at) FROM inventory i WHERE i.product_id = p.id"
        "  AND i.updated_at < ?2),"
        " EXISTS (SELECT 1 FROM inventory i WHERE i.product_id = p.id)"
        " FROM product p WHERE p.id = ?1");
    // Without a cutoff every figure is fresh.
    const std::int64_t fresh_since = q.stock_fresh_since ? to_unix(*q.stock_fresh_since)
                                                         : std::numeric_limits<std::int64_t>::min();
    auto prices = conn.prepare(
        "SELECT id, price, currency, min_qty, valid_from, valid_to FROM contract_price"
        " WHERE buyer_id = ?1 AND product_id = ?2");
    for (const auto id : ids) {
        product.reset();
        product.bind(1, id).bind(2, fresh_since);
        auto found = product.step();
        if (!found)
            return found.error();
        if (!*found)
            continue;
        SearchHit h;
        h.sku = product.text(0);
        h.description = product.text(1);
        h.short_name = product.text(2);
        h.manufacturer = product.text(3);
        h.manufacturer_part = product.text(4);
        h.uom = product.text(5);
        h.category = product.text(6);
        h.image_url = product.text(7);
        if (auto d = product.optional_int64(8))
            h.lead_time_days = static_cast<int>(*d);
        h.list_price = Amount::from_units(product.int64(9));
        h.list_currency = product.text(10);
        h.stock = Amount::from_units(product.int64(11));
        h.price_basis_quantity = Amount::from_units(product.int64(12));
        h.stale_stock = Amount::from_units(product.int64(13));
        if (auto t = product.optional_int64(14))
            h.stale_as_of = from_unix(*t);
        h.stock_reported = product.int64(15) != 0;
        prices.reset();
        prices.bind(1, q.buyer.value).bind(2, id);
        std::vector<detail::PriceRow> rows;
        for (;;) {
            auto r = prices.step();
            if (!r)
                return r.error();
            if (!*r)
                break;
            rows.push_back({prices.int64(0), prices.int64(1), prices.text(2), prices.int64(3),
                            prices.optional_int64(4), prices.optional_int64(5)});
        }
        h.price =
            detail::choose_price(rows, h.list_price.units(), h.list_currency, Amount::scale, at);
        page.hits.push_back(std::move(h));
    }

    if (q.with_categories && page.total_exact) {
        page.categories_counted = true;
        if (!categories_known) {
            auto st = conn.prepare("SELECT coalesce(p.category_id, 0), count(*)" +
                                   plan.from_where() + " GROUP BY 1");
            bind_plan(st, q, match, at);
            for (;;) {
                auto r = st.step();
                if (!r)
                    return r.error();
                if (!*r)
                    break;
                per_category[st.int64(0)] = st.int64(1);
            }
        }
        // Roll the counts up the tree: each category counts its whole subtree.
        std::unordered_map<std::int64_t, std::pair<std::int64_t, std::string>> nodes;
        auto node = conn.prepare("SELECT coalesce(parent_id, 0), path FROM category WHERE id = ?1");
        std::map<std::string, std::int64_t> totals;
        for (const auto& [id, n] : per_category) {
            std::int64_t at_id = id;
            while (at_id != 0) {
                auto it = nodes.find(at_id);
                if (it == nodes.end()) {
                    node.reset();
                    node.bind(1, at_id);
                    auto r = node.step();
                    if (!r)
                        return r.error();
                    if (!*r)
                        break;
                    it = nodes.emplace(at_id, std::make_pair(node.int64(0), node.text(1))).first;
                }
                totals[it->second.second] += n;
                at_id = it->second.first;
            }
        }
        for (auto& [path, n] : totals)
            page.categories.push_back({path, n});
    }
    return page;
}

}  // namespace punchout::catalog
