#include "gateway/inbound/oci_endpoint.hpp"

#include "catalog/catalog_view.hpp"
#include "catalog/inventory.hpp"
#include "catalog/price.hpp"
#include "catalog/product.hpp"
#include "catalog/search.hpp"
#include "catalog/session.hpp"
#include "cxml/form_post.hpp"
#include "cxml/oci_cart.hpp"
#include "gateway/http/refusal_mapping.hpp"
#include "gateway/service/authenticator.hpp"
#include "gateway/service/session_opener.hpp"
#include "gateway/service/url_codec.hpp"
#include "gateway/service/url_policy.hpp"
#include "gateway/storefront/display_format.hpp"
#include "gateway/storefront/form_data.hpp"
#include "gateway/storefront/html_writer.hpp"
#include "gateway/storefront/oci_cart_items.hpp"
#include "gateway/storefront/page_layout.hpp"
#include "gateway/storefront/page_policy.hpp"
#include "gateway/storefront/page_widgets.hpp"
#include "gateway/storefront/storefront.hpp"

namespace punchout::gateway {
namespace {

namespace sf = storefront;
using sf::Attr;

// Items a background search answers with at most.
constexpr std::size_t background_search_limit = 50;

std::string upper(std::string_view s) {
    std::string out(s);
    for (auto& c : out) {
        if (c >= 'a' && c <= 'z')
            c = static_cast<char>(c - 'a' + 'A');
    }
    return out;
}

bool form_content_type(std::string_view type) {
    const auto semi = type.find(';');
    std::string out = upper(type.substr(0, semi));
    while (!out.empty() && (out.back() == ' ' || out.back() == '\t'))
        out.pop_back();
    return out == "APPLICATION/X-WWW-FORM-URLENCODED";
}

// OCI parameters from the query string and, for a POST, the form body (which wins).
sf::FormData parameters(const Request& req) {
    std::string encoded;
    if (req.method() == http::verb::post && form_content_type(req[http::field::content_type])) {
        encoded = req.body();
    }
    const std::string_view target = req.target();
    const auto q = target.find('?');
    if (q != std::string_view::npos) {
        if (!encoded.empty())
            encoded.push_back('&');
        encoded.append(target.substr(q + 1));
    }
    return sf::FormData::parse(encoded);
}

// The line an OCI item is made from: the product at the buyer's price for `quantity`.
sf::MessageLine line_for(const catalog::Product& p, const catalog::ResolvedPrice& price,
                         catalog::Amount quantity) {
    sf::MessageLine l;
    l.line.sku = p.sku;
    l.line.known = true;
    l.line.quantity = quantity;
    l.line.unit_price = price.price;
    l.line.currency = price.currency;
    l.line.price_source = price.source;
    l.line.price_basis_quantity = p.price_basis_quantity;
    l.line.uom = p.uom;
    l.line.description = p.description;
    l.product = p;
    return l;
}

// OCI has no stock field: availability goes in CUST_FIELD5 (free text; SAP ignores it unless
// the buyer maps it), the lead time in LEADTIME as always.
std::string availability(catalog::Amount stock, bool reported,
                         std::optional<catalog::Timestamp> as_of, catalog::Amount quantity,
                         catalog::Timestamp now, const sf::LastKnownStock& stale = {}) {
    if (!reported)
        return "stock not reported";
    if (stock.units() <= 0 && stale.quantity.units() > 0 && stale.as_of) {
        // Too old to count ([catalog] stock_stale_after): said as what it is.
        return "stock last known " + sf::format_quantity(stale.quantity) + ", as of " +
               sf::format_clock(*stale.as_of, now);
    }
    std::string text = stock >= quantity && stock.units() > 0
                           ? "in stock " + sf::format_quantity(stock)
                           : "short: " + sf::format_quantity(stock) + " in stock";
    if (as_of)
        text += ", as of " + sf::format_clock(*as_of, now);
    return text;
}

std::string no_ui_page(const std::vector<cxml::FormField>& fields, std::string_view action) {
    sf::HtmlWriter w(4096 + fields.size() * 96);
    w.markup("<!DOCTYPE html>\n");
    w.open("html", {{"lang", "en"}});
    {
        auto head = w.scope("head");
        w.empty("meta", {{"charset", "utf-8"}});
        w.element("title", "OCI item data");
    }
    auto body = w.scope("body");
    auto form = w.scope("form", {{"id", "oci"},
                                 {"method", "post"},
                                 Attr::optional("action", action),
                                 {"accept-charset", "UTF-8"}});
    for (const auto& f : fields) {
        w.empty("input", {{"type", "hidden"}, {"name", f.name}, {"value", f.value}});
    }
    return w.finish();
}

}  // namespace

OciEndpoint::OciEndpoint(const Config& config, catalog::Database& db, Logger& logger)
    : config_(config), db_(db), logger_(logger) {}

void OciEndpoint::handle(RequestInfo& info, Request&& req, Responder respond) {
    respond(answer(info, req));
}

Response OciEndpoint::answer(RequestInfo& info, const Request& req) {
    info.log_path = "/oci";
    const auto params = parameters(req);
    const std::string function = upper(params.get_any_case("FUNCTION"));
    info.log("oci_function", function.empty() ? "LOGIN" : function);
    sf::PagePolicy anywhere;
    anywhere.frame_anywhere = true;
    auto page = [&](http::status status, std::string_view title,
                    std::initializer_list<std::string_view> text, const sf::PagePolicy& policy) {
        return sf::html_response(req, status, sf::message_page(config_, title, text), policy);
    };
    auto refused = [&](const Refusal& r) {
        const auto answer = answer_refusal(r, info, logger_);
        const bool busy = r.kind == RefusalKind::busy;
        return page(
            answer.page_status, busy ? "The catalog is busy" : "Something went wrong",
            {busy ? "Please try again in a moment." : "Please try again.", "Reference: " + info.id},
            anywhere);
    };
    auto failure = [&](const catalog::Error& e) {
        return refused(refusal_from(e, "The OCI call could not be answered"));
    };

    const bool interactive = function.empty() || function == "DETAIL";
    if (!interactive && function != "VALIDATE" && function != "BACKGROUND_SEARCH") {
        info.log("oci_status", "unsupported");
        return page(http::status::bad_request, "OCI function not supported",
                    {"FUNCTION=" + function.substr(0, 40) +
                     " is not supported. This catalog answers the catalog call (no FUNCTION), "
                     "DETAIL, VALIDATE and BACKGROUND_SEARCH."},
                    anywhere);
    }

    auto conn = db_.connect();
    auto login = authenticate_oci_login(conn, params.get_any_case("USERNAME"),
                                        params.get_any_case("PASSWORD"));
    if (!login) {
        const auto& r = login.refusal();
        if (is_retryable(r.kind))
            return refused(r);
        const bool disabled = r.kind == RefusalKind::not_permitted;
        info.log("oci_status", disabled ? "disabled" : "login-refused");
        const auto status = answer_refusal(r, info, logger_).page_status;
        if (disabled) {
            return page(status, "The catalog is not available", {r.message}, anywhere);
        }
        // The same words for an unknown user and a wrong password.
        return page(status, "The catalog login was not accepted",
                    {r.message,
                     "Please ask your purchasing administrator to check the catalog settings "
                     "(USERNAME and PASSWORD)."},
                    anywhere);
    }
    const catalog::Buyer* buyer = &login.value();
    info.log("buyer", buyer->id);
    sf::PagePolicy policy;
    policy.frame_origins = buyer->frame_origins;

    // SAP lets each customer name the return-URL field (MM_HOOK_URL for SAP's product
    // catalog); the buyer's setting names it, HOOK_URL otherwise or when it is absent.
    const std::string hook_field =
        buyer->oci_hook_field.empty() ? std::string("HOOK_URL") : buyer->oci_hook_field;
    std::string hook_url(params.get_any_case(hook_field));
    if (hook_url.empty() && hook_field != "HOOK_URL")
        hook_url = std::string(params.get_any_case("HOOK_URL"));
    if ((interactive || !hook_url.empty()) &&
        check_postback_url(hook_url, *buyer) != PostbackCheck::allowed) {
        info.log("oci_status", "bad-hook-url");
        return page(
            http::status::bad_request, "The return address is not accepted",
            {hook_url.empty()
                 ? "The catalog call has no " + hook_field + ", so the cart could not be returned."
                 : "The " + hook_field +
                       " of the catalog call is not an http(s) address this store may "
                       "send carts to.",
             "Please ask your purchasing administrator to check the catalog settings."},
            policy);
    }
    const auto now = catalog::now();

    if (interactive) {
        NewSession next;
        next.return_url_field = hook_field;
        next.start_now = true;  // the login itself is the session's one start
        auto& s = next.session;
        s.protocol = catalog::SessionProtocol::oci;
        s.operation = catalog::SessionOperation::create;
        s.return_url = hook_url;
        s.return_target = std::string(params.get_any_case("~TARGET"));
        s.cxml_version = buyer->cxml_version;
        if (function == "DETAIL")
            s.selected_item = std::string(params.get_any_case("PRODUCTID"));
        // Kept with the session: the cart goes back with the call's own ~ parameters.
        for (const char* name : {"~OkCode", "~TARGET", "~CALLER", "OCI_VERSION"}) {
            if (params.has_any_case(name))
                s.extrinsics.emplace_back(name, std::string(params.get_any_case(name)));
        }
        auto opened = open_session(conn, config_, *buyer, std::move(next), now);
        if (!opened)
            return refused(opened.refusal());
        const auto& session = opened->session;
        info.log("session", std::to_string(session.id));
        info.log("oci_status", "session");

        std::string destination = "/shop/" + session.session_key + "/";
        if (!session.selected_item.empty()) {
            auto may_see = catalog::visible(conn, buyer->key, session.selected_item);
            if (may_see && *may_see) {
                destination = "/shop/" + session.session_key + "/product/" +
                              percent_encode(session.selected_item);
            }
        }
        return sf::redirect_response(req, destination, policy);
    }

    // VALIDATE and BACKGROUND_SEARCH: data only, on this URL.
    std::vector<cxml::OciItem> items;
    const auto fresh_since = config_.stock_stale_after.count() > 0
                                 ? std::optional(now - config_.stock_stale_after)
                                 : std::nullopt;
    if (function == "VALIDATE") {
        const std::string sku(params.get_any_case("PRODUCTID"));
        auto quantity = params.get_any_case("QUANTITY").empty()
                            ? std::optional<catalog::Amount>(
                                  catalog::Amount::from_units(catalog::Amount::scale))
                            : sf::parse_user_quantity(params.get_any_case("QUANTITY"));
        if (!quantity) {
            info.log("oci_status", "bad-quantity");
            return page(http::status::bad_request, "Quantity not accepted",
                        {"QUANTITY must be a number above zero."}, policy);
        }
        auto found = catalog::find_visible_product(conn, buyer->key, sku);
        if (!found)
            return failure(found.error());
        const auto& product = *found;
        // An unknown product answers with no item: that is how OCI says "not available".
        if (product) {
            auto price = catalog::resolve_price(conn, buyer->key, sku, *quantity, now);
            auto stock = catalog::stock_for_sku(conn, sku, fresh_since);
            if (!price)
                return failure(price.error());
            if (!stock)
                return failure(stock.error());
            auto item = sf::oci_item_for(line_for(*product, *price, *quantity), *buyer, 1);
            item.cust_field[4] =
                availability(stock->total, !stock->warehouses.empty(), stock->newest, *quantity,
                             now, {stock->stale_total, stock->stale_as_of});
            items.push_back(std::move(item));
        }
    } else {
        catalog::SearchQuery q;
        q.buyer = buyer->key;
        q.text = std::string(params.get_any_case("SEARCHSTRING"));
        q.page_size = background_search_limit;
        q.at = now;
        q.stock_fresh_since = fresh_since;
        q.with_categories = false;
        if (!q.text.empty()) {
            auto found = catalog::search(conn, q);
            if (!found && found.error().code != catalog::Errc::invalid) {
                return failure(found.error());
            }
            const auto one = catalog::Amount::from_units(catalog::Amount::scale);
            std::uint32_t n = 0;
            for (const auto& hit : found ? found->hits : std::vector<catalog::SearchHit>{}) {
                // The hit lacks the price basis and long text the OCI fields carry.
                auto product = catalog::find_product(conn, hit.sku);
                if (!product) {
                    if (product.error().code == catalog::Errc::not_found)
                        continue;  // removed since the search read it
                    return failure(product.error());
                }
                auto item = sf::oci_item_for(line_for(*product, hit.price, one), *buyer, ++n);
                item.cust_field[4] = availability(hit.stock, true, std::nullopt, one, now,
                                                  {hit.stale_stock, hit.stale_as_of});
                items.push_back(std::move(item));
            }
        }
    }
    auto form = cxml::encode_oci(items);
    info.log("oci_status", "items");
    info.log("items", std::to_string(items.size()));
    sf::PagePolicy data_policy = policy;
    data_policy.form_origin = origin_of(hook_url);
    return sf::html_response(req, http::status::ok, no_ui_page(form.fields, hook_url), data_policy);
}

Route oci_route(const Config& config, std::function<OciEndpoint*()> oci) {
    Route route;
    route.name = "oci";
    route.path = "/oci";
    route.methods = {http::verb::get, http::verb::post};
    route.body_limit = config.form_body_limit;
    route.error = [&config](unsigned version, http::status status, std::string_view message) {
        return sf::page_error_response(config, version, status, message);
    };
    route.handler = [&config, oci](RequestInfo& info, Request&& req, Responder respond) {
        if (auto* o = oci())
            return o->handle(info, std::move(req), std::move(respond));
        respond(sf::starting_page_response(config, req));
    };
    return route;
}

}  // namespace punchout::gateway
