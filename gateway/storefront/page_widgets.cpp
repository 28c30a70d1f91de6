#include "gateway/storefront/page_widgets.hpp"

#include "gateway/service/url_codec.hpp"
#include "gateway/storefront/display_format.hpp"

namespace punchout::gateway::storefront {

std::string product_url(const ShopContext& shop, std::string_view sku) {
    return shop.url("/product/") + percent_encode(sku);
}

std::string SearchParams::url(const ShopContext& shop) const {
    std::string u = shop.url("/search");
    char sep = '?';
    auto add = [&](std::string_view name, std::string_view value) {
        if (value.empty())
            return;
        u.push_back(sep);
        sep = '&';
        u.append(name);
        u.push_back('=');
        u += percent_encode(value);
    };
    add("q", text);
    add("category", category);
    add("manufacturer", manufacturer);
    add("unspsc", unspsc);
    add("stock", in_stock ? "1" : "");
    add("sort", sort);
    add("page", page > 1 ? std::to_string(page) : std::string());
    return u;
}

void write_csrf(HtmlWriter& w, const ShopContext& shop) {
    w.empty("input", {{"type", "hidden"}, {"name", "csrf"}, {"value", shop.session.csrf_token}});
}

void write_price(HtmlWriter& w, catalog::Amount price, std::string_view currency,
                 catalog::Amount basis, std::string_view uom) {
    auto span = w.scope("span", {{"class", "price"}});
    w.text(format_money(price, currency));
    std::string per;
    if (basis != catalog::Amount::from_units(catalog::Amount::scale)) {
        per = " per " + format_quantity(basis) + " " + std::string(uom);
    } else if (!uom.empty()) {
        per = " / " + std::string(uom);
    }
    if (!per.empty())
        w.element("span", {{"class", "basis"}}, per);
}

void write_stock_summary(HtmlWriter& w, catalog::Amount stock, std::optional<int> lead_time_days,
                         bool stock_known, const LastKnownStock& stale, catalog::Timestamp now) {
    if (stock_known && stock.units() > 0) {
        w.element("span", {{"class", "stock-ok"}}, "In stock: " + format_quantity(stock));
        return;
    }
    const auto lead = [&]() -> std::string {
        if (!lead_time_days)
            return "";
        return " \xC2\xB7 ships in " + std::to_string(*lead_time_days) +
               (*lead_time_days == 1 ? " day" : " days");
    };
    if (stale.quantity.units() > 0 && stale.as_of) {
        // Too old to promise: shown for what it is, and not counted as in stock.
        auto span = w.scope("span", {{"class", "stock-stale"}});
        w.text("Last known " + format_quantity(stale.quantity) + ", as of ");
        w.element("time", {{"datetime", catalog::format_timestamp(*stale.as_of)}},
                  format_clock(*stale.as_of, now));
        w.text(lead());
        return;
    }
    w.element("span", {{"class", "stock-none"}},
              std::string(stock_known ? "Out of stock" : "Stock not reported") + lead());
}

void write_add_form(HtmlWriter& w, const ShopContext& shop, std::string_view sku,
                    std::string_view id, std::string_view product_name) {
    if (shop.read_only())
        return;
    auto form = w.scope(
        "form", {{"class", "inline-form"}, {"method", "post"}, {"action", shop.url("/cart/add")}});
    write_csrf(w, shop);
    w.empty("input", {{"type", "hidden"}, {"name", "sku"}, {"value", sku}});
    const std::string field = "qty-" + std::string(id);
    w.element("label", {{"class", "visually-hidden"}, {"for", field}},
              "Quantity of " + std::string(product_name));
    w.empty("input", {{"type", "text"},
                      {"class", "qty"},
                      {"id", field},
                      {"name", "quantity"},
                      {"value", "1"},
                      {"inputmode", "decimal"},
                      {"autocomplete", "off"},
                      {"required", "required"}});
    w.element("button", {{"type", "submit"}}, "Add to cart");
}

}  // namespace punchout::gateway::storefront
