#include "gateway/storefront/product_page.hpp"

#include "catalog/catalog_view.hpp"
#include "catalog/inventory.hpp"
#include "catalog/price.hpp"
#include "catalog/product.hpp"
#include "catalog/search.hpp"
#include "gateway/service/url_codec.hpp"
#include "gateway/storefront/display_format.hpp"
#include "gateway/storefront/page_widgets.hpp"

namespace punchout::gateway::storefront {
namespace {

// With the product itself, a comparison of all of them fits the four columns of /compare.
constexpr std::size_t max_alternatives = 3;

catalog::Amount one() {
    return catalog::Amount::from_units(catalog::Amount::scale);
}

RenderedPage not_found(const ShopContext& shop) {
    return notice_page(shop, http::status::not_found, "Product not found",
                       "This product is not in the catalog available to you. It may have been "
                       "removed, or the link may be incomplete.");
}

void write_breadcrumbs(HtmlWriter& w, const ShopContext& shop, const std::string& category) {
    auto nav = w.scope("nav", {{"class", "breadcrumbs"}, {"aria-label", "Category"}});
    auto list = w.scope("ol");
    {
        auto li = w.scope("li");
        w.element("a", {{"href", shop.url("/")}}, "All products");
    }
    std::size_t start = 0;
    while (start < category.size()) {
        auto end = category.find(" > ", start);
        if (end == std::string::npos)
            end = category.size();
        SearchParams p;
        p.category = category.substr(0, end);
        auto li = w.scope("li");
        w.element("a", {{"href", p.url(shop)}}, category.substr(start, end - start));
        start = end + 3;
    }
}

std::string days_text(int days) {
    return std::to_string(days) + (days == 1 ? " day" : " days");
}

struct Alternative {
    catalog::SearchHit hit;
    std::string why;
};

std::vector<Alternative> find_alternatives(catalog::Connection& conn, const ShopContext& shop,
                                           const catalog::Product& product,
                                           const catalog::ResolvedPrice& price,
                                           catalog::Amount stock) {
    std::vector<Alternative> out;
    if (product.category.empty())
        return out;
    catalog::SearchQuery q;
    q.buyer = shop.buyer.key;
    q.category = product.category;
    q.sort = catalog::SearchSort::price_ascending;
    q.page_size = 24;
    q.at = shop.now;
    q.stock_fresh_since = shop.stock_fresh_since();
    q.with_categories = false;
    auto found = catalog::search(conn, q);
    if (!found)
        return out;  // alternatives are a courtesy; the page stands without them
    const bool in_stock = stock.units() > 0;
    for (auto& hit : found->hits) {
        if (hit.sku == product.sku || out.size() >= max_alternatives)
            continue;
        std::string why;
        auto because = [&why](const std::string& reason) {
            if (!why.empty())
                why += " \xC2\xB7 ";
            why += reason;
        };
        if (hit.price.currency == price.currency && hit.price.price < price.price) {
            because("Cheaper: " + format_money(hit.price.price, hit.price.currency));
        }
        if (!in_stock && hit.stock.units() > 0) {
            because("In stock now: " + format_quantity(hit.stock));
        } else if (!in_stock && hit.lead_time_days && product.lead_time_days &&
                   *hit.lead_time_days < *product.lead_time_days) {
            because("Ships sooner: in " + days_text(*hit.lead_time_days));
        }
        if (!why.empty())
            out.push_back(Alternative{std::move(hit), std::move(why)});
    }
    return out;
}

void write_spec_row(HtmlWriter& w, std::string_view name, std::string_view value) {
    if (value.empty())
        return;
    auto tr = w.scope("tr");
    w.element("th", {{"scope", "row"}}, name);
    w.element("td", value);
}

}  // namespace

RenderedPage render_product_page(catalog::Connection& conn, const ShopContext& shop,
                                 std::string_view sku) {
    auto product = catalog::find_product(conn, sku);
    if (!product) {
        if (product.error().code == catalog::Errc::not_found)
            return not_found(shop);
        return failure_page(shop, product.error(), "product");
    }
    auto may_see = catalog::visible(conn, shop.buyer.key, sku);
    if (!may_see)
        return failure_page(shop, may_see.error(), "visible");
    if (!*may_see)
        return not_found(shop);
    auto price = catalog::resolve_price(conn, shop.buyer.key, sku, one(), shop.now);
    if (!price)
        return failure_page(shop, price.error(), "price");
    auto tiers = catalog::price_tiers(conn, shop.buyer.key, sku, shop.now);
    if (!tiers)
        return failure_page(shop, tiers.error(), "tiers");
    auto stock = catalog::stock_for_sku(conn, sku, shop.stock_fresh_since());
    if (!stock)
        return failure_page(shop, stock.error(), "stock");
    const auto& p = *product;
    const bool stock_known = !stock->warehouses.empty();
    const auto alternatives = find_alternatives(conn, shop, p, *price, stock->total);

    RenderedPage out;
    HtmlWriter w(32 * 1024);
    begin_page(w, shop, p.description);
    write_breadcrumbs(w, shop, p.category);
    {
        auto article = w.scope("article", {{"class", "product"}});
        if (!p.image_url.empty() && is_safe_url(p.image_url)) {
            w.empty("img",
                    {{"class", "product-image"}, {"src", p.image_url}, {"alt", p.description}});
        } else {
            w.element("div", {{"class", "product-image thumb none"}, {"aria-hidden", "true"}},
                      "No image");
        }
        auto body = w.scope("div");
        w.element("h1", p.description);
        {
            auto meta = w.scope("p", {{"class", "meta"}});
            w.text("SKU " + p.sku);
            if (!p.manufacturer.empty()) {
                w.text(" \xC2\xB7 " + p.manufacturer);
                if (!p.manufacturer_part.empty())
                    w.text(" " + p.manufacturer_part);
            }
        }
        if (!p.short_name.empty())
            w.element("p", p.short_name);
        auto box =
            w.scope("section", {{"class", "buy-box"}, {"aria-label", "Price and availability"}});
        {
            auto line = w.scope("p");
            w.element("span", {{"class", "visually-hidden"}}, "Your price ");
            write_price(w, price->price, price->currency, p.price_basis_quantity, p.uom);
            if (price->price != p.list_price || price->currency != p.currency) {
                w.text(" ");
                auto list = w.scope("span", {{"class", "list-price"}});
                w.text("List price " + format_money(p.list_price, p.currency));
            }
        }
        if (price->source != catalog::PriceSource::list) {
            std::string text = "Your contract price";
            if (price->valid_until) {
                text += ", valid until " + format_clock(*price->valid_until, shop.now);
            }
            w.element("p", {{"class", "meta"}}, text + ".");
        }
        if (tiers->size() > 1) {
            auto wrap = w.scope("div", {{"class", "table-wrap"}});
            auto table = w.scope("table");
            w.element("caption", {{"class", "visually-hidden"}}, "Quantity prices");
            {
                auto head = w.scope("thead");
                auto tr = w.scope("tr");
                w.element("th", {{"scope", "col"}}, "From quantity");
                w.element("th", {{"scope", "col"}, {"class", "num"}}, "Price");
            }
            auto tbody = w.scope("tbody");
            for (const auto& tier : *tiers) {
                auto tr = w.scope("tr");
                w.element("td", format_quantity(tier.min_qty) + " " + p.uom);
                w.element("td", {{"class", "num"}}, format_money(tier.price, tier.currency));
            }
        }
        {
            auto line = w.scope("p");
            write_stock_summary(w, stock->total, p.lead_time_days, stock_known,
                                {stock->stale_total, stock->stale_as_of}, shop.now);
            if (stock->newest) {
                w.text(" (as of ");
                w.element("time", {{"datetime", catalog::format_timestamp(*stock->newest)}},
                          format_clock(*stock->newest, shop.now));
                w.text(")");
            }
        }
        write_add_form(w, shop, p.sku, "main", p.description);
    }

    w.element("h2", "Stock by warehouse");
    if (!stock_known) {
        w.element("p", p.lead_time_days ? "No stock is reported for this product; it ships in " +
                                              days_text(*p.lead_time_days) + "."
                                        : "No stock is reported for this product.");
    } else {
        auto wrap = w.scope("div", {{"class", "table-wrap"}});
        auto table = w.scope("table");
        {
            auto head = w.scope("thead");
            auto tr = w.scope("tr");
            w.element("th", {{"scope", "col"}}, "Warehouse");
            w.element("th", {{"scope", "col"}, {"class", "num"}}, "In stock");
            w.element("th", {{"scope", "col"}}, "As of");
        }
        auto tbody = w.scope("tbody");
        for (const auto& level : stock->warehouses) {
            auto tr = w.scope("tr");
            w.element("td", level.warehouse);
            if (level.stale) {
                // Reported too long ago to count: what was last known, marked as such.
                w.element("td", {{"class", "num stock-stale"}},
                          "last known " + format_quantity(level.quantity) + " " + p.uom);
            } else {
                w.element("td", {{"class", "num"}}, format_quantity(level.quantity) + " " + p.uom);
            }
            auto td = w.scope("td");
            w.element("time", {{"datetime", catalog::format_timestamp(level.updated_at)}},
                      format_clock(level.updated_at, shop.now));
        }
    }

    w.element("h2", "Specifications");
    {
        auto wrap = w.scope("div", {{"class", "table-wrap"}});
        auto table = w.scope("table");
        auto tbody = w.scope("tbody");
        write_spec_row(w, "Description", p.description);
        if (!p.long_description.empty()) {
            auto tr = w.scope("tr");
            w.element("th", {{"scope", "row"}}, "Details");
            w.element("td", {{"class", "long-description"}}, p.long_description);
        }
        write_spec_row(w, "SKU", p.sku);
        write_spec_row(w, "Manufacturer", p.manufacturer);
        write_spec_row(w, "Manufacturer part number", p.manufacturer_part);
        write_spec_row(w, "UNSPSC", p.unspsc);
        write_spec_row(w, "Unit of measure", p.uom);
        if (p.price_basis_quantity != one()) {
            write_spec_row(w, "Price per", format_quantity(p.price_basis_quantity) + " " + p.uom);
        }
        if (p.lead_time_days)
            write_spec_row(w, "Lead time", days_text(*p.lead_time_days));
        write_spec_row(w, "Category", p.category);
        for (const auto& [name, value] : p.attributes)
            write_spec_row(w, name, value);
    }
    if (!p.datasheet_url.empty() && is_safe_url(p.datasheet_url)) {
        w.element("h2", "Documents");
        auto para = w.scope("p");
        w.element("a",
                  {{"href", p.datasheet_url}, {"rel", "noopener noreferrer"}, {"target", "_blank"}},
                  "Datasheet (opens in a new window)");
    }
    if (!alternatives.empty()) {
        w.element("h2", "Alternatives");
        {
            auto list = w.scope("ul", {{"class", "alternatives"}});
            for (const auto& alt : alternatives) {
                auto li = w.scope("li");
                w.element("span", {{"class", "why"}}, alt.why);
                {
                    auto h = w.scope("h3");
                    w.element("a", {{"href", product_url(shop, alt.hit.sku)}}, alt.hit.description);
                }
                auto meta = w.scope("p", {{"class", "meta"}});
                w.text("SKU " + alt.hit.sku + " \xC2\xB7 " +
                       format_money(alt.hit.price.price, alt.hit.price.currency) + " \xC2\xB7 ");
                write_stock_summary(w, alt.hit.stock, alt.hit.lead_time_days, true,
                                    {alt.hit.stale_stock, alt.hit.stale_as_of}, shop.now);
            }
        }
        std::string compare = shop.url("/compare?sku=") + percent_encode(p.sku);
        for (const auto& alt : alternatives)
            compare += "&sku=" + percent_encode(alt.hit.sku);
        auto para = w.scope("p");
        w.element("a", {{"href", compare}}, "Compare these side by side");
    }
    out.html = finish_page(w);
    return out;
}

}  // namespace punchout::gateway::storefront
