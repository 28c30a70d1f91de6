#include "gateway/storefront/search_page.hpp"

#include "catalog/search.hpp"
#include "gateway/storefront/display_format.hpp"
#include "gateway/storefront/page_widgets.hpp"

#include <algorithm>
#include <set>

namespace punchout::gateway::storefront {
namespace {

constexpr std::string_view separator = " > ";

std::string_view parent_of(std::string_view path) {
    const auto at = path.rfind(separator);
    return at == std::string_view::npos ? std::string_view() : path.substr(0, at);
}

std::string_view leaf_of(std::string_view path) {
    const auto at = path.rfind(separator);
    return at == std::string_view::npos ? path : path.substr(at + separator.size());
}

bool ancestor_or_self(std::string_view path, std::string_view of) {
    if (path.empty())
        return true;
    if (of == path)
        return true;
    return of.size() > path.size() + separator.size() && of.substr(0, path.size()) == path &&
           of.substr(path.size(), separator.size()) == separator;
}

std::string count_text(std::int64_t n) {
    return " (" + std::to_string(n) + ")";
}

// The tree shows the top level and, along the chosen category, each level's children.
void write_tree_level(HtmlWriter& w, const ShopContext& shop, const SearchParams& params,
                      const std::vector<catalog::CategoryCount>& categories,
                      std::string_view parent) {
    bool any = false;
    for (const auto& c : categories) {
        if (parent_of(c.path) != parent)
            continue;
        if (!any) {
            w.open("ul");
            any = true;
        }
        const bool current = c.path == params.category;
        auto li = w.scope("li", {Attr::when(current, "class", "current")});
        SearchParams link = params;
        link.category = c.path;
        link.page = 1;
        w.element("a", {{"href", link.url(shop)}, Attr::when(current, "aria-current", "true")},
                  leaf_of(c.path));
        w.element("span", {{"class", "count"}}, count_text(c.count));
        if (ancestor_or_self(c.path, params.category) && !params.category.empty()) {
            write_tree_level(w, shop, params, categories, c.path);
        }
    }
    if (any)
        w.close();
}

void write_sidebar(HtmlWriter& w, const ShopContext& shop, const SearchParams& params,
                   const catalog::SearchPage& page) {
    auto aside = w.scope("aside", {{"class", "sidebar"}, {"aria-label", "Categories and filters"}});
    {
        auto section = w.scope("section");
        w.element("h2", "Categories");
        auto nav = w.scope("nav", {{"class", "category-tree"}, {"aria-label", "Categories"}});
        SearchParams all = params;
        all.category.clear();
        all.page = 1;
        w.element("a", {{"href", all.url(shop)}}, "All categories");
        write_tree_level(w, shop, params, page.categories, {});
    }
    {
        auto section = w.scope("section");
        w.element("h2", "Filter and sort");
        auto form = w.scope(
            "form", {{"class", "filters"}, {"method", "get"}, {"action", shop.url("/search")}});
        w.empty("input", {{"type", "hidden"}, {"name", "q"}, {"value", params.text}});
        if (!params.category.empty()) {
            w.empty("input",
                    {{"type", "hidden"}, {"name", "category"}, {"value", params.category}});
        }
        if (!params.unspsc.empty())
            w.empty("input", {{"type", "hidden"}, {"name", "unspsc"}, {"value", params.unspsc}});
        // Manufacturers of the results shown (the catalog has no list of them); the chosen
        // one stays selectable.
        std::set<std::string> makers;
        for (const auto& hit : page.hits) {
            if (!hit.manufacturer.empty())
                makers.insert(hit.manufacturer);
        }
        if (!params.manufacturer.empty())
            makers.insert(params.manufacturer);
        {
            auto field = w.scope("div", {{"class", "field"}});
            w.element("label", {{"for", "manufacturer"}}, "Manufacturer");
            auto select = w.scope("select", {{"id", "manufacturer"}, {"name", "manufacturer"}});
            w.element("option", {{"value", ""}}, "Any manufacturer");
            for (const auto& m : makers) {
                w.element("option",
                          {{"value", m}, Attr::flag("selected", m == params.manufacturer)}, m);
            }
        }
        {
            auto label = w.scope("label", {{"class", "check"}});
            w.empty("input", {{"type", "checkbox"},
                              {"name", "stock"},
                              {"value", "1"},
                              Attr::flag("checked", params.in_stock)});
            w.text("In stock only");
        }
        {
            auto field = w.scope("div", {{"class", "field"}});
            w.element("label", {{"for", "sort"}}, "Sort by");
            auto select = w.scope("select", {{"id", "sort"}, {"name", "sort"}});
            w.element("option", {{"value", ""}, Attr::flag("selected", params.sort.empty())},
                      "Relevance");
            w.element("option",
                      {{"value", "price-asc"}, Attr::flag("selected", params.sort == "price-asc")},
                      "Price: low to high");
            w.element(
                "option",
                {{"value", "price-desc"}, Attr::flag("selected", params.sort == "price-desc")},
                "Price: high to low");
        }
        w.element("button", {{"type", "submit"}}, "Apply");
    }
}

void write_hit(HtmlWriter& w, const ShopContext& shop, const SearchParams& params,
               const catalog::SearchHit& hit, std::size_t index) {
    auto li = w.scope("li", {{"class", "result"}});
    const std::string link = product_url(shop, hit.sku);
    if (!hit.image_url.empty() && is_safe_url(hit.image_url)) {
        w.empty("img", {{"class", "thumb"},
                        {"src", hit.image_url},
                        {"alt", ""},
                        {"loading", "lazy"},
                        {"width", "96"},
                        {"height", "96"}});
    } else {
        w.element("div", {{"class", "thumb none"}, {"aria-hidden", "true"}}, "No image");
    }
    {
        auto info = w.scope("div");
        {
            auto h = w.scope("h3");
            w.element("a", {{"href", link}}, hit.description);
        }
        {
            auto meta = w.scope("p", {{"class", "meta"}});
            w.text("SKU " + hit.sku);
            if (!hit.manufacturer.empty()) {
                w.text(" \xC2\xB7 ");
                SearchParams by = params;
                by.manufacturer = hit.manufacturer;
                by.page = 1;
                w.element("a", {{"href", by.url(shop)}}, hit.manufacturer);
                if (!hit.manufacturer_part.empty())
                    w.text(" " + hit.manufacturer_part);
            }
        }
        if (!hit.category.empty())
            w.element("p", {{"class", "meta"}}, hit.category);
        {
            auto label = w.scope("label", {{"class", "check compare-pick"}});
            w.empty(
                "input",
                {{"type", "checkbox"}, {"name", "sku"}, {"value", hit.sku}, {"form", "compare"}});
            w.text("Compare");
        }
    }
    {
        auto buy = w.scope("div", {{"class", "buy"}});
        write_price(w, hit.price.price, hit.price.currency, hit.price_basis_quantity, hit.uom);
        if (hit.list_price != hit.price.price || hit.list_currency != hit.price.currency) {
            auto list = w.scope("span", {{"class", "list-price"}});
            w.element("span", {{"class", "visually-hidden"}}, "List price ");
            w.text(format_money(hit.list_price, hit.list_currency));
        }
        write_stock_summary(w, hit.stock, hit.lead_time_days, true,
                            {hit.stale_stock, hit.stale_as_of}, shop.now);
        write_add_form(w, shop, hit.sku, std::to_string(index), hit.description);
    }
}

}  // namespace

RenderedPage render_search_page(catalog::Connection& conn, const ShopContext& shop,
                                const FormData& query) {
    SearchParams params;
    params.text = std::string(query.get("q"));
    params.category = std::string(query.get("category"));
    params.manufacturer = std::string(query.get("manufacturer"));
    params.unspsc = catalog::unspsc_prefix(query.get("unspsc"));
    params.in_stock = query.get("stock") == "1";
    params.sort = std::string(query.get("sort"));
    if (params.sort != "price-asc" && params.sort != "price-desc")
        params.sort.clear();
    const auto page_text = query.get("page");
    if (!page_text.empty() && page_text.size() <= 6 &&
        std::all_of(page_text.begin(), page_text.end(),
                    [](char c) { return c >= '0' && c <= '9'; })) {
        params.page = std::max<std::size_t>(1, std::stoul(std::string(page_text)));
    }

    catalog::SearchQuery q;
    q.buyer = shop.buyer.key;
    q.text = params.text;
    q.category = params.category;
    q.manufacturer = params.manufacturer;
    q.unspsc = params.unspsc;
    q.in_stock_only = params.in_stock;
    q.stock_fresh_since = shop.stock_fresh_since();
    q.sort = params.sort == "price-asc"    ? catalog::SearchSort::price_ascending
             : params.sort == "price-desc" ? catalog::SearchSort::price_descending
                                           : catalog::SearchSort::relevance;
    q.page = params.page - 1;
    q.page_size = search_page_size;
    q.at = shop.now;
    auto found = catalog::search(conn, q);
    RenderedPage out;
    if (!found && found.error().code != catalog::Errc::invalid) {
        return failure_page(shop, found.error(), "search");
    }

    std::string heading = !params.text.empty()
                              ? "Results for \xE2\x80\x9C" + params.text + "\xE2\x80\x9D"
                          : !params.category.empty() ? std::string(leaf_of(params.category))
                                                     : "All products";
    HtmlWriter w(64 * 1024);
    begin_page(w, shop, heading, params.text);
    if (!params.category.empty() && params.text.empty()) {
        w.element("p", {{"class", "breadcrumbs"}}, params.category);
    }
    w.element("h1", heading);
    if (!found) {
        out.status = http::status::bad_request;
        w.element("p", {{"class", "notice error"}, {"role", "alert"}},
                  "The search could not be run: " + found.error().message);
        out.html = finish_page(w);
        return out;
    }
    const auto& page = *found;
    auto layout = w.scope("div", {{"class", "layout"}});
    write_sidebar(w, shop, params, page);
    auto results = w.scope("div");
    {
        auto summary = w.scope("div", {{"class", "result-summary"}});
        const std::size_t first = (params.page - 1) * search_page_size + 1;
        const std::size_t last = first + page.hits.size() - 1;
        std::string text;
        if (page.hits.empty()) {
            text = page.total == 0 ? "No products match." : "No more results on this page.";
        } else {
            text = "Showing " + std::to_string(first) + "\xE2\x80\x93" + std::to_string(last) +
                   " of " + (page.total_exact ? "" : "more than ") + std::to_string(page.total);
        }
        w.element("p", {{"role", "status"}}, text);
        auto form = w.scope(
            "form", {{"id", "compare"}, {"method", "get"}, {"action", shop.url("/compare")}});
        w.element("button", {{"type", "submit"}, {"class", "secondary"}},
                  "Compare selected (up to 4)");
    }
    {
        auto list = w.scope("ol", {{"class", "results"}});
        std::size_t index = 0;
        for (const auto& hit : page.hits)
            write_hit(w, shop, params, hit, ++index);
    }
    const std::size_t pages =
        page.total <= 0 ? 1
                        : static_cast<std::size_t>(
                              (page.total + static_cast<std::int64_t>(search_page_size) - 1) /
                              static_cast<std::int64_t>(search_page_size));
    if (pages > 1 || params.page > 1) {
        auto nav = w.scope("nav", {{"class", "pager"}, {"aria-label", "Result pages"}});
        if (params.page > 1) {
            SearchParams prev = params;
            prev.page = params.page - 1;
            w.element("a",
                      {{"class", "button secondary"}, {"href", prev.url(shop)}, {"rel", "prev"}},
                      "Previous page");
        }
        w.element("span", "Page " + std::to_string(params.page) + " of " +
                              std::to_string(std::max(pages, params.page)) +
                              (page.total_exact ? "" : "+"));
        if (params.page < pages || (!page.total_exact && page.hits.size() == search_page_size)) {
            SearchParams next = params;
            next.page = params.page + 1;
            w.element("a",
                      {{"class", "button secondary"}, {"href", next.url(shop)}, {"rel", "next"}},
                      "Next page");
        }
    }
    out.html = finish_page(w);
    return out;
}

}  // namespace punchout::gateway::storefront
