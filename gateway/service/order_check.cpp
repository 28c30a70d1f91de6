#include "gateway/service/order_check.hpp"

#include "catalog/cart.hpp"
#include "catalog/catalog_view.hpp"
#include "catalog/line_amount.hpp"
#include "catalog/price.hpp"
#include "catalog/product.hpp"
#include "catalog/read_transaction.hpp"
#include "gateway/service/conversions.hpp"

#include <algorithm>
#include <limits>
#include <set>
#include <string>
#include <vector>

namespace punchout::gateway {
namespace {

using catalog::Amount;

constexpr std::string_view not_checked = "The order could not be checked";
constexpr std::string_view header_path = "cXML/Request/OrderRequest/OrderRequestHeader";

std::string item_path(std::size_t index) {
    return "cXML/Request/OrderRequest/ItemOut[" + std::to_string(index + 1) + "]";
}

std::string money(Amount a, const std::string& currency) {
    return a.to_string(2) + " " + currency;
}

// Prices compared per unit: a / pa == b / pb, cross-multiplied so nothing is rounded.
bool same_unit_price(Amount a, Amount pa, Amount b, Amount pb) {
    __extension__ using wide = __int128;
    return static_cast<wide>(a.units()) * pb.units() == static_cast<wide>(b.units()) * pa.units();
}

std::string description_of(const std::optional<cxml::ItemDetail>& d) {
    if (!d || d->descriptions.empty())
        return {};
    const auto& desc = d->descriptions.front();
    return desc.text.empty() ? desc.short_name : desc.text;
}

std::string ship_to_summary(const std::optional<cxml::ShipTo>& ship_to) {
    if (!ship_to)
        return {};
    const auto& a = ship_to->address;
    std::string out = a.name;
    if (a.postal_address) {
        const auto& p = *a.postal_address;
        for (const auto& part :
             {p.city, p.iso_country_code.empty() ? p.country : p.iso_country_code}) {
            if (part.empty())
                continue;
            out += (out.empty() ? "" : ", ") + part;
        }
    }
    return out;
}

// The problems found so far, capped at max_listed_problems.
class Findings {
public:
    void add(std::string location, std::string message) {
        if (problems_.size() < max_listed_problems)
            problems_.push_back(Problem{std::move(location), std::move(message)});
        ++count_;
    }
    bool empty() const noexcept { return count_ == 0; }
    Refusal refusal() && {
        std::string message = "The order was not accepted:";
        if (count_ > problems_.size()) {
            message = "The order was not accepted (" + std::to_string(count_) +
                      " problems; the first " + std::to_string(problems_.size()) + " follow):";
        }
        return Refusal::invalid(std::move(message), std::move(problems_));
    }

private:
    std::vector<Problem> problems_;
    std::size_t count_ = 0;
};

// The accuracy check against the cart we sent: a line carrying one of our tokens is
// compared with the line that went back to the buyer's system.
Outcome<void> compare_with_cart(catalog::Connection& conn, const Authenticated& who,
                                const catalog::OrderLine& line,
                                std::vector<catalog::OrderDifference>& out) {
    if (line.token.empty())
        return {};
    auto match = catalog::find_transferred_line(conn, who.buyer.key, line.token);
    if (!match) {
        if (match.error().code == catalog::Errc::not_found)
            return {};  // not a line of a cart we sent (a catalog or manual order line)
        return refusal_from(match.error(), not_checked);
    }
    const auto& sent = match->line;
    auto diff = [&](catalog::DifferenceKind kind, std::string expected, std::string actual,
                    std::string message) {
        out.push_back(catalog::OrderDifference{line.line_number, kind, std::move(expected),
                                               std::move(actual), std::move(message)});
    };
    const std::string where = "line " + std::to_string(line.line_number) + ": ";
    if (sent.sku != line.sku) {
        diff(catalog::DifferenceKind::sku_changed, sent.sku, line.sku,
             where + "SupplierPartID " + line.sku + " differs from " + sent.sku + " in the cart");
    }
    if (sent.currency != line.currency) {
        diff(catalog::DifferenceKind::currency_changed, sent.currency, line.currency,
             where + "currency " + line.currency + " differs from " + sent.currency +
                 " in the cart");
    }
    const bool unit_changed =
        !line.uom.empty() && line.uom != sent.uom_sent && line.uom != sent.uom;
    if (unit_changed) {
        diff(catalog::DifferenceKind::uom_changed, sent.uom_sent, line.uom,
             where + "unit " + line.uom + " differs from " + sent.uom_sent + " in the cart");
        if (line.quantity != sent.quantity) {
            diff(catalog::DifferenceKind::quantity_scaled, sent.quantity.to_string(),
                 line.quantity.to_string(),
                 where + "quantity " + line.quantity.to_string() + " " + line.uom +
                     " looks converted from " + sent.quantity.to_string() + " " + sent.uom_sent +
                     " in the cart");
        }
    }
    if (sent.currency == line.currency &&
        !same_unit_price(sent.unit_price, sent.price_basis_quantity, line.unit_price,
                         line.price_basis_quantity)) {
        diff(catalog::DifferenceKind::price_drift, sent.unit_price.to_string(2),
             line.unit_price.to_string(2),
             where + "unit price " + money(line.unit_price, line.currency) + " differs from " +
                 money(sent.unit_price, sent.currency) + " in the cart");
    }
    if (!line.description.empty() && line.description.size() < sent.description.size() &&
        sent.description.compare(0, line.description.size(), line.description) == 0) {
        diff(catalog::DifferenceKind::description_truncated, sent.description, line.description,
             where + "description cut to " + std::to_string(line.description.size()) + " of " +
                 std::to_string(sent.description.size()) + " characters");
    }
    return {};
}

// The accuracy check against the contract: the buyer's price for this quantity now.
Outcome<void> compare_with_contract(catalog::Connection& conn, const Authenticated& who,
                                    const catalog::Product& product, const catalog::OrderLine& line,
                                    catalog::Timestamp now,
                                    std::vector<catalog::OrderDifference>& out) {
    auto contract = catalog::resolve_price(conn, who.buyer.key, line.sku, line.quantity, now);
    if (!contract)
        return refusal_from(contract.error(), not_checked);
    if (contract->currency == line.currency &&
        same_unit_price(contract->price, product.price_basis_quantity, line.unit_price,
                        line.price_basis_quantity)) {
        return {};
    }
    out.push_back(
        catalog::OrderDifference{line.line_number, catalog::DifferenceKind::contract_price,
                                 contract->price.to_string(2), line.unit_price.to_string(2),
                                 "line " + std::to_string(line.line_number) + ": unit price " +
                                     money(line.unit_price, line.currency) + " differs from the " +
                                     std::string(catalog::to_string(contract->source)) + " price " +
                                     money(contract->price, contract->currency)});
    return {};
}

}  // namespace

Outcome<catalog::Order> check_order(catalog::Connection& conn, const Authenticated& who,
                                    const cxml::Document& doc, const cxml::OrderRequest& request,
                                    std::string_view raw_document, catalog::Timestamp now) {
    // One snapshot for the whole order: every line sees the same catalog and prices.
    auto snapshot = catalog::ReadTransaction::begin(conn);
    if (!snapshot)
        return refusal_from(snapshot.error(), not_checked);

    catalog::Order o;
    Findings findings;
    const auto& h = request.header;

    o.buyer = who.buyer.key;
    o.order_id = h.order_id;
    o.order_version = h.order_version;
    o.order_type = h.order_type;
    o.order_date = h.order_date.to_string();
    o.currency = h.total.currency;
    o.deployment_mode = to_catalog(cxml::deployment_mode(doc));
    o.payload_id = doc.payload_id;
    o.ship_to = ship_to_summary(h.ship_to);
    o.document = std::string(raw_document);
    o.received_at = o.updated_at = now;

    if (h.order_id.empty())
        findings.add(std::string(header_path), "The OrderRequestHeader has no orderID.");
    if (o.currency.empty())
        findings.add(std::string(header_path) + "/Total", "The order Total has no currency.");
    if (auto total = to_amount(h.total.amount)) {
        o.total = *total;
    } else {
        findings.add(
            std::string(header_path) + "/Total",
            "The order Total " + h.total.amount.to_string() + " has more than 4 decimals.");
    }
    if (h.tax)
        o.tax = to_amount_rounded(h.tax->money.amount).value_or(Amount{});
    if (h.shipping)
        o.shipping = to_amount_rounded(h.shipping->money.amount).value_or(Amount{});
    if (request.items.empty() && h.type != cxml::DocumentOperation::delete_)
        findings.add("cXML/Request/OrderRequest", "The order has no ItemOut lines.");

    std::set<int> numbers;
    int next_number = 1;
    Amount subtotal;
    bool subtotal_fits = true;
    for (std::size_t index = 0; index < request.items.size(); ++index) {
        const auto& item = request.items[index];
        const std::string at = item_path(index);
        catalog::OrderLine line;
        line.line_number = item.line_number ? static_cast<int>(*item.line_number) : next_number;
        next_number = line.line_number + 1;
        const std::string where = "Line " + std::to_string(line.line_number) + ": ";
        if (!numbers.insert(line.line_number).second)
            findings.add(at, where + "the lineNumber appears twice.");
        line.sku = item.item_id.supplier_part_id;
        line.token = item.item_id.supplier_part_auxiliary_id;
        line.buyer_part_id = item.item_id.buyer_part_id;
        line.requested_delivery =
            item.requested_delivery_date ? item.requested_delivery_date->to_string() : "";

        const auto qty = to_amount(item.quantity);
        if (!qty) {
            findings.add(
                at, where + "quantity " + item.quantity.to_string() + " has more than 4 decimals.");
        } else if (qty->units() <= 0) {
            findings.add(
                at, where + "quantity must be positive, not " + item.quantity.to_string() + ".");
        } else {
            line.quantity = *qty;
        }

        std::optional<catalog::Product> product;
        if (line.sku.empty()) {
            findings.add(at + "/ItemID", where + "it has no SupplierPartID.");
        } else {
            auto p = catalog::find_visible_product(conn, who.buyer.key, line.sku);
            if (!p)
                return refusal_from(p.error(), not_checked);
            product = std::move(*p);
            if (!product) {
                // Unknown and not visible read the same: nothing leaks about other catalogs.
                findings.add(at + "/ItemID", where + "SupplierPartID '" + line.sku +
                                                 "' is not in this buyer's catalog.");
            }
        }

        if (item.detail) {
            const auto& d = *item.detail;
            if (auto price = to_amount_rounded(d.unit_price.amount))
                line.unit_price = *price;
            line.currency = d.unit_price.currency.empty() ? o.currency : d.unit_price.currency;
            line.uom = d.unit_of_measure;
            line.description = description_of(item.detail);
            if (d.price_basis_quantity) {
                if (auto pbq = to_amount(d.price_basis_quantity->quantity);
                    pbq && pbq->units() > 0) {
                    line.price_basis_quantity = *pbq;
                }
            }
        } else if (product && line.quantity.units() > 0) {
            // No ItemDetail (the DTD allows it): the line is priced at the contract price.
            auto price = catalog::resolve_price(conn, who.buyer.key, line.sku, line.quantity, now);
            if (!price)
                return refusal_from(price.error(), not_checked);
            line.unit_price = price->price;
            line.currency = price->currency;
            line.uom = product->uom;
            line.description = product->description;
            line.price_basis_quantity = product->price_basis_quantity;
        }
        if (line.unit_price.is_negative())
            findings.add(at + "/ItemDetail/UnitPrice", where + "the unit price is negative.");
        if (!line.currency.empty() && !o.currency.empty() && line.currency != o.currency) {
            findings.add(at + "/ItemDetail/UnitPrice", where + "currency " + line.currency +
                                                           " differs from the order's " +
                                                           o.currency + ".");
        }
        const auto amount =
            catalog::line_amount(line.quantity, line.unit_price, line.price_basis_quantity);
        const auto sum = amount ? subtotal.add(*amount) : std::nullopt;
        if (!sum) {
            findings.add(at, where + "the line amount does not fit (quantity " +
                                 line.quantity.to_string() + " at " + line.unit_price.to_string() +
                                 ").");
            subtotal_fits = false;
        } else {
            subtotal = *sum;
        }

        if (product && line.quantity.units() > 0) {
            if (auto r = compare_with_cart(conn, who, line, o.differences); !r)
                return r.refusal();
            if (auto r = compare_with_contract(conn, who, *product, line, now, o.differences); !r)
                return r.refusal();
        }
        o.lines.push_back(std::move(line));
    }
    o.subtotal = subtotal;

    // The Total is the sum of the lines, or that plus tax and shipping (senders differ).
    // Lines rounded to cents by the sender may each be half a cent off.
    if (findings.empty() && subtotal_fits && !request.items.empty()) {
        __extension__ using wide = __int128;
        const wide tolerance = std::max<wide>(100, static_cast<wide>(request.items.size()) * 50);
        const wide lines_sum = subtotal.units();
        const wide with_extras = lines_sum + o.tax.units() + o.shipping.units();
        const auto near = [&](wide a) {
            const wide total = o.total.units();
            return (a > total ? a - total : total - a) <= tolerance;
        };
        if (!near(lines_sum) && !near(with_extras)) {
            const auto extras = Amount::from_units(static_cast<std::int64_t>(
                std::min<wide>(with_extras, std::numeric_limits<std::int64_t>::max())));
            findings.add(std::string(header_path) + "/Total",
                         "The order Total " + money(o.total, o.currency) +
                             " does not match the sum of its lines, " +
                             money(o.subtotal, o.currency) +
                             (with_extras != lines_sum
                                  ? " (" + money(extras, o.currency) + " with tax and shipping)"
                                  : std::string()) +
                             ".");
        }
    }
    if (!findings.empty())
        return std::move(findings).refusal();
    return o;
}

}  // namespace punchout::gateway
