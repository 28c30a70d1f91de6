#include "gateway/storefront/compare_page.hpp"

#include "catalog/catalog_view.hpp"
#include "catalog/inventory.hpp"
#include "catalog/price.hpp"
#include "catalog/product.hpp"
#include "gateway/service/url_codec.hpp"
#include "gateway/storefront/display_format.hpp"
#include "gateway/storefront/page_widgets.hpp"

#include <algorithm>

namespace punchout::gateway::storefront {
namespace {

struct Compared {
    catalog::Product product;
    catalog::ResolvedPrice price;
    catalog::Stock stock;
};

std::string compare_url(const ShopContext& shop, const std::vector<Compared>& items,
                        std::string_view without) {
    std::string url = shop.url("/compare");
    char sep = '?';
    for (const auto& c : items) {
        if (c.product.sku == without)
            continue;
        url.push_back(sep);
        sep = '&';
        url += "sku=" + percent_encode(c.product.sku);
    }
    return url;
}

const std::string* attribute(const catalog::Product& p, const std::string& name) {
    for (const auto& [n, v] : p.attributes) {
        if (n == name)
            return &v;
    }
    return nullptr;
}

}  // namespace

RenderedPage render_compare_page(catalog::Connection& conn, const ShopContext& shop,
                                 const FormData& query) {
    std::vector<std::string> skus;
    for (auto s : query.all("sku")) {
        if (!s.empty() && std::find(skus.begin(), skus.end(), s) == skus.end()) {
            skus.emplace_back(s);
        }
    }
    const bool too_many = skus.size() > max_compared;
    if (too_many)
        skus.resize(max_compared);

    std::vector<Compared> items;
    std::size_t missing = 0;
    const auto one = catalog::Amount::from_units(catalog::Amount::scale);
    for (const auto& sku : skus) {
        auto found = catalog::find_visible_product(conn, shop.buyer.key, sku);
        if (!found)
            return failure_page(shop, found.error(), "compare");
        auto& product = *found;
        if (!product) {
            ++missing;
            continue;
        }
        auto price = catalog::resolve_price(conn, shop.buyer.key, sku, one, shop.now);
        auto stock = catalog::stock_for_sku(conn, sku, shop.stock_fresh_since());
        if (!price)
            return failure_page(shop, price.error(), "compare: price");
        if (!stock)
            return failure_page(shop, stock.error(), "compare: stock");
        items.push_back(Compared{std::move(*product), std::move(*price), std::move(*stock)});
    }

    RenderedPage out;
    HtmlWriter w(32 * 1024);
    begin_page(w, shop, "Compare products");
    w.element("h1", "Compare products");
    if (too_many) {
        w.element("p", {{"class", "notice warn"}, {"role", "status"}},
                  "Up to four products can be compared at once; the first four are shown.");
    }
    if (missing > 0) {
        w.element("p", {{"class", "notice warn"}, {"role", "status"}},
                  std::to_string(missing) + (missing == 1 ? " product is" : " products are") +
                      " not in the catalog available to you and left out.");
    }
    if (items.empty()) {
        auto p = w.scope("p");
        w.text("Choose products to compare with the Compare boxes in the search results. ");
        w.element("a", {{"href", shop.url("/")}}, "Back to the catalog");
        out.html = finish_page(w);
        return out;
    }

    std::vector<std::string> names;
    for (const auto& c : items) {
        for (const auto& [n, v] : c.product.attributes) {
            if (std::find(names.begin(), names.end(), n) == names.end())
                names.push_back(n);
        }
    }
    auto wrap = w.scope("div", {{"class", "table-wrap"}});
    auto table = w.scope("table", {{"class", "compare"}});
    {
        auto head = w.scope("thead");
        auto tr = w.scope("tr");
        w.element("td", "");
        for (const auto& c : items) {
            auto th = w.scope("th", {{"scope", "col"}});
            w.element("a", {{"href", product_url(shop, c.product.sku)}}, c.product.description);
            auto p = w.scope("p", {{"class", "meta"}});
            w.element("a", {{"href", compare_url(shop, items, c.product.sku)}},
                      "Remove from comparison");
        }
    }
    auto tbody = w.scope("tbody");
    auto row = [&](std::string_view name, auto&& cell) {
        auto tr = w.scope("tr");
        w.element("th", {{"scope", "row"}}, name);
        for (const auto& c : items) {
            auto td = w.scope("td");
            cell(c);
        }
    };
    row("Image", [&](const Compared& c) {
        if (!c.product.image_url.empty() && is_safe_url(c.product.image_url)) {
            w.empty("img", {{"class", "thumb"}, {"src", c.product.image_url}, {"alt", ""}});
        } else {
            w.text("\xE2\x80\x94");
        }
    });
    row("Your price", [&](const Compared& c) {
        write_price(w, c.price.price, c.price.currency, c.product.price_basis_quantity,
                    c.product.uom);
    });
    row("List price",
        [&](const Compared& c) { w.text(format_money(c.product.list_price, c.product.currency)); });
    row("Stock", [&](const Compared& c) {
        write_stock_summary(w, c.stock.total, std::nullopt, !c.stock.warehouses.empty(),
                            {c.stock.stale_total, c.stock.stale_as_of}, shop.now);
    });
    row("Lead time", [&](const Compared& c) {
        w.text(c.product.lead_time_days ? std::to_string(*c.product.lead_time_days) + " days"
                                        : "\xE2\x80\x94");
    });
    row("SKU", [&](const Compared& c) { w.text(c.product.sku); });
    row("Unit of measure", [&](const Compared& c) { w.text(c.product.uom); });
    row("Manufacturer", [&](const Compared& c) {
        w.text(c.product.manufacturer.empty() ? "\xE2\x80\x94" : c.product.manufacturer);
    });
    row("Manufacturer part number", [&](const Compared& c) {
        w.text(c.product.manufacturer_part.empty() ? "\xE2\x80\x94" : c.product.manufacturer_part);
    });
    row("UNSPSC", [&](const Compared& c) { w.text(c.product.unspsc); });
    for (const auto& name : names) {
        row(name, [&](const Compared& c) {
            const auto* v = attribute(c.product, name);
            w.text(v ? *v : "\xE2\x80\x94");
        });
    }
    if (!shop.read_only()) {
        std::size_t index = 0;
        row("Order", [&](const Compared& c) {
            write_add_form(w, shop, c.product.sku, "cmp" + std::to_string(++index),
                           c.product.description);
        });
    }
    out.html = finish_page(w);
    return out;
}

}  // namespace punchout::gateway::storefront
