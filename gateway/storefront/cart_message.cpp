#include "gateway/storefront/cart_message.hpp"

#include "catalog/line_amount.hpp"
#include "cxml/write.hpp"
#include "gateway/service/conversions.hpp"
#include "gateway/storefront/cart_totals.hpp"

#include <set>
#include <stdexcept>

namespace punchout::gateway::storefront {
namespace {

catalog::Amount one() {
    return catalog::Amount::from_units(catalog::Amount::scale);
}

bool valid_version(const std::string& v) {
    if (v.empty())
        return false;
    int dots = 0;
    bool digit = false;
    for (const char c : v) {
        if (c >= '0' && c <= '9') {
            digit = true;
        } else if (c == '.' && digit) {
            ++dots;
            digit = false;
        } else {
            return false;
        }
    }
    return digit && dots == 2;
}

// The buyer's unit code back to ours (the unit map goes ours -> theirs).
std::string our_unit(const catalog::Buyer& buyer, const std::string& theirs) {
    for (const auto& [ours, mapped] : buyer.unit_map) {
        if (mapped == theirs)
            return ours;
    }
    return theirs;
}

cxml::Document envelope(const catalog::PunchoutSession& session, const MessageParties& parties,
                        cxml::PunchOutOrderMessage message) {
    cxml::Message body;
    body.deployment_mode = to_cxml(session.deployment_mode);
    body.payload = std::move(message);
    auto doc = cxml::make_document(std::move(body), parties.host);
    // The message travels through the user's browser, where anyone can read it: no
    // credential carries a secret. The Sender names us without a SharedSecret, as the cXML
    // User's Guide's and the networks' PunchOutOrderMessage examples do.
    auto bare = [](cxml::Credential c) {
        c.shared_secret.reset();
        c.mac.reset();
        return c;
    };
    doc.header.from.credentials.push_back(bare(parties.from));
    doc.header.to.credentials.push_back(bare(parties.to));
    doc.header.sender.credentials.push_back(bare(parties.from));
    doc.header.sender.user_agent = parties.user_agent;
    return doc;
}

cxml::Money money(catalog::Amount amount, const std::string& currency) {
    cxml::Money m;
    m.amount = to_decimal(amount, 2);
    m.currency = currency;
    return m;
}

}  // namespace

std::string message_version(const catalog::PunchoutSession& session) {
    return valid_version(session.cxml_version) ? session.cxml_version
                                               : std::string(cxml::default_version);
}

std::string line_problem(const MessageLine& l) {
    if (l.line.known && l.product)
        return {};
    if (!l.original) {
        return "Line " + l.line.sku +
               " is not in our catalog and came from your system without item details; "
               "remove it to return the cart.";
    }
    if (l.original->classifications.empty()) {
        return "Line " + l.line.sku +
               " is not in our catalog and came from your system without a commodity "
               "classification; remove it to return the cart.";
    }
    return {};
}

cxml::ItemIn item_in_for(const MessageLine& l, const catalog::Buyer& buyer,
                         std::uint32_t line_number) {
    const catalog::CartLine& line = l.line;
    cxml::ItemIn item;
    item.quantity = to_decimal(line.quantity);
    item.line_number = line_number;
    item.item_id.supplier_part_id = line.sku;
    item.item_id.supplier_part_auxiliary_id = line.token;
    item.item_id.buyer_part_id = line.buyer_part_id;

    cxml::ItemDetail& d = item.detail;
    if (!(line.known && l.product) && l.original) {
        // Not ours: the buyer's own details go back, with the quantity and price the line
        // has now.
        d = *l.original;
    } else {
        cxml::Description desc;
        desc.text = line.description;
        desc.lang = "en";
        if (l.product) {
            desc.short_name = l.product->short_name;
            if (!l.product->unspsc.empty()) {
                d.classifications.push_back(cxml::Classification{"UNSPSC", {}, l.product->unspsc});
            }
            d.manufacturer_name = l.product->manufacturer;
            d.manufacturer_part_id = l.product->manufacturer_part;
            if (l.product->lead_time_days)
                d.lead_time = std::to_string(*l.product->lead_time_days);
        }
        d.descriptions.push_back(std::move(desc));
        d.unit_of_measure = buyer.unit_for(line.uom);
    }
    d.unit_price = money(line.unit_price, line.currency);
    // A line of the buyer's keeps the PriceBasisQuantity it came with (its price is per that).
    if (line.known && l.product && line.price_basis_quantity != one()) {
        cxml::PriceBasisQuantity basis;
        basis.quantity = to_decimal(line.price_basis_quantity);
        basis.conversion_factor = cxml::Decimal(1);
        basis.unit_of_measure = d.unit_of_measure;
        d.price_basis_quantity = std::move(basis);
    }
    return item;
}

CartMessage build_cart_message(const catalog::PunchoutSession& session, const catalog::Buyer& buyer,
                               const MessageParties& parties, cxml::PunchOutOperation allowed,
                               const std::vector<MessageLine>& lines) {
    CartMessage out;
    out.currency = lines.empty() ? buyer.default_currency : lines.front().line.currency;
    cxml::PunchOutOrderMessage message;
    message.buyer_cookie = session.buyer_cookie;
    message.header.operation_allowed = allowed;
    std::uint32_t n = 0;
    for (const auto& l : lines) {
        auto item = item_in_for(l, buyer, ++n);
        auto basis = l.line.price_basis_quantity;
        if (item.detail.price_basis_quantity) {
            auto b = to_amount_rounded(item.detail.price_basis_quantity->quantity);
            if (b && b->units() > 0)
                basis = *b;
        }
        const auto amount = catalog::line_amount(l.line.quantity, l.line.unit_price, basis);
        const auto sum = amount ? out.total.add(*amount) : std::nullopt;
        if (!sum)
            throw std::overflow_error("cart total does not fit");
        out.total = *sum;

        catalog::TransferredLine t;
        t.token = l.line.token;
        t.sku = l.line.sku;
        t.quantity = l.line.quantity;
        t.unit_price = l.line.unit_price;
        t.currency = l.line.currency;
        t.price_basis_quantity = basis;
        t.uom = l.line.uom.empty() ? our_unit(buyer, item.detail.unit_of_measure) : l.line.uom;
        t.uom_sent = item.detail.unit_of_measure;
        t.description = item.detail.descriptions.empty() ? std::string()
                                                         : item.detail.descriptions.front().text;
        out.transferred.push_back(std::move(t));
        message.items.push_back(std::move(item));
    }
    message.header.total = money(out.total, out.currency);
    out.document = envelope(session, parties, std::move(message));
    return out;
}

CartMessage build_original_message(const catalog::PunchoutSession& session,
                                   const catalog::Buyer& buyer, const MessageParties& parties,
                                   cxml::PunchOutOperation allowed,
                                   const cxml::PunchOutSetupRequest& setup,
                                   const std::vector<MessageLine>& cart) {
    CartMessage out;
    cxml::PunchOutOrderMessage message;
    message.buyer_cookie = session.buyer_cookie;
    message.header.operation_allowed = allowed;
    std::set<std::string> tokens;
    std::uint32_t n = 0;
    for (const auto& o : setup.items) {
        ++n;
        cxml::ItemIn item;
        item.quantity = o.quantity;
        item.line_number = o.line_number ? *o.line_number : n;
        item.parent_line_number = o.parent_line_number;
        item.item_type = o.item_type;
        item.item_id = o.item_id;
        if (o.detail) {
            item.detail = *o.detail;
        } else {
            // ItemIn requires an ItemDetail: take the one our cart line for it would send.
            const MessageLine* match = nullptr;
            for (const auto& c : cart) {
                if (!o.item_id.supplier_part_auxiliary_id.empty() &&
                    c.line.token == o.item_id.supplier_part_auxiliary_id) {
                    match = &c;
                }
            }
            for (const auto& c : cart) {
                if (!match && c.line.sku == o.item_id.supplier_part_id)
                    match = &c;
            }
            if (match) {
                item.detail = item_in_for(*match, buyer, n).detail;
            } else {
                cxml::Description desc;
                desc.text = o.item_id.supplier_part_id;
                desc.lang = "en";
                item.detail.descriptions.push_back(std::move(desc));
                item.detail.unit_price = money({}, buyer.default_currency);
                item.detail.unit_of_measure = "EA";
            }
        }
        item.ship_to = o.ship_to;
        item.shipping = o.shipping;
        item.tax = o.tax;
        item.distributions = o.distributions;
        item.contacts = o.contacts;
        if (!o.comments.empty())
            item.comments = o.comments.front();

        const auto& d = item.detail;
        const auto qty = to_amount_rounded(item.quantity).value_or(catalog::Amount{});
        const auto price = to_amount_rounded(d.unit_price.amount).value_or(catalog::Amount{});
        auto basis = one();
        if (d.price_basis_quantity) {
            if (auto b = to_amount_rounded(d.price_basis_quantity->quantity); b && b->units() > 0) {
                basis = *b;
            }
        }
        if (out.currency.empty())
            out.currency = d.unit_price.currency;
        if (d.unit_price.currency == out.currency) {
            const auto amount = catalog::line_amount(qty, price, basis);
            const auto sum = amount ? out.total.add(*amount) : std::nullopt;
            if (!sum)
                throw std::overflow_error("cart total does not fit");
            out.total = *sum;
        }
        const auto& token = item.item_id.supplier_part_auxiliary_id;
        if (!token.empty() && tokens.insert(token).second) {
            catalog::TransferredLine t;
            t.token = token;
            t.sku = item.item_id.supplier_part_id;
            t.quantity = qty;
            t.unit_price = price;
            t.currency = d.unit_price.currency;
            t.price_basis_quantity = basis;
            t.uom = our_unit(buyer, d.unit_of_measure);
            t.uom_sent = d.unit_of_measure;
            t.description = d.descriptions.empty() ? std::string() : d.descriptions.front().text;
            out.transferred.push_back(std::move(t));
        }
        message.items.push_back(std::move(item));
    }
    if (out.currency.empty())
        out.currency = buyer.default_currency;
    message.header.total = money(out.total, out.currency);
    out.document = envelope(session, parties, std::move(message));
    return out;
}

}  // namespace punchout::gateway::storefront
