#include "gateway/service/order_intake.hpp"

#include <map>
#include <memory>
#include <set>

#include "catalog/cart.hpp"
#include "catalog/catalog_view.hpp"
#include "catalog/price.hpp"
#include "catalog/product.hpp"
#include "cxml/write.hpp"
#include "gateway/service/conversions.hpp"

namespace punchout::gateway {
namespace {

using catalog::Amount;

constexpr std::size_t max_listed_errors = 20;

OrderAnswer answer(unsigned code, std::string message) {
    return OrderAnswer{code, cxml::write(cxml::make_status_response(
                                 cxml::make_status(code, std::move(message))))};
}

// Our own failure: the buyer may send the same document again; the reference finds the
// log line.
OrderAnswer failure(const std::string& reference, std::string message) {
    return answer(500, std::move(message) + " (reference " + reference + ")");
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
    if (!d || d->descriptions.empty()) return {};
    const auto& desc = d->descriptions.front();
    return desc.text.empty() ? desc.short_name : desc.text;
}

std::string ship_to_summary(const std::optional<cxml::ShipTo>& ship_to) {
    if (!ship_to) return {};
    const auto& a = ship_to->address;
    std::string out = a.name;
    if (a.postal_address) {
        const auto& p = *a.postal_address;
        for (const auto& part : {p.city, p.iso_country_code.empty() ? p.country : p.iso_country_code}) {
            if (part.empty()) continue;
            out += (out.empty() ? "" : ", ") + part;
        }
    }
    return out;
}

// orderVersion is an integer the buyer raises with every change; other forms can't be
// ordered and are accepted as they come.
std::optional<long long> version_number(const std::string& text) {
    if (text.empty() || text.size() > 18) return std::nullopt;
    long long v = 0;
    for (char c : text) {
        if (c < '0' || c > '9') return std::nullopt;
        v = v * 10 + (c - '0');
    }
    return v;
}

void compare_with_cart(catalog::Connection& conn, const Authenticated& who,
                       const catalog::OrderLine& line, std::vector<catalog::OrderDifference>& out) {
    if (line.token.empty()) return;
    auto match = catalog::find_transferred_line(conn, who.buyer.key, line.token);
    if (!match) return;  // not a line of a cart we sent (a catalog or manual order line)
    const auto& sent = match->line;
    auto diff = [&](std::string kind, std::string expected, std::string actual, std::string message) {
        out.push_back(catalog::OrderDifference{line.line_number, std::move(kind), std::move(expected),
                                               std::move(actual), std::move(message)});
    };
    const std::string where = "line " + std::to_string(line.line_number) + ": ";
    if (sent.sku != line.sku) {
        diff("sku-changed", sent.sku, line.sku,
             where + "SupplierPartID " + line.sku + " differs from " + sent.sku + " in the cart");
    }
    if (sent.currency != line.currency) {
        diff("currency-changed", sent.currency, line.currency,
             where + "currency " + line.currency + " differs from " + sent.currency + " in the cart");
    }
    const bool unit_changed = !line.uom.empty() && line.uom != sent.uom_sent && line.uom != sent.uom;
    if (unit_changed) {
        diff("uom-changed", sent.uom_sent, line.uom,
             where + "unit " + line.uom + " differs from " + sent.uom_sent + " in the cart");
        if (line.quantity != sent.quantity) {
            diff("quantity-scaled", sent.quantity.to_string(), line.quantity.to_string(),
                 where + "quantity " + line.quantity.to_string() + " " + line.uom + " looks converted from " +
                     sent.quantity.to_string() + " " + sent.uom_sent + " in the cart");
        }
    }
    if (sent.currency == line.currency &&
        !same_unit_price(sent.unit_price, sent.price_basis_quantity, line.unit_price,
                         line.price_basis_quantity)) {
        diff("price-drift", sent.unit_price.to_string(2), line.unit_price.to_string(2),
             where + "unit price " + money(line.unit_price, line.currency) + " differs from " +
                 money(sent.unit_price, sent.currency) + " in the cart");
    }
    if (!line.description.empty() && line.description.size() < sent.description.size() &&
        sent.description.compare(0, line.description.size(), line.description) == 0) {
        diff("description-truncated", sent.description, line.description,
             where + "description cut to " + std::to_string(line.description.size()) + " of " +
                 std::to_string(sent.description.size()) + " characters");
    }
}

}  // namespace

Amount line_total(Amount quantity, Amount price, Amount price_basis_quantity) {
    __extension__ using wide = __int128;
    const wide num = static_cast<wide>(quantity.units()) * price.units();
    const wide den = price_basis_quantity.units() > 0 ? price_basis_quantity.units() : Amount::scale;
    // Half away from zero, at four decimals.
    const wide q = (num >= 0 ? num + den / 2 : num - den / 2) / den;
    return Amount::from_units(static_cast<std::int64_t>(q));
}

CheckedOrder check_order(catalog::Connection& conn, const Authenticated& who,
                         const cxml::Document& doc, const cxml::OrderRequest& request,
                         std::string_view raw_document, catalog::Timestamp now) {
    CheckedOrder out;
    auto& o = out.order;
    auto& errors = out.errors;
    const auto& h = request.header;
    auto error = [&](std::string message) {
        if (errors.size() < max_listed_errors) errors.push_back(std::move(message));
    };

    o.buyer = who.buyer.key;
    o.order_id = h.order_id;
    o.order_version = h.order_version;
    o.order_type = h.order_type;
    o.order_date = h.order_date.to_string();
    o.currency = h.total.currency;
    o.deployment_mode = std::string(
        cxml::to_string(cxml::deployment_mode(doc).value_or(cxml::DeploymentMode::production)));
    o.payload_id = doc.payload_id;
    o.ship_to = ship_to_summary(h.ship_to);
    o.document = std::string(raw_document);
    o.received_at = o.updated_at = now;

    if (h.order_id.empty()) error("The OrderRequestHeader has no orderID.");
    if (o.currency.empty()) error("The order Total has no currency.");
    if (auto total = to_amount(h.total.amount)) {
        o.total = *total;
    } else {
        error("The order Total " + h.total.amount.to_string() + " has more than 4 decimals.");
    }
    if (h.tax) o.tax = to_amount_rounded(h.tax->money.amount).value_or(Amount{});
    if (h.shipping) o.shipping = to_amount_rounded(h.shipping->money.amount).value_or(Amount{});
    if (request.items.empty() && h.type != cxml::DocumentOperation::delete_) {
        error("The order has no ItemOut lines.");
    }

    std::set<int> numbers;
    int next_number = 1;
    std::int64_t subtotal = 0;
    for (const auto& item : request.items) {
        catalog::OrderLine line;
        line.line_number = item.line_number ? static_cast<int>(*item.line_number) : next_number;
        next_number = line.line_number + 1;
        const std::string where = "Line " + std::to_string(line.line_number) + ": ";
        if (!numbers.insert(line.line_number).second) {
            error(where + "the lineNumber appears twice.");
        }
        line.sku = item.item_id.supplier_part_id;
        line.token = item.item_id.supplier_part_auxiliary_id;
        line.buyer_part_id = item.item_id.buyer_part_id;
        line.requested_delivery = item.requested_delivery_date ? item.requested_delivery_date->to_string() : "";

        const auto qty = to_amount(item.quantity);
        if (!qty) {
            error(where + "quantity " + item.quantity.to_string() + " has more than 4 decimals.");
        } else if (qty->units() <= 0) {
            error(where + "quantity must be positive, not " + item.quantity.to_string() + ".");
        } else {
            line.quantity = *qty;
        }

        std::optional<catalog::Product> product;
        if (line.sku.empty()) {
            error(where + "it has no SupplierPartID.");
        } else {
            auto p = catalog::find_product(conn, line.sku);
            auto v = p ? catalog::visible(conn, who.buyer.key, line.sku) : catalog::Result<bool>(false);
            if (p && v && *v) {
                product = std::move(*p);
            } else {
                // Unknown and not visible read the same: nothing leaks about other catalogs.
                error(where + "SupplierPartID '" + line.sku + "' is not in this buyer's catalog.");
            }
        }

        if (item.detail) {
            const auto& d = *item.detail;
            if (auto price = to_amount_rounded(d.unit_price.amount)) line.unit_price = *price;
            line.currency = d.unit_price.currency.empty() ? o.currency : d.unit_price.currency;
            line.uom = d.unit_of_measure;
            line.description = description_of(item.detail);
            if (d.price_basis_quantity) {
                if (auto pbq = to_amount(d.price_basis_quantity->quantity); pbq && pbq->units() > 0) {
                    line.price_basis_quantity = *pbq;
                }
            }
        } else if (product && line.quantity.units() > 0) {
            // No ItemDetail (the DTD allows it): the line is priced at the contract price.
            auto price = catalog::resolve_price(conn, who.buyer.key, line.sku, line.quantity, now);
            if (price) {
                line.unit_price = price->price;
                line.currency = price->currency;
            }
            line.uom = product->uom;
            line.description = product->description;
            line.price_basis_quantity = product->price_basis_quantity;
        }
        if (line.unit_price.is_negative()) error(where + "the unit price is negative.");
        if (!line.currency.empty() && !o.currency.empty() && line.currency != o.currency) {
            error(where + "currency " + line.currency + " differs from the order's " + o.currency + ".");
        }
        subtotal += line_total(line.quantity, line.unit_price, line.price_basis_quantity).units();

        if (product && line.quantity.units() > 0) {
            compare_with_cart(conn, who, line, o.differences);
            auto contract = catalog::resolve_price(conn, who.buyer.key, line.sku, line.quantity, now);
            if (contract && (contract->currency != line.currency ||
                             !same_unit_price(contract->price, product->price_basis_quantity,
                                              line.unit_price, line.price_basis_quantity))) {
                o.differences.push_back(catalog::OrderDifference{
                    line.line_number, "contract-price", contract->price.to_string(2),
                    line.unit_price.to_string(2),
                    "line " + std::to_string(line.line_number) + ": unit price " +
                        money(line.unit_price, line.currency) + " differs from the " +
                        std::string(catalog::to_string(contract->source)) + " price " +
                        money(contract->price, contract->currency)});
            }
        }
        o.lines.push_back(std::move(line));
    }
    o.subtotal = Amount::from_units(subtotal);

    // The Total is the sum of the lines, or that plus tax and shipping (senders differ).
    // Lines rounded to cents by the sender may each be half a cent off.
    if (errors.empty() && !request.items.empty()) {
        const std::int64_t tolerance =
            std::max<std::int64_t>(100, static_cast<std::int64_t>(request.items.size()) * 50);
        const std::int64_t with_extras = subtotal + o.tax.units() + o.shipping.units();
        const auto near = [&](std::int64_t a) {
            return (a > o.total.units() ? a - o.total.units() : o.total.units() - a) <= tolerance;
        };
        if (!near(subtotal) && !near(with_extras)) {
            error("The order Total " + money(o.total, o.currency) +
                  " does not match the sum of its lines, " + money(o.subtotal, o.currency) +
                  (with_extras != subtotal
                       ? " (" + money(Amount::from_units(with_extras), o.currency) +
                             " with tax and shipping)"
                       : std::string()) +
                  ".");
        }
    }
    return out;
}

OrderIntake::OrderIntake(catalog::Database& db, CommitQueue& queue) : db_(db), queue_(queue) {}

void OrderIntake::handle(const Authenticated& who, const cxml::Document& doc,
                         const cxml::OrderRequest& request, std::string raw_document,
                         LogFields& info, const std::string& reference,
                         std::function<void(OrderAnswer)> done) {
    const auto& h = request.header;
    const auto operation = h.type;
    info.log("order_id", h.order_id);
    info.log("order_type", std::string(cxml::to_string(operation)));

    CheckedOrder checked;
    {
        auto conn = db_.connect();
        // A replay is answered before anything else is looked at.
        auto seen = catalog::find_inbound(conn, who.buyer.key, doc.payload_id);
        if (!seen) return done(failure(reference, "The order could not be checked: " + seen.error().message));
        if (*seen) {
            info.log("replay", "1");
            return done(OrderAnswer{(*seen)->status_code, (*seen)->response});
        }
        checked = check_order(conn, who, doc, request, raw_document, catalog::now());
    }
    if (!checked.errors.empty()) {
        std::string message = "The order was not accepted:";
        for (const auto& e : checked.errors) message += "\n" + e;
        return done(answer(400, std::move(message)));
    }
    auto& order = checked.order;
    info.log("differences", std::to_string(order.differences.size()));
    if (!order.differences.empty() && who.buyer.order_policy == catalog::OrderPolicy::reject) {
        std::string message =
            "The order was not accepted: it differs from the punchout cart or the contract:";
        for (const auto& d : order.differences) message += "\n" + d.message;
        return done(answer(400, std::move(message)));
    }

    // The decisions that depend on what is stored are taken inside the commit, so two
    // concurrent posts of the same order cannot both win.
    auto outcome = std::make_shared<OrderAnswer>();
    auto work = [outcome, order = std::move(order), operation, buyer = who.buyer.key,
                 reference](catalog::Connection& conn) -> bool {
        auto seen = catalog::find_inbound(conn, buyer, order.payload_id);
        if (!seen) {
            *outcome = failure(reference, "The order could not be checked: " + seen.error().message);
            return false;
        }
        if (*seen) {
            *outcome = OrderAnswer{(*seen)->status_code, (*seen)->response};
            return false;
        }
        auto existing = catalog::find_order(conn, buyer, order.order_id);
        if (!existing && existing.error().code != catalog::Errc::not_found) {
            *outcome = failure(reference, "The order could not be read: " + existing.error().message);
            return false;
        }
        std::string message;
        std::int64_t pk = 0;
        if (operation == cxml::DocumentOperation::new_) {
            if (existing) {
                *outcome = answer(409, "Order " + order.order_id + " already exists (version " +
                                           std::to_string(existing->version) +
                                           "); send it with type=\"update\" to change it.");
                return false;
            }
            auto stored = catalog::insert_order(conn, order);
            if (!stored) {
                *outcome = failure(reference, "The order could not be stored: " + stored.error().message);
                return false;
            }
            pk = stored->pk;
            message = "Order " + order.order_id + " accepted.";
        } else {
            const bool update = operation == cxml::DocumentOperation::update;
            if (!existing) {
                *outcome = answer(400, "Order " + order.order_id + " is not known here, so it cannot be " +
                                           (update ? "updated" : "deleted") + "; send it with type=\"new\".");
                return false;
            }
            auto incoming = version_number(order.order_version);
            auto current = version_number(existing->order_version);
            if (incoming && current && *incoming <= *current) {
                *outcome = answer(409, "Order " + order.order_id + " orderVersion " + order.order_version +
                                           " is not newer than the version in force (" +
                                           existing->order_version + "); the request is stale.");
                return false;
            }
            if (existing->status == "cancelled") {
                *outcome = answer(409, "Order " + order.order_id + " was cancelled; it cannot be changed.");
                return false;
            }
            if (update && (existing->status == "shipped" || existing->status == "invoiced" ||
                           existing->status == "partially-shipped")) {
                *outcome = answer(409, "Order " + order.order_id + " is already " + existing->status +
                                           "; it can no longer be changed. Contact the supplier.");
                return false;
            }
            auto changed = catalog::change_order(
                conn, existing->pk, update ? catalog::OrderChange::update : catalog::OrderChange::cancel,
                order);
            if (!changed) {
                *outcome = failure(reference, "The order could not be stored: " + changed.error().message);
                return false;
            }
            pk = changed->pk;
            message = "Order " + order.order_id + (update ? " updated to version " : " cancelled (version ") +
                      std::to_string(changed->version) + (update ? "." : ").");
        }
        if (!order.differences.empty() && operation != cxml::DocumentOperation::delete_) {
            message += " " + std::to_string(order.differences.size()) +
                       " difference(s) from the punchout cart or contract were flagged for review.";
        }
        *outcome = answer(200, message);
        catalog::InboundRecord record{buyer,        order.payload_id, "OrderRequest", 200,
                                      outcome->body, pk,              order.received_at};
        if (auto r = catalog::record_inbound(conn, record); !r) {
            *outcome = failure(reference, "The order could not be stored: " + r.error().message);
            return false;
        }
        return true;
    };
    queue_.submit(std::move(work), [outcome, done, reference](bool durable,
                                                                        const std::string& error) {
        if (!durable) {
            return done(failure(reference, "The order could not be stored durably (" + error +
                                               "); nothing was kept. Please send it again"));
        }
        done(*outcome);
    });
}

}  // namespace punchout::gateway
