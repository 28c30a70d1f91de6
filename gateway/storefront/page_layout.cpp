#include "gateway/storefront/page_layout.hpp"

#include "gateway/storefront/stylesheet.hpp"

namespace punchout::gateway::storefront {
namespace {

void write_head(HtmlWriter& w, const Config& config, std::string_view title) {
    w.markup("<!DOCTYPE html>\n");
    w.open("html", {{"lang", "en"}});
    {
        auto head = w.scope("head");
        w.empty("meta", {{"charset", "utf-8"}});
        w.empty("meta", {{"name", "viewport"}, {"content", "width=device-width, initial-scale=1"}});
        w.empty("meta", {{"name", "robots"}, {"content", "noindex, nofollow"}});
        w.element("title", std::string(title) + " - " + config.supplier.name);
        w.empty("link", {{"rel", "stylesheet"}, {"href", stylesheet_path()}});
    }
    w.open("body");
    w.element("a", {{"class", "skip-link"}, {"href", "#content"}}, "Skip to content");
}

void write_brand(HtmlWriter& w, const Config& config, std::string_view home) {
    auto brand = home.empty() ? w.scope("span", {{"class", "brand"}})
                              : w.scope("a", {{"class", "brand"}, {"href", home}});
    if (!config.supplier.logo_url.empty() && is_safe_url(config.supplier.logo_url)) {
        w.empty("img", {{"src", config.supplier.logo_url}, {"alt", ""}});
    }
    w.text(config.supplier.name);
}

}  // namespace

void begin_page(HtmlWriter& w, const ShopContext& shop, std::string_view title,
                std::string_view search_text) {
    write_head(w, shop.config, title);
    {
        auto header = w.scope("header", {{"class", "site-header"}});
        write_brand(w, shop.config, shop.url("/"));
        {
            auto form = w.scope("form", {{"class", "header-search"},
                                         {"role", "search"},
                                         {"method", "get"},
                                         {"action", shop.url("/search")}});
            w.element("label", {{"class", "visually-hidden"}, {"for", "q"}}, "Search the catalog");
            w.empty("input", {{"type", "search"},
                              {"id", "q"},
                              {"name", "q"},
                              {"value", search_text},
                              {"placeholder", "Search by keyword, SKU or part number"}});
            w.element("button", {{"type", "submit"}}, "Search");
        }
        w.element("a", {{"class", "header-cart"}, {"href", shop.url("/cart")}},
                  "Cart (" + std::to_string(shop.cart_lines) +
                      (shop.cart_lines == 1 ? " line)" : " lines)"));
        std::string who = shop.buyer.name;
        const auto& user =
            !shop.session.user_name.empty() ? shop.session.user_name : shop.session.user_email;
        if (!user.empty())
            who += " \xC2\xB7 " + user;
        w.element("span", {{"class", "header-user"}}, who);
    }
    if (shop.session.deployment_mode == catalog::DeploymentMode::test) {
        w.element("div", {{"class", "mode-banner"}, {"role", "note"}},
                  "Test mode: this cart goes to your procurement system's test environment.");
    }
    if (shop.read_only()) {
        w.element("div", {{"class", "mode-banner"}, {"role", "note"}},
                  "You are looking at a cart returned earlier. It cannot be changed here.");
    } else if (shop.session.operation == catalog::SessionOperation::edit) {
        w.element("div", {{"class", "mode-banner"}, {"role", "note"}},
                  "You are editing a cart from your procurement system.");
    }
    w.open("main", {{"id", "content"}});
}

void begin_plain_page(HtmlWriter& w, const Config& config, std::string_view title) {
    write_head(w, config, title);
    {
        auto header = w.scope("header", {{"class", "site-header"}});
        write_brand(w, config, {});
    }
    w.open("main", {{"id", "content"}});
}

std::string finish_page(HtmlWriter& w) {
    while (w.depth() > 2)
        w.close();  // back to <body>
    w.element("footer", {{"class", "site-footer"}},
              "Prices and stock are shown as of the moment this page was made.");
    return w.finish();
}

std::string message_page(const Config& config, std::string_view title,
                         std::initializer_list<std::string_view> paragraphs) {
    HtmlWriter w(4096);
    begin_plain_page(w, config, title);
    {
        auto panel = w.scope("div", {{"class", "panel"}});
        w.element("h1", title);
        for (auto p : paragraphs)
            w.element("p", p);
    }
    return finish_page(w);
}

RenderedPage notice_page(const ShopContext& shop, http::status status, std::string_view title,
                         std::string_view text) {
    RenderedPage page;
    page.status = status;
    HtmlWriter w(4096);
    begin_page(w, shop, title);
    {
        auto panel = w.scope("div", {{"class", "panel"}});
        w.element("h1", title);
        w.element("p", text);
        auto p = w.scope("p");
        w.element("a", {{"href", shop.url("/")}}, "Back to the catalog");
        w.text(" \xC2\xB7 ");
        w.element("a", {{"href", shop.url("/cart")}}, "Go to the cart");
    }
    page.html = finish_page(w);
    return page;
}

RenderedPage failure_page(const ShopContext& shop, const catalog::Error& error,
                          std::string_view doing) {
    RenderedPage page;
    page.refusal = refusal_from(error, doing);
    const bool busy = page.refusal->kind == RefusalKind::busy;
    HtmlWriter w(4096);
    begin_page(w, shop, busy ? "The store is busy" : "Something went wrong");
    {
        auto panel = w.scope("div", {{"class", "panel"}});
        w.element("h1", busy ? "The store is busy" : "Something went wrong on our side");
        w.element("p", busy ? "Please try again in a moment. Your cart is kept."
                            : "Please try again. Your cart is kept. If this keeps happening, "
                              "tell us the time it happened.");
        w.element("a", {{"href", shop.url("/cart")}}, "Back to the cart");
    }
    page.html = finish_page(w);
    return page;
}

}  // namespace punchout::gateway::storefront
