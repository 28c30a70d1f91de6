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

// bm25 weights per FTS column: sku, description, short_name, long_description,
// manufacturer, manufacturer_part, attributes.
constexpr const char* rank = "bm25(product_fts, 10.0, 4.0, 3.0, 1.0, 2.0, 8.0, 1.0)";

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
    for (std::size_t t = 0; t < terms.size(); ++t) {
        const std::string& term = terms[t];
        const bool code_like =
            term.find_first_of("0123456789-/._") != std::string::npos && term.size() >= 3;
        const bool last = t + 1 == terms.size() && term.size() >= 3;
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
        if (code_like || last)
            expr += " *";
    }
    return expr;
}

Result<SearchPage> search(Connection& conn, const SearchQuery& q) {
    const std::string match = fts_expression(q.text);
    const std::int64_t at = to_unix(q.at == Timestamp{} ? now() : q.at);
    const std::size_t page_size = std::clamp<std::size_t>(q.page_size, 1, 200);

    // ?1 match, ?2 category, ?3 manufacturer, ?4 buyer, ?5 time, ?6 limit, ?7 offset.
    std::string from = match.empty()
                           ? " FROM product p"
                           : " FROM product_fts JOIN product p ON p.id = product_fts.rowid";
    std::string where = match.empty() ? " WHERE 1" : " WHERE product_fts MATCH ?1";
    if (!q.category.empty()) {
        where +=
            " AND p.category_id IN (SELECT id FROM category WHERE path = ?2 OR"
            " (path >= ?2 || ' > ' AND path < ?2 || ' ?'))";
    }
    if (!q.manufacturer.empty())
        where += " AND p.manufacturer = ?3";
    if (q.in_stock_only) {
        where +=
            " AND EXISTS (SELECT 1 FROM inventory i WHERE i.product_id = p.id AND"
            " i.quantity > 0)";
    }
    where += " AND " + detail::visibility_condition("?4");
    auto bind_filters = [&](Statement& st) {
        if (!match.empty())
            st.bind(1, match);
        if (!q.category.empty())
            st.bind(2, q.category);
        if (!q.manufacturer.empty())
            st.bind(3, q.manufacturer);
        st.bind(4, q.buyer.value).bind(5, at);
    };

    std::string order;
    switch (q.sort) {
        case SearchSort::relevance:
            order =
                match.empty() ? " ORDER BY p.sku" : std::string(" ORDER BY ") + rank + ", p.sku";
            break;
        case SearchSort::price_ascending:
            order = std::string(" ORDER BY ") + effective_price + ", p.sku";
            break;
        case SearchSort::price_descending:
            order = std::string(" ORDER BY ") + effective_price + " DESC, p.sku";
            break;
    }
    SearchPage page;
    {
        auto st = conn.prepare(
            "SELECT p.id, p.sku, p.description, p.short_name, p.manufacturer, p.manufacturer_part,"
            " p.uom, coalesce((SELECT path FROM category WHERE id = p.category_id), ''),"
            " p.image_url, p.lead_time_days, p.list_price, p.currency,"
            " (SELECT coalesce(sum(quantity), 0) FROM inventory i WHERE i.product_id = p.id)" +
            from + where + order + " LIMIT ?6 OFFSET ?7");
        bind_filters(st);
        st.bind(6, static_cast<std::int64_t>(page_size))
            .bind(7, static_cast<std::int64_t>(q.page * page_size));
        std::vector<std::int64_t> ids;
        for (;;) {
            auto r = st.step();
            if (!r)
                return r.error();
            if (!*r)
                break;
            SearchHit h;
            ids.push_back(st.int64(0));
            h.sku = st.text(1);
            h.description = st.text(2);
            h.short_name = st.text(3);
            h.manufacturer = st.text(4);
            h.manufacturer_part = st.text(5);
            h.uom = st.text(6);
            h.category = st.text(7);
            h.image_url = st.text(8);
            if (auto d = st.optional_int64(9))
                h.lead_time_days = static_cast<int>(*d);
            h.list_price = Amount::from_units(st.int64(10));
            h.list_currency = st.text(11);
            h.stock = Amount::from_units(st.int64(12));
            page.hits.push_back(std::move(h));
        }
        // Each hit's price through the one precedence function.
        auto prices = conn.prepare(
            "SELECT id, price, currency, min_qty, valid_from, valid_to FROM contract_price"
            " WHERE buyer_id = ?1 AND product_id = ?2");
        for (std::size_t k = 0; k < ids.size(); ++k) {
            prices.reset();
            prices.bind(1, q.buyer.value).bind(2, ids[k]);
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
            auto& h = page.hits[k];
            h.price = detail::choose_price(rows, h.list_price.units(), h.list_currency,
                                           Amount::scale, at);
        }
    }

    // Counting: per category in one pass, stopping after search_count_limit matches.
    std::map<std::int64_t, std::int64_t> per_category;  // category id (0: none) -> matches
    {
        auto st =
            conn.prepare("SELECT coalesce(category_id, 0), count(*) FROM (SELECT p.category_id" +
                         from + where + " LIMIT ?6) GROUP BY 1");
        bind_filters(st);
        st.bind(6, search_count_limit + 1);
        for (;;) {
            auto r = st.step();
            if (!r)
                return r.error();
            if (!*r)
                break;
            per_category[st.int64(0)] = st.int64(1);
            page.total += st.int64(1);
        }
    }
    if (page.total > search_count_limit) {
        page.total = search_count_limit;
        page.total_exact = false;
    }
    if (q.with_categories && page.total_exact) {
        // Roll the counts up the tree: each category counts its subtree.
        std::unordered_map<std::int64_t, std::pair<std::int64_t, std::string>>
            nodes;  // parent, path
        auto node = conn.prepare("SELECT coalesce(parent_id, 0), path FROM category WHERE id = ?1");
        std::map<std::string, std::int64_t> totals;
        for (const auto& [id, count] : per_category) {
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
                totals[it->second.second] += count;
                at_id = it->second.first;
            }
        }
        for (auto& [path, count] : totals)
            page.categories.push_back({path, count});
    }
    return page;
}

}  // namespace punchout::catalog
