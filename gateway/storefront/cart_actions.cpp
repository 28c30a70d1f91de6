#include "gateway/storefront/cart_actions.hpp"

#include "catalog/catalog_view.hpp"
#include "catalog/inventory.hpp"
#include "catalog/price.hpp"
#include "catalog/product.hpp"
#include "gateway/service/tokens.hpp"
#include "gateway/storefront/cart_page.hpp"
#include "gateway/storefront/display_format.hpp"

namespace punchout::gateway::storefront {
namespace {

ActionResult refuse(catalog::Connection& conn, const ShopContext& shop,
                    const std::vector<catalog::CartLine>& lines, std::string message) {
    return ActionResult::show(render_cart_page(conn, shop, lines, {}, message));
}

ActionResult failed(const ShopContext& shop, const catalog::Error& e, std::string_view what) {
    return ActionResult::show(failure_page(shop, e, what));
}

std::string quantity_problem(std::string_view typed) {
    return "The quantity \xE2\x80\x9C" + std::string(typed.substr(0, 40)) +
           "\xE2\x80\x9D is not a number above zero (for example 12 or 1.5).";
}

// Sets a line's quantity and price in place (same token, same place in the cart).
catalog::Result<void> set_line(catalog::Connection& conn, const ShopContext& shop,
                               const catalog::CartLine& line, catalog::Amount quantity,
                               catalog::Amount price, const std::string& currency,
                               catalog::PriceSource source,
                               std::optional<catalog::Amount> stock_seen = std::nullopt) {
    return catalog::update_cart_line(conn, shop.session.id, line.token,
                                     {quantity, price, currency, source, stock_seen});
}

}  // namespace

ActionResult add_to_cart(catalog::Connection& conn, const ShopContext& shop,
                         const std::vector<catalog::CartLine>& lines, const FormData& form) {
    const std::string sku(form.get("sku"));
    const auto quantity = parse_user_quantity(form.get("quantity"));
    if (!quantity)
        return refuse(conn, shop, lines, quantity_problem(form.get("quantity")));

    auto found = catalog::find_visible_product(conn, shop.buyer.key, sku);
    if (!found)
        return failed(shop, found.error(), "add: product");
    auto& product = *found;
    if (!product) {
        return refuse(conn, shop, lines,
                      "SKU " + sku.substr(0, 64) + " is not in the catalog available to you.");
    }

    // A second add of the same product grows the line added before, rather than making a
    // line the buyer's approvers would see twice.
    for (const auto& line : lines) {
        if (line.sku != sku || line.origin != catalog::CartLineOrigin::added ||
            line.flag != catalog::CartLineFlag::none)
            continue;
        const auto total = line.quantity.add(*quantity);
        if (!total || total->units() > 10'000'000 * catalog::Amount::scale) {
            return refuse(conn, shop, lines, quantity_problem(form.get("quantity")));
        }
        auto price = catalog::resolve_price(conn, shop.buyer.key, sku, *total, shop.now);
        if (!price)
            return failed(shop, price.error(), "add: price");
        if (auto r =
                set_line(conn, shop, line, *total, price->price, price->currency, price->source);
            !r) {
            return failed(shop, r.error(), "add: update");
        }
        return ActionResult::go(shop.url("/cart?added=") + line.token);
    }
    if (lines.size() >= max_cart_lines) {
        return refuse(conn, shop, lines,
                      "A cart holds at most " + std::to_string(max_cart_lines) +
                          " lines; return this one and start another for the rest.");
    }
    auto price = catalog::resolve_price(conn, shop.buyer.key, sku, *quantity, shop.now);
    if (!price)
        return failed(shop, price.error(), "add: price");
    auto stock = catalog::stock_for_sku(conn, sku, shop.stock_fresh_since());
    if (!stock)
        return failed(shop, stock.error(), "add: stock");

    catalog::CartLine line;
    line.token = line_token();
    line.sku = sku;
    line.known = true;
    line.quantity = *quantity;
    line.unit_price = price->price;
    line.currency = price->currency;
    line.price_source = price->source;
    line.price_basis_quantity = product->price_basis_quantity;
    line.uom = product->uom;
    line.description = product->description;
    if (!stock->warehouses.empty())
        line.stock_at_add = stock->total;
    line.origin = catalog::CartLineOrigin::added;
    line.added_at = shop.now;
    auto added = catalog::add_cart_line(conn, shop.session.id, line);
    if (!added)
        return failed(shop, added.error(), "add: line");
    return ActionResult::go(shop.url("/cart?added=") + line.token);
}

ActionResult change_cart_line(catalog::Connection& conn, const ShopContext& shop,
                              const std::vector<catalog::CartLine>& lines, const FormData& form) {
    const auto token = form.get("token");
    const catalog::CartLine* line = nullptr;
    for (const auto& l : lines) {
        if (l.token == token)
            line = &l;
    }
    if (!line) {
        return refuse(conn, shop, lines,
                      "That line is no longer in the cart (it may have been removed in another "
                      "window).");
    }
    const auto action = form.get("action");
    if (action == "remove") {
        if (auto r = catalog::remove_cart_line(conn, shop.session.id, line->token); !r) {
            return failed(shop, r.error(), "remove");
        }
        return ActionResult::go(shop.url("/cart?removed=1"));
    }
    if (action != "update")
        return refuse(conn, shop, lines, "Choose Update or Remove.");
    const auto quantity = parse_user_quantity(form.get("quantity"));
    if (!quantity)
        return refuse(conn, shop, lines, quantity_problem(form.get("quantity")));

    auto unit_price = line->unit_price;
    std::string currency = line->currency;
    auto source = line->price_source;
    if (line->known) {
        auto price = catalog::resolve_price(conn, shop.buyer.key, line->sku, *quantity, shop.now);
        if (price) {
            unit_price = price->price;
            currency = price->currency;
            source = price->source;
        } else if (price.error().code != catalog::Errc::not_found) {
            return failed(shop, price.error(), "update: price");
        }
    }
    if (auto r = set_line(conn, shop, *line, *quantity, unit_price, currency, source); !r) {
        return failed(shop, r.error(), "update");
    }
    return ActionResult::go(shop.url("/cart?updated=") + line->token);
}

ActionResult reprice_cart(catalog::Connection& conn, const ShopContext& shop,
                          const std::vector<catalog::CartLine>& lines) {
    for (const auto& line : lines) {
        if (!line.known)
            continue;
        auto price =
            catalog::resolve_price(conn, shop.buyer.key, line.sku, line.quantity, shop.now);
        if (!price) {
            if (price.error().code == catalog::Errc::not_found)
                continue;
            return failed(shop, price.error(), "reprice");
        }
        // Taking the current prices also means the user has seen the current stock.
        auto stock = catalog::stock_for_sku(conn, line.sku, shop.stock_fresh_since());
        if (!stock)
            return failed(shop, stock.error(), "reprice: stock");
        if (price->price == line.unit_price && price->currency == line.currency &&
            line.stock_at_add == stock->total) {
            continue;
        }
        if (auto r = set_line(conn, shop, line, line.quantity, price->price, price->currency,
                              price->source, stock->total);
            !r) {
            return failed(shop, r.error(), "reprice");
        }
    }
    return ActionResult::go(shop.url("/cart?repriced=1"));
}

}  // namespace punchout::gateway::storefront
