#include "gateway/storefront/cart_view.hpp"

#include "catalog/product.hpp"
#include "cxml/parse.hpp"
#include "gateway/storefront/display_format.hpp"

namespace punchout::gateway::storefront {

std::vector<MessageLine> CartView::message_lines() const {
    std::vector<MessageLine> out;
    out.reserve(lines.size());
    for (const auto& l : lines)
        out.push_back(l.item);
    return out;
}

std::optional<cxml::PunchOutSetupRequest> original_request(
    const catalog::PunchoutSession& session) {
    if (session.protocol != catalog::SessionProtocol::cxml ||
        session.operation == catalog::SessionOperation::create || session.setup_document.empty()) {
        return std::nullopt;
    }
    auto parsed = cxml::parse(session.setup_document);
    if (!parsed)
        return std::nullopt;
    const auto* request = std::get_if<cxml::Request>(&parsed.value().body);
    if (!request)
        return std::nullopt;
    const auto* setup = std::get_if<cxml::PunchOutSetupRequest>(&request->payload);
    if (!setup)
        return std::nullopt;
    return *setup;
}

catalog::Result<CartView> load_cart_view(catalog::Connection& conn, const ShopContext& shop,
                                         const std::vector<catalog::CartLine>& lines) {
    CartView view;
    view.platform = &cxml::profile_of(
        cxml::parse_platform(shop.buyer.platform).value_or(cxml::Platform::generic));
    std::optional<std::optional<cxml::PunchOutSetupRequest>> setup;  // parsed on first need
    std::uint32_t line_number = 0;
    for (const auto& line : lines) {
        ++line_number;
        CartViewLine v;
        v.item.line = line;
        if (line.known) {
            auto product = catalog::find_product(conn, line.sku);
            if (product) {
                v.item.product = std::move(*product);
            } else if (product.error().code != catalog::Errc::not_found) {
                return product.error();
            }
        }
        if (v.item.product) {
            auto price =
                catalog::resolve_price(conn, shop.buyer.key, line.sku, line.quantity, shop.now);
            if (!price)
                return price.error();
            v.current = std::move(*price);
            auto stock = catalog::stock_for_sku(conn, line.sku, shop.stock_fresh_since());
            if (!stock)
                return stock.error();
            v.stock = std::move(*stock);

            const bool differs =
                v.current->price != line.unit_price || v.current->currency != line.currency;
            if (differs) {
                v.price_changed = true;
                view.prices_changed = true;
                const auto now_text = format_money(v.current->price, v.current->currency);
                const auto then_text = format_money(line.unit_price, line.currency);
                v.warnings.push_back(line.price_source == catalog::PriceSource::as_sent
                                         ? "Your requisition has " + then_text +
                                               "; the price today is " + now_text + "."
                                         : "The price changed since you added this line: " +
                                               then_text + " then, " + now_text + " now.");
            }
            const bool stock_reported = !v.stock->warehouses.empty();
            if (line.stock_at_add && stock_reported && v.stock->total != *line.stock_at_add) {
                view.stock_changed = true;
                v.warnings.push_back("Stock changed since this line was added: " +
                                     format_quantity(*line.stock_at_add) + " then, " +
                                     format_quantity(v.stock->total) + " now.");
            }
            if (stock_reported && v.stock->total < line.quantity) {
                std::string text = "Only " + format_quantity(v.stock->total) + " " + line.uom +
                                   " in stock for the " + format_quantity(line.quantity) +
                                   " you want";
                if (v.item.product->lead_time_days) {
                    text += "; the rest ships in " +
                            std::to_string(*v.item.product->lead_time_days) + " days";
                }
                v.warnings.push_back(text + ".");
            }
            if (line.flag == catalog::CartLineFlag::foreign_token) {
                v.warnings.push_back(
                    "This line came with a reference we did not issue (perhaps copied from "
                    "another requisition); it was matched by part number.");
            }
        } else if (line.known) {
            v.problem =
                "SKU " + line.sku + " is no longer in the catalog; remove it to return the cart.";
        } else {
            if (!setup)
                setup = original_request(shop.session);
            if (*setup) {
                const cxml::ItemOut* match = nullptr;
                for (const auto& o : (*setup)->items) {
                    if (!match && o.item_id.supplier_part_auxiliary_id == line.token)
                        match = &o;
                }
                for (const auto& o : (*setup)->items) {
                    if (!match && o.item_id.supplier_part_id == line.sku)
                        match = &o;
                }
                if (match && match->detail)
                    v.item.original = *match->detail;
            }
            v.warnings.push_back("SKU " + line.sku +
                                 " is not in our catalog. It came from your procurement system "
                                 "and goes back as it was sent.");
            v.problem = line_problem(v.item);
        }
        if (v.problem.empty()) {
            // The line as build_cart_message would write it (the same numbering).
            v.platform_findings = cxml::check_item(item_in_for(v.item, shop.buyer, line_number),
                                                   *view.platform, line_number);
            for (const auto& f : v.platform_findings) {
                if (f.severity == cxml::FindingSeverity::refused && v.problem.empty())
                    v.problem = f.problem + " " + f.fix;
            }
        }
        if (!v.problem.empty())
            view.problems.push_back(v.problem);
        view.lines.push_back(std::move(v));
    }
    auto totals = totals_by_currency(lines);
    if (!totals) {
        view.problems.push_back("The cart total is too large to compute.");
    } else {
        view.totals = std::move(*totals);
        if (view.totals.size() > 1) {
            view.problems.push_back(
                "The cart holds prices in more than one currency; a cart goes back in one "
                "currency. Update the prices or remove lines until one currency is left.");
        }
    }
    return view;
}

}  // namespace punchout::gateway::storefront
