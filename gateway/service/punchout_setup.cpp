#include "gateway/service/punchout_setup.hpp"

#include "catalog/cart.hpp"
#include "catalog/catalog_view.hpp"
#include "catalog/inventory.hpp"
#include "catalog/price.hpp"
#include "catalog/product.hpp"
#include "catalog/read_transaction.hpp"
#include "catalog/session.hpp"
#include "gateway/service/conversions.hpp"
#include "gateway/service/tokens.hpp"

#include <set>

namespace punchout::gateway {
namespace {

// operationAllowed ranks: a cart sent for `inspect` may be inspected, one sent for `edit`
// may be edited or inspected, one sent for `create` may be neither.
bool allows(catalog::SessionOperation allowed, catalog::SessionOperation wanted) {
    using Op = catalog::SessionOperation;
    if (allowed == Op::edit)
        return true;
    if (allowed == Op::inspect)
        return wanted == Op::inspect;
    return false;
}

std::string first_value(const cxml::Extrinsics& ex, std::initializer_list<const char*> names) {
    for (const char* n : names) {
        if (const auto* v = cxml::find_extrinsic(ex, n); v && !v->empty())
            return *v;
    }
    return {};
}

// Who is shopping, for the storefront's header: extrinsics first (Ariba and Coupa send
// UserEmail / UniqueName), then an endUser (or any) Contact.
void fill_user(const cxml::PunchOutSetupRequest& r, catalog::PunchoutSession& s) {
    s.user_email = first_value(r.extrinsics, {"UserEmail", "Email"});
    s.user_name = first_value(r.extrinsics, {"UserFullName", "UserName", "UniqueName"});
    if (s.user_name.empty()) {
        auto first = first_value(r.extrinsics, {"FirstName"});
        auto last = first_value(r.extrinsics, {"LastName"});
        s.user_name = first + (first.empty() || last.empty() ? "" : " ") + last;
    }
    for (const auto& c : r.contacts) {
        const bool end_user = c.role.empty() || c.role == "endUser";
        if (!end_user)
            continue;
        if (s.user_name.empty())
            s.user_name = c.name;
        if (s.user_email.empty() && !c.emails.empty())
            s.user_email = c.emails.front();
    }
}

std::string text_of(const std::optional<cxml::ItemDetail>& d) {
    if (!d || d->descriptions.empty())
        return {};
    const auto& desc = d->descriptions.front();
    return desc.text.empty() ? desc.short_name : desc.text;
}

// The buyer's unit code back to ours (the unit map goes ours -> theirs).
std::string our_unit(const catalog::Buyer& buyer, const std::string& theirs) {
    for (const auto& [ours, mapped] : buyer.unit_map) {
        if (mapped == theirs)
            return ours;
    }
    return theirs;
}

// The cart an edit or inspect starts with: the request's lines, placed in our catalog.
Outcome<std::vector<catalog::CartLine>> edit_lines(catalog::Connection& conn,
                                                   const Authenticated& who,
                                                   const cxml::PunchOutSetupRequest& request,
                                                   catalog::SessionOperation operation,
                                                   catalog::Timestamp now) {
    std::vector<catalog::CartLine> lines;
    if (request.items.empty())
        return lines;
    constexpr std::string_view not_read = "The cart could not be read";
    // One snapshot: every line is placed against the same catalog.
    auto snapshot = catalog::ReadTransaction::begin(conn);
    if (!snapshot)
        return refusal_from(snapshot.error(), not_read);
    std::set<std::string> tokens;
    for (const auto& item : request.items) {
        catalog::CartLine line;
        line.origin = catalog::CartLineOrigin::edit;
        line.added_at = now;
        line.sku = item.item_id.supplier_part_id;
        line.buyer_part_id = item.item_id.buyer_part_id;
        const auto qty = to_amount_rounded(item.quantity);
        if (!qty || qty->units() <= 0)
            continue;  // a zero line carries nothing to edit
        line.quantity = *qty;

        const std::string& aux = item.item_id.supplier_part_auxiliary_id;
        bool ours = false;
        if (!aux.empty()) {
            auto match = catalog::find_transferred_line(conn, who.buyer.key, aux);
            if (match) {
                ours = true;
                if (!allows(match->operation_allowed, operation)) {
                    return Refusal::not_permitted(
                        "This cart was returned with operationAllowed=\"" +
                        std::string(catalog::to_string(match->operation_allowed)) +
                        "\"; it cannot be opened for " +
                        std::string(catalog::to_string(operation)) +
                        ". Create a new punchout session instead.");
                }
            } else if (match.error().code != catalog::Errc::not_found) {
                return refusal_from(match.error(), not_read);
            }
        }
        line.token = !aux.empty() && tokens.count(aux) == 0 ? aux : line_token();
        tokens.insert(line.token);

        auto found = catalog::find_visible_product(conn, who.buyer.key, line.sku);
        if (!found)
            return refusal_from(found.error(), not_read);
        const auto& product = *found;
        if (product) {
            line.known = true;
            line.uom = product->uom;
            line.price_basis_quantity = product->price_basis_quantity;
            line.description = product->description;
            auto stock = catalog::stock_for_sku(conn, line.sku);
            if (!stock)
                return refusal_from(stock.error(), not_read);
            line.stock_at_add = stock->total;
            if (!ours && !aux.empty())
                line.flag = catalog::CartLineFlag::foreign_token;
        } else {
            line.known = false;
            line.flag = catalog::CartLineFlag::unknown_part;
            line.description = text_of(item.detail);
            line.uom = item.detail ? our_unit(who.buyer, item.detail->unit_of_measure) : "";
        }
        // The price the buyer has on the line stays until the user changes the line; the
        // storefront shows the current price beside it when they differ.
        if (item.detail && to_amount_rounded(item.detail->unit_price.amount)) {
            line.unit_price = *to_amount_rounded(item.detail->unit_price.amount);
            line.currency = item.detail->unit_price.currency;
            line.price_source = catalog::PriceSource::as_sent;
        } else if (line.known) {
            auto price = catalog::resolve_price(conn, who.buyer.key, line.sku, line.quantity, now);
            if (!price)
                return refusal_from(price.error(), not_read);
            line.unit_price = price->price;
            line.currency = price->currency;
            line.price_source = price->source;
        }
        if (line.currency.empty())
            line.currency = who.buyer.default_currency;
        lines.push_back(std::move(line));
    }
    return lines;
}

}  // namespace

Outcome<OpenedSession> punchout_setup(catalog::Connection& conn, const Config& config,
                                      const Authenticated& who, const cxml::Document& doc,
                                      const cxml::PunchOutSetupRequest& request,
                                      std::string_view raw_document, LogFields& log) {
    using Op = catalog::SessionOperation;
    Op operation;
    switch (request.operation) {
        case cxml::PunchOutOperation::create:
            operation = Op::create;
            break;
        case cxml::PunchOutOperation::edit:
            operation = Op::edit;
            break;
        case cxml::PunchOutOperation::inspect:
            operation = Op::inspect;
            break;
        default:
            return Refusal::unsupported(
                "PunchOutSetupRequest operation=\"source\" (sourcing) is not supported; use "
                "create, edit or inspect.");
    }
    log.log("operation", std::string(catalog::to_string(operation)));

    const auto now = catalog::now();
    NewSession next;
    next.return_url_field = "BrowserFormPost URL";
    auto& session = next.session;
    session.sender = who.sender.key;
    session.protocol = catalog::SessionProtocol::cxml;
    session.operation = operation;
    session.buyer_cookie = request.buyer_cookie;
    session.return_url = request.browser_form_post_url;
    session.deployment_mode = to_catalog(cxml::deployment_mode(doc));
    session.cxml_version = who.buyer.cxml_version;
    session.buyer_credential = to_catalog(who.buyer_credential);
    fill_user(request, session);
    if (request.selected_item)
        session.selected_item = request.selected_item->supplier_part_id;
    session.setup_document = std::string(raw_document);
    for (const auto& e : request.extrinsics)
        session.extrinsics.emplace_back(e.name, e.value);

    auto lines = edit_lines(conn, who, request, operation, now);
    if (!lines)
        return lines.refusal();
    next.lines = std::move(*lines);

    auto opened = open_session(conn, config, who.buyer, std::move(next), now);
    if (opened) {
        log.log("session", std::to_string(opened->session.id));
        log.log("lines", std::to_string(opened->lines));
    }
    return opened;
}

}  // namespace punchout::gateway
