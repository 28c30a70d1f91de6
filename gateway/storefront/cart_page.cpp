#include "gateway/storefront/cart_page.hpp"

#include "catalog/line_amount.hpp"
#include "gateway/storefront/cart_view.hpp"
#include "gateway/storefront/display_format.hpp"
#include "gateway/storefront/page_widgets.hpp"

#include <algorithm>

namespace punchout::gateway::storefront {
namespace {

using catalog::SessionOperation;

std::string line_name(const catalog::CartLine& line) {
    return line.description.empty() ? line.sku : line.description;
}

const catalog::CartLine* find_line(const std::vector<catalog::CartLine>& lines,
                                   std::string_view token) {
    for (const auto& l : lines) {
        if (l.token == token)
            return &l;
    }
    return nullptr;
}

void write_query_notice(HtmlWriter& w, const std::vector<catalog::CartLine>& lines,
                        const FormData& query) {
    std::string text;
    if (const auto* l = find_line(lines, query.get("added")); l && query.has("added")) {
        text = "Added to the cart: " + format_quantity(l->quantity) + " " + l->uom + " " +
               line_name(*l) + ".";
    } else if (const auto* u = find_line(lines, query.get("updated")); u && query.has("updated")) {
        text = "Updated: " + line_name(*u) + ", now " + format_quantity(u->quantity) + " " +
               u->uom + ".";
    } else if (query.has("removed")) {
        text = "The line was removed.";
    } else if (query.has("repriced")) {
        text = "The cart now has today's prices.";
    }
    if (!text.empty())
        w.element("p", {{"class", "notice ok"}, {"role", "status"}}, text);
}

void write_line(HtmlWriter& w, const ShopContext& shop, const CartViewLine& v, std::size_t n) {
    const auto& line = v.item.line;
    const std::string form_id = "line-" + std::to_string(n);
    const std::string name = line_name(line);
    auto tr = w.scope("tr");
    {
        auto td = w.scope("td");
        if (v.item.product) {
            w.element("a", {{"href", product_url(shop, line.sku)}}, name);
        } else {
            w.text(name);
        }
        auto meta = w.scope("p", {{"class", "meta"}});
        w.text("SKU " + line.sku);
        if (!line.buyer_part_id.empty())
            w.text(" \xC2\xB7 your part " + line.buyer_part_id);
        for (const auto& warning : v.warnings)
            w.element("span", {{"class", "flag"}}, warning);
        for (const auto& f : v.platform_findings) {
            if (f.severity == cxml::FindingSeverity::refused)
                continue;  // the line's problem says it
            w.element("span",
                      {{"class", "flag"},
                       {"data-platform", cxml::to_string(f.severity)},
                       {"data-field", f.field}},
                      f.problem + " " + f.fix);
        }
        if (!v.problem.empty())
            w.element("span", {{"class", "flag"}}, v.problem);
    }
    {
        auto td = w.scope("td", {{"class", "num"}});
        write_price(w, line.unit_price, line.currency, line.price_basis_quantity, line.uom);
        if (v.price_changed && v.current) {
            w.element("span", {{"class", "flag"}},
                      "Today: " + format_money(v.current->price, v.current->currency));
        }
    }
    {
        auto td = w.scope("td");
        if (shop.read_only()) {
            w.text(format_quantity(line.quantity) + " " + line.uom);
        } else {
            const std::string field = "qty-" + form_id;
            w.element("label", {{"class", "visually-hidden"}, {"for", field}},
                      "Quantity of " + name);
            w.empty("input", {{"type", "text"},
                              {"class", "qty"},
                              {"id", field},
                              {"name", "quantity"},
                              {"value", format_quantity(line.quantity)},
                              {"inputmode", "decimal"},
                              {"autocomplete", "off"},
                              {"form", form_id}});
            w.text(" " + line.uom);
        }
    }
    {
        const auto total =
            catalog::line_amount(line.quantity, line.unit_price, line.price_basis_quantity);
        w.element("td", {{"class", "num"}},
                  total ? format_money(*total, line.currency) : std::string("\xE2\x80\x94"));
    }
    {
        auto td = w.scope("td");
        if (v.stock) {
            const bool reported = !v.stock->warehouses.empty();
            write_stock_summary(w, v.stock->total,
                                v.item.product ? v.item.product->lead_time_days : std::nullopt,
                                reported, {v.stock->stale_total, v.stock->stale_as_of}, shop.now);
            if (v.stock->newest) {
                w.text(" (as of ");
                w.element("time", {{"datetime", catalog::format_timestamp(*v.stock->newest)}},
                          format_clock(*v.stock->newest, shop.now));
                w.text(")");
            }
        } else {
            w.text("\xE2\x80\x94");
        }
    }
    if (!shop.read_only()) {
        auto td = w.scope("td");
        auto actions = w.scope("div", {{"class", "line-actions"}});
        // The first submit button of the form is the one Enter in the quantity field uses.
        w.element("button",
                  {{"type", "submit"},
                   {"form", form_id},
                   {"name", "action"},
                   {"value", "update"},
                   {"class", "secondary"},
                   {"aria-label", "Update the quantity of " + name}},
                  "Update");
        w.element("button",
                  {{"type", "submit"},
                   {"form", form_id},
                   {"name", "action"},
                   {"value", "remove"},
                   {"class", "danger"},
                   {"aria-label", "Remove " + name}},
                  "Remove");
        auto form = w.scope(
            "form", {{"id", form_id}, {"method", "post"}, {"action", shop.url("/cart/line")}});
        write_csrf(w, shop);
        w.empty("input", {{"type", "hidden"}, {"name", "token"}, {"value", line.token}});
    }
}

void write_post_button(HtmlWriter& w, const ShopContext& shop, std::string_view path,
                       std::string_view label, Literal css, bool disabled = false,
                       std::string_view described_by = {}) {
    auto form = w.scope("form", {{"method", "post"}, {"action", shop.url(path)}});
    write_csrf(w, shop);
    w.element("button",
              {{"type", "submit"},
               {"class", css.view()},
               Attr::flag("disabled", disabled),
               Attr::optional("aria-describedby", described_by)},
              label);
}

}  // namespace

RenderedPage render_cart_page(catalog::Connection& conn, const ShopContext& shop,
                              const std::vector<catalog::CartLine>& lines, const FormData& query,
                              std::string_view error) {
    auto loaded = load_cart_view(conn, shop, lines);
    if (!loaded) {
        return failure_page(shop, loaded.error(), "cart");
    }
    const CartView& view = *loaded;
    RenderedPage out;
    if (!error.empty())
        out.status = http::status::unprocessable_entity;
    HtmlWriter w(32 * 1024);
    begin_page(w, shop, "Your cart");
    w.element("h1", "Your cart");
    if (!error.empty()) {
        w.element("p", {{"class", "notice error"}, {"role", "alert"}}, error);
    } else {
        write_query_notice(w, lines, query);
    }

    if (lines.empty()) {
        auto p = w.scope("p");
        w.text("Your cart is empty. ");
        w.element("a", {{"href", shop.url("/")}}, "Browse the catalog");
    } else {
        if (!view.problems.empty()) {
            auto box = w.scope("div", {{"class", "notice error"}, {"id", "cart-problems"}});
            w.element("p", "The cart cannot be returned yet:");
            auto list = w.scope("ul");
            for (const auto& p : view.problems)
                w.element("li", p);
        }
        const auto noted = std::count_if(view.lines.begin(), view.lines.end(), [](const auto& l) {
            return !l.platform_findings.empty();
        });
        if (noted > 0 && view.platform) {
            w.element(
                "p", {{"class", "notice"}, {"id", "platform-notes"}},
                std::string(view.platform->display_name) + " would shorten or change " +
                    (noted == 1 ? std::string("one line") : std::to_string(noted) + " lines") +
                    " of this cart as it is; each marked line says what and how to avoid "
                    "it.");
        }
        auto wrap = w.scope("div", {{"class", "table-wrap"}});
        auto table = w.scope("table", {{"class", "cart"}});
        w.element("caption", {{"class", "visually-hidden"}}, "Cart lines");
        {
            auto head = w.scope("thead");
            auto tr = w.scope("tr");
            w.element("th", {{"scope", "col"}}, "Item");
            w.element("th", {{"scope", "col"}, {"class", "num"}}, "Unit price");
            w.element("th", {{"scope", "col"}}, "Quantity");
            w.element("th", {{"scope", "col"}, {"class", "num"}}, "Line total");
            w.element("th", {{"scope", "col"}}, "Availability");
            if (!shop.read_only()) {
                auto th = w.scope("th", {{"scope", "col"}});
                w.element("span", {{"class", "visually-hidden"}}, "Actions");
            }
        }
        {
            auto body = w.scope("tbody");
            std::size_t n = 0;
            for (const auto& v : view.lines)
                write_line(w, shop, v, ++n);
        }
        auto foot = w.scope("tfoot");
        for (const auto& t : view.totals) {
            auto tr = w.scope("tr");
            w.element("th", {{"scope", "row"}, {"colspan", "3"}},
                      "Total (" + std::to_string(t.lines) + (t.lines == 1 ? " line" : " lines") +
                          ", " + t.currency + ")");
            w.element("td", {{"class", "num cart-total"}}, format_money(t.total, t.currency));
            w.element("td", {{"colspan", shop.read_only() ? "1" : "2"}}, "");
        }
    }

    auto actions = w.scope("div", {{"class", "cart-actions"}});
    const auto op = shop.session.operation;
    if (op == SessionOperation::inspect) {
        write_post_button(w, shop, "/transfer", "Return to your procurement system", "large");
    } else {
        if (view.prices_changed) {
            write_post_button(w, shop, "/cart/reprice", "Use today's prices", "secondary");
        } else if (view.stock_changed) {
            write_post_button(w, shop, "/cart/reprice", "I have seen the stock changes",
                              "secondary");
        }
        if (op == SessionOperation::edit) {
            w.element("a", {{"href", shop.url("/cancel")}},
                      "Remove all lines from the requisition\xE2\x80\xA6");
            write_post_button(w, shop, "/cancel", "Leave without changes", "secondary");
        } else {
            write_post_button(w, shop, "/cancel", "Cancel and return an empty cart", "secondary");
        }
        if (!lines.empty()) {
            write_post_button(w, shop, "/transfer", "Return cart to your procurement system",
                              "large", !view.problems.empty(),
                              view.problems.empty() ? "" : "cart-problems");
        }
    }
    out.html = finish_page(w);
    return out;
}

RenderedPage render_cancel_page(const ShopContext& shop, std::string_view error) {
    RenderedPage out;
    if (!error.empty())
        out.status = http::status::unprocessable_entity;
    HtmlWriter w(8192);
    const bool edit = shop.session.operation == SessionOperation::edit;
    const char* title = edit ? "Remove all lines from the requisition?" : "Cancel shopping?";
    begin_page(w, shop, title);
    auto panel = w.scope("div", {{"class", "panel"}});
    w.element("h1", title);
    if (!error.empty())
        w.element("p", {{"class", "notice error"}, {"role", "alert"}}, error);
    if (edit) {
        w.element("p",
                  "Returning an empty cart deletes every line of this cart from the requisition "
                  "in your procurement system. To go back without changing anything, choose "
                  "\xE2\x80\x9CLeave without changes\xE2\x80\x9D.");
        {
            auto form = w.scope("form", {{"method", "post"}, {"action", shop.url("/cancel")}});
            write_csrf(w, shop);
            w.empty("input", {{"type", "hidden"}, {"name", "empty"}, {"value", "1"}});
            {
                auto label = w.scope("label", {{"class", "check"}});
                w.empty("input", {{"type", "checkbox"}, {"name", "confirm"}, {"value", "yes"}});
                w.text("I understand that all lines will be removed from the requisition.");
            }
            w.element("button", {{"type", "submit"}, {"class", "danger"}},
                      "Remove all lines and return");
        }
        auto p = w.scope("p");
        write_post_button(w, shop, "/cancel", "Leave without changes", "secondary");
    } else {
        w.element("p", "Your procurement system gets an empty cart and you return to it.");
        write_post_button(w, shop, "/cancel", "Cancel and return an empty cart", "secondary");
    }
    auto back = w.scope("p");
    w.element("a", {{"href", shop.url("/cart")}}, "Back to the cart");
    out.html = finish_page(w);
    return out;
}

}  // namespace punchout::gateway::storefront
