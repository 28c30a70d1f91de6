#include "gateway/service/order_check.hpp"

#include "catalog/cart.hpp"
#include "catalog/catalog_view.hpp"
#include "catalog/line_amount.hpp"
#include "catalog/price.hpp"
#include "catalog/product.hpp"
#include "catalog/read_transaction.hpp"
#include "cxml/mime_package.hpp"
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

// Why a decimal is no store amount: too precise, or too large for 64-bit ten-thousandths.
std::string why_not_amount(const cxml::Decimal& d) {
    return d.scale() > 4 ? "has more than 4 decimals" : "is out of range";
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

// A cid: URL must name a part of the request (cXML.dtd: "must match the Content-ID header
// of one (and only one) part"); a file the network lost is flagged, not refused, so the
// order itself is never lost over it. Other URLs (https, as Coupa sends) are kept as sent.
void check_attachments(const cxml::Comments& comments, int line_number,
                       const std::vector<catalog::OrderAttachment>& files,
                       std::vector<catalog::OrderDifference>& out) {
    for (const auto& url : comments.attachment_urls) {
        auto cid = cxml::content_id_from_url(url);
        if (!cid)
            continue;
        const bool found = std::any_of(files.begin(), files.end(),
                                       [&](const auto& f) { return f.content_id == *cid; });
        if (found)
            continue;
        out.push_back(catalog::OrderDifference{
            line_number, catalog::DifferenceKind::attachment_missing, *cid, "",
            (line_number ? "line " + std::to_string(line_number) + ": " : std::string()) +
                "attachment " + url +
                " names no part of the request; ask the buyer to resend "
                "the file"});
    }
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
                                    std::string_view raw_document, catalog::Timestamp now,
                                    std::vector<catalog::OrderAttachment> files) {
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
        findings.add(std::string(header_path) + "/Total", "The order Total " +
                                                              h.total.amount.to_string() + " " +
                                                              why_not_amount(h.total.amount) + ".");
    }
    // Charges are never negative: a credit is an isReturn line, and a wrapped or negative
    // charge would make a wrong Total pass the check.
    const auto charge = [&](const cxml::Money& m, const std::string& at,
                            const std::string& what) -> Amount {
        auto a = to_amount_rounded(m.amount);
        if (!a) {
            findings.add(at, what + " " + m.amount.to_string() + " is out of range.");
            return Amount{};
        }
        if (a->is_negative()) {
            findings.add(at, what + " " + m.amount.to_string() + " is negative.");
            return Amount{};
        }
        return *a;
    };
    Amount header_tax;
    Amount header_shipping;
    if (h.tax)
        header_tax = charge(h.tax->money, std::string(header_path) + "/Tax", "The order Tax");
    if (h.shipping) {
        header_shipping =
            charge(h.shipping->money, std::string(header_path) + "/Shipping", "The order Shipping");
    }
    if (h.control_keys) {
        if (h.control_keys->confirmation)
            o.confirmation_rule = to_catalog(*h.control_keys->confirmation);
        if (h.control_keys->ship_notice)
            o.ship_notice_rule = to_catalog(*h.control_keys->ship_notice);
    }
    if (request.items.empty() && h.type != cxml::DocumentOperation::delete_)
        findings.add("cXML/Request/OrderRequest", "The order has no ItemOut lines.");

    std::set<int> numbers;
    int next_number = 1;
    Amount subtotal;
    Amount line_tax;
    Amount line_shipping;
    bool subtotal_fits = true;
    const auto accumulate = [&](Amount& sum, Amount add, const std::string& at,
                                const std::string& what) {
        if (auto next = sum.add(add)) {
            sum = *next;
            return;
        }
        findings.add(at, what + " makes the order's sum overflow.");
        subtotal_fits = false;
    };
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
            findings.add(at, where + "quantity " + item.quantity.to_string() + " " +
                                 why_not_amount(item.quantity) + ".");
        } else if (qty->units() <= 0) {
            findings.add(
                at, where + "quantity must be positive, not " + item.quantity.to_string() + ".");
        } else {
            line.quantity = *qty;
        }

        line.is_return = item.is_return;
        std::optional<catalog::Product> product;
        if (!line.sku.empty() && !item.is_ad_hoc) {
            auto p = catalog::find_visible_product(conn, who.buyer.key, line.sku);
            if (!p)
                return refusal_from(p.error(), not_checked);
            product = std::move(*p);
        }
        if (!product) {
            // Buyers mix free-form lines (services, ad-hoc items, blanket and composite
            // parents) with catalog lines; refusing the whole PO would lose the rest of it.
            // Unknown and not visible read the same: nothing leaks about other catalogs.
            line.non_catalog = true;
            std::string why = line.sku.empty() ? "it has no SupplierPartID"
                              : item.is_ad_hoc ? "it is marked isAdHoc"
                                               : "SupplierPartID '" + line.sku +
                                                     "' is not in this buyer's catalog";
            o.differences.push_back(catalog::OrderDifference{
                line.line_number, catalog::DifferenceKind::non_catalog, "", line.sku,
                "line " + std::to_string(line.line_number) + ": a non-catalog line (" + why +
                    "); review it by hand"});
        }

        if (item.detail) {
            const auto& d = *item.detail;
            if (auto price = to_amount_rounded(d.unit_price.amount)) {
                line.unit_price = *price;
            } else {
                findings.add(at + "/ItemDetail/UnitPrice", where + "the unit price " +
                                                               d.unit_price.amount.to_string() +
                                                               " is out of range.");
            }
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
        if (item.tax)
            line.tax = charge(item.tax->money, at + "/Tax", where + "Tax");
        if (item.shipping)
            line.shipping = charge(item.shipping->money, at + "/Shipping", where + "Shipping");
        // A return line is goods coming back: it counts against the total, charges too.
        const auto signed_amount = [&](Amount a) {
            return line.is_return ? Amount::from_units(-a.units()) : a;
        };
        const auto amount =
            catalog::line_amount(line.quantity, line.unit_price, line.price_basis_quantity);
        if (!amount) {
            findings.add(at, where + "the line amount does not fit (quantity " +
                                 line.quantity.to_string() + " at " + line.unit_price.to_string() +
                                 ").");
            subtotal_fits = false;
        } else {
            accumulate(subtotal, signed_amount(*amount), at, where + "the line amount");
        }
        accumulate(line_tax, signed_amount(line.tax), at + "/Tax", where + "Tax");
        accumulate(line_shipping, signed_amount(line.shipping), at + "/Shipping",
                   where + "Shipping");

        for (const auto& comments : item.comments)
            check_attachments(comments, line.line_number, files, o.differences);
        if (product && line.quantity.units() > 0) {
            if (auto r = compare_with_cart(conn, who, line, o.differences); !r)
                return r.refusal();
            if (auto r = compare_with_contract(conn, who, *product, line, now, o.differences); !r)
                return r.refusal();
        }
        o.lines.push_back(std::move(line));
    }
    o.subtotal = subtotal;
    for (const auto& comments : h.comments)
        check_attachments(comments, 0, files, o.differences);
    o.attachments = std::move(files);

    // What the order carries in tax and shipping: the header's figure where it gives one
    // (it is usually the sum of the lines'), else the sum of the lines'.
    o.tax = h.tax ? header_tax : line_tax;
    o.shipping = h.shipping ? header_shipping : line_shipping;

    // The Total is the sum of the lines, or that plus tax and shipping, counted at the header,
    // at the lines, or both (senders differ: EU VAT and SAP S/4 via Ariba tax per line).
    // Lines rounded to cents by the sender may each be half a cent off.
    if (findings.empty() && subtotal_fits && !request.items.empty()) {
        __extension__ using wide = __int128;
        const wide tolerance = std::max<wide>(100, static_cast<wide>(request.items.size()) * 50);
        const wide lines_sum = subtotal.units();
        const wide header_extras = static_cast<wide>(header_tax.units()) + header_shipping.units();
        const wide line_extras = static_cast<wide>(line_tax.units()) + line_shipping.units();
        const wide with_extras = lines_sum + o.tax.units() + o.shipping.units();
        const auto near = [&](wide a) {
            const wide total = o.total.units();
            return (a > total ? a - total : total - a) <= tolerance;
        };
        const bool adds_up = near(lines_sum) || near(with_extras) ||
                             near(lines_sum + header_extras) || near(lines_sum + line_extras) ||
                             near(lines_sum + header_extras + line_extras);
        if (!adds_up) {
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
