#include "gateway/storefront/storefront.hpp"

#include "catalog/cart.hpp"
#include "catalog/catalog_view.hpp"
#include "catalog/product.hpp"
#include "catalog/read_transaction.hpp"
#include "catalog/search.hpp"
#include "catalog/session.hpp"
#include "catalog/write_transaction.hpp"
#include "gateway/http/refusal_mapping.hpp"
#include "gateway/service/tokens.hpp"
#include "gateway/service/url_codec.hpp"
#include "gateway/storefront/cart_actions.hpp"
#include "gateway/storefront/cart_page.hpp"
#include "gateway/storefront/cart_transfer.hpp"
#include "gateway/storefront/compare_page.hpp"
#include "gateway/storefront/display_format.hpp"
#include "gateway/storefront/form_data.hpp"
#include "gateway/storefront/page_layout.hpp"
#include "gateway/storefront/page_widgets.hpp"
#include "gateway/storefront/product_page.hpp"
#include "gateway/storefront/search_page.hpp"
#include "gateway/storefront/stylesheet.hpp"

namespace punchout::gateway::storefront {
namespace {

constexpr std::string_view start_prefix = "/punchout/start/";
constexpr std::string_view shop_prefix = "/shop/";

// Keys we make are 22 URL-safe base64 characters; anything else cannot be one of ours.
bool valid_key(std::string_view key) {
    if (key.empty() || key.size() > 64)
        return false;
    for (const char c : key) {
        const bool ok = (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') ||
                        (c >= '0' && c <= '9') || c == '-' || c == '_';
        if (!ok)
            return false;
    }
    return true;
}

bool form_content_type(std::string_view type) {
    const auto semi = type.find(';');
    std::string_view mime = type.substr(0, semi);
    while (!mime.empty() && (mime.back() == ' ' || mime.back() == '\t'))
        mime.remove_suffix(1);
    constexpr std::string_view want = "application/x-www-form-urlencoded";
    if (mime.size() != want.size())
        return false;
    for (std::size_t i = 0; i < want.size(); ++i) {
        char c = mime[i];
        if (c >= 'A' && c <= 'Z')
            c = static_cast<char>(c - 'A' + 'a');
        if (c != want[i])
            return false;
    }
    return true;
}

// What the access log shows instead of the real path: the session key never, the page kind.
std::string logged_shop_path(std::string_view page) {
    if (page.rfind("/product/", 0) == 0)
        return "/shop/*/product/*";
    if (page.size() > 40)
        page = page.substr(0, 40);
    return "/shop/*" + std::string(page);
}

std::string minutes_text(std::chrono::seconds s) {
    const auto minutes = std::max<long long>(1, s.count() / 60);
    return std::to_string(minutes) + (minutes == 1 ? " minute" : " minutes");
}

std::string hours_text(std::chrono::seconds s) {
    const auto hours = s.count() / 3600;
    if (hours < 1)
        return minutes_text(s);
    return std::to_string(hours) + (hours == 1 ? " hour" : " hours");
}

}  // namespace

Storefront::Storefront(const Config& config, catalog::Database& db, Logger& logger)
    : config_(config), db_(db), logger_(logger) {}

void Storefront::handle_start(RequestInfo& info, Request&& req, Responder respond) {
    respond(start(info, req));
}

void Storefront::handle_shop(RequestInfo& info, Request&& req, Responder respond) {
    respond(shop(info, req));
}

Response Storefront::plain_page(const Request& req, http::status status, std::string_view title,
                                std::initializer_list<std::string_view> paragraphs,
                                const PagePolicy& policy) {
    return html_response(req, status, message_page(config_, title, paragraphs), policy);
}

Response Storefront::store_failure(RequestInfo& info, const Request& req, const catalog::Error& e) {
    const auto refusal = refusal_from(e, "The store could not answer");
    const auto status = answer_refusal(refusal, info, logger_).page_status;
    PagePolicy policy;
    policy.frame_anywhere = true;
    const bool busy = refusal.kind == RefusalKind::busy;
    return plain_page(
        req, status, busy ? "The store is busy" : "Something went wrong",
        {busy ? "Please try again in a moment." : "Please try again.", "Reference: " + info.id},
        policy);
}

Response Storefront::start(RequestInfo& info, const Request& req) {
    info.log_path = "/punchout/start/*";
    const std::string_view target = req.target();
    const auto path = target.substr(0, target.find('?'));
    const auto key =
        path.size() > start_prefix.size() ? path.substr(start_prefix.size()) : std::string_view();
    // Nothing is known about the buyer yet: the message may show in any buyer's frame (it
    // has no form and no link that acts).
    PagePolicy anywhere;
    anywhere.frame_anywhere = true;
    if (!valid_key(key)) {
        info.log("start", "unknown");
        return plain_page(req, http::status::not_found, "This link is not valid",
                          {"This start link is not one of ours, or it is incomplete.",
                           "Please open the supplier's catalog again from your procurement "
                           "system."},
                          anywhere);
    }
    auto conn = db_.connect();
    const auto now = catalog::now();
    auto outcome = catalog::start_session(conn, key, now);
    if (!outcome)
        return store_failure(info, req, outcome.error());
    if (!outcome->session) {
        switch (outcome->refusal) {
            case catalog::StartRefusal::already_used:
                info.log("start", "used");
                return plain_page(
                    req, http::status::gone, "This link was already used",
                    {"For your security, each link from your procurement system opens the "
                     "store once.",
                     "Please open the supplier's catalog again from your procurement system. "
                     "If you were already shopping, go back to the window where you were."},
                    anywhere);
            case catalog::StartRefusal::expired:
                info.log("start", "expired");
                return plain_page(req, http::status::gone, "This link has expired",
                                  {"Links from your procurement system open the store within " +
                                       minutes_text(config_.start_url_ttl) + ".",
                                   "Please open the supplier's catalog again from your "
                                   "procurement system."},
                                  anywhere);
            case catalog::StartRefusal::unknown:
                break;
        }
        info.log("start", "unknown");
        return plain_page(req, http::status::not_found, "This link is not valid",
                          {"This start link is not known here. It may be from another "
                           "environment or incomplete.",
                           "Please open the supplier's catalog again from your procurement "
                           "system."},
                          anywhere);
    }
    const auto& session = *outcome->session;
    info.log("start", "ok");
    info.log("session", std::to_string(session.id));
    auto buyer = catalog::find_buyer(conn, session.buyer);
    if (!buyer)
        return store_failure(info, req, buyer.error());
    ShopContext shop{config_, session, std::move(*buyer), now, 0};

    std::string destination = shop.url("/");
    if (!session.selected_item.empty()) {
        auto may_see = catalog::visible(conn, shop.buyer.key, session.selected_item);
        if (may_see && *may_see) {
            destination = product_url(shop, session.selected_item);
        } else if (const auto aisle = catalog::unspsc_prefix(session.selected_item);
                   !aisle.empty()) {
            // A Level 2 aisle or shelf link names a commodity class, not a product: land on
            // what the buyer may see of that class.
            SearchParams shelf;
            shelf.unspsc = aisle;
            destination = shelf.url(shop);
        }
    } else if (session.operation != catalog::SessionOperation::create) {
        destination = shop.url("/cart");
    }
    return redirect_response(req, destination, shop.policy());
}

Response Storefront::answer(RequestInfo& info, const Request& req, const ShopContext& shop,
                            ActionResult result) {
    for (auto& [k, v] : result.log_fields)
        info.log(k, v);
    PagePolicy policy = shop.policy();
    if (!result.redirect.empty())
        return redirect_response(req, result.redirect, policy);
    if (result.page.refusal)
        result.page.status = answer_refusal(*result.page.refusal, info, logger_).page_status;
    policy.form_origin = result.form_origin;
    policy.script_nonce = result.script_nonce;
    return html_response(req, result.page.status, std::move(result.page.html), policy);
}

Response Storefront::shop(RequestInfo& info, const Request& req) {
    const std::string_view target = req.target();
    const auto path = target.substr(0, target.find('?'));
    std::string_view rest =
        path.size() > shop_prefix.size() ? path.substr(shop_prefix.size()) : std::string_view();
    const auto slash = rest.find('/');
    const auto key = rest.substr(0, slash);
    const std::string_view page = slash == std::string_view::npos ? "" : rest.substr(slash);
    info.log_path = logged_shop_path(page);

    PagePolicy anywhere;
    anywhere.frame_anywhere = true;
    auto not_valid = [&] {
        return plain_page(req, http::status::not_found, "This store link is not valid",
                          {"The shopping session this link belongs to is not known here (it "
                           "may have been removed after it ended).",
                           "Please open the supplier's catalog again from your procurement "
                           "system."},
                          anywhere);
    };
    if (!valid_key(key))
        return not_valid();

    const bool post = req.method() == http::verb::post;
    FormData form;
    if (post) {
        if (!form_content_type(req[http::field::content_type])) {
            return plain_page(req, http::status::unsupported_media_type, "Form not accepted",
                              {"The store takes forms as application/x-www-form-urlencoded."},
                              anywhere);
        }
        form = FormData::parse(req.body());
    }
    auto conn = db_.connect();
    // One transaction per request: a page sees one snapshot of the catalog; a post takes
    // the write lock first, so two tabs posting at once cannot both return the cart.
    std::optional<catalog::ReadTransaction> read;
    std::optional<catalog::WriteTransaction> write;
    if (post) {
        auto tx = catalog::WriteTransaction::begin(conn);
        if (!tx)
            return store_failure(info, req, tx.error());
        write.emplace(std::move(*tx));
    } else {
        auto tx = catalog::ReadTransaction::begin(conn);
        if (!tx)
            return store_failure(info, req, tx.error());
        read.emplace(std::move(*tx));
    }

    const auto now = catalog::now();
    auto session = catalog::find_session(conn, key);
    if (!session) {
        if (session.error().code == catalog::Errc::not_found)
            return not_valid();
        return store_failure(info, req, session.error());
    }
    if (!session->started_at)
        return not_valid();
    auto buyer = catalog::find_buyer(conn, session->buyer);
    if (!buyer)
        return store_failure(info, req, buyer.error());
    ShopContext shop{config_, std::move(*session), std::move(*buyer), now, 0};
    info.log("session", std::to_string(shop.session.id));
    info.log("buyer", shop.buyer.id);
    const auto policy = shop.policy();

    if (!shop.buyer.enabled) {
        return plain_page(req, http::status::forbidden, "The store is not available",
                          {"Your organisation's account is disabled at this supplier."}, policy);
    }
    if (shop.session.state != catalog::SessionState::open) {
        const bool sent = shop.session.state == catalog::SessionState::transferred;
        std::string when = shop.session.closed_at
                               ? " at " + format_clock(*shop.session.closed_at, now)
                               : std::string();
        return plain_page(
            req, http::status::gone, "This shopping session has ended",
            {sent ? "Your cart was returned to your procurement system" + when + "."
                  : "You left this session" + when + " without returning a cart.",
             "To shop again, open the supplier's catalog from your procurement system."},
            policy);
    }
    if (now >= shop.session.expires_at) {
        return plain_page(req, http::status::gone, "This shopping session has expired",
                          {"A shopping session lasts " + hours_text(config_.session_ttl) + ".",
                           "Please open the supplier's catalog again from your procurement "
                           "system."},
                          policy);
    }
    auto lines = catalog::list_cart(conn, shop.session.id);
    if (!lines)
        return store_failure(info, req, lines.error());
    shop.cart_lines = lines->size();

    if (post) {
        info.log("action", std::string(page));
        if (!constant_time_equals(std::string(form.get("csrf")), shop.session.csrf_token)) {
            return answer(info, req, shop,
                          ActionResult::show(notice_page(
                              shop, http::status::forbidden, "This form was not accepted",
                              "The form did not come from this shopping session's pages (or "
                              "the page was very old). Please try again from the page.")));
        }
        const bool returns = page == "/transfer" || page == "/cancel";
        if (shop.read_only() && !returns) {
            return answer(info, req, shop,
                          ActionResult::show(notice_page(shop, http::status::forbidden,
                                                         "This cart cannot be changed",
                                                         "This cart is open for viewing only.")));
        }
        ActionResult result;
        if (page == "/cart/add") {
            result = add_to_cart(conn, shop, *lines, form);
        } else if (page == "/cart/line") {
            result = change_cart_line(conn, shop, *lines, form);
        } else if (page == "/cart/reprice") {
            result = reprice_cart(conn, shop, *lines);
        } else if (page == "/transfer") {
            result = transfer_cart(conn, shop, *lines);
        } else if (page == "/cancel") {
            result = cancel_session(conn, shop, *lines, form);
        } else {
            result = ActionResult::show(notice_page(shop, http::status::not_found, "Not found",
                                                    "Nothing is done at this address."));
        }
        // A refused or failed action changes nothing: its transaction rolls back.
        const bool done = !result.redirect.empty() ||
                          (result.page.status == http::status::ok && !result.page.refusal);
        if (done) {
            if (auto r = write->commit(); !r)
                return store_failure(info, req, r.error());
        }
        return answer(info, req, shop, std::move(result));
    }

    const auto query = FormData::from_target(target);
    if (page.empty() || page == "/" || page == "/search") {
        return answer(info, req, shop, ActionResult::show(render_search_page(conn, shop, query)));
    }
    if (page.rfind("/product/", 0) == 0) {
        const auto sku = percent_decode(page.substr(9));
        if (!sku || sku->empty()) {
            return answer(
                info, req, shop,
                ActionResult::show(notice_page(shop, http::status::not_found, "Product not found",
                                               "The product link is incomplete.")));
        }
        return answer(info, req, shop, ActionResult::show(render_product_page(conn, shop, *sku)));
    }
    if (page == "/compare") {
        return answer(info, req, shop, ActionResult::show(render_compare_page(conn, shop, query)));
    }
    if (page == "/cart") {
        return answer(info, req, shop,
                      ActionResult::show(render_cart_page(conn, shop, *lines, query)));
    }
    if (page == "/cancel" && !shop.read_only()) {
        return answer(info, req, shop, ActionResult::show(render_cancel_page(shop)));
    }
    return answer(info, req, shop,
                  ActionResult::show(notice_page(shop, http::status::not_found, "Page not found",
                                                 "There is no page at this address.")));
}

Response stylesheet_response(const Request& req) {
    PagePolicy policy;
    policy.cacheable = true;
    policy.frame_anywhere = true;
    const std::string etag = "\"" + std::string(stylesheet_version()) + "\"";
    if (req[http::field::if_none_match] == etag) {
        auto res = make_response(req, http::status::not_modified, "text/css; charset=utf-8", "");
        res.set(http::field::etag, etag);
        res.set(http::field::cache_control, "public, max-age=86400");
        return res;
    }
    auto res =
        make_response(req, http::status::ok, "text/css; charset=utf-8", std::string(stylesheet()));
    res.set(http::field::etag, etag);
    res.set(http::field::cache_control, "public, max-age=86400");
    res.set("X-Content-Type-Options", "nosniff");
    return res;
}

Response page_error_response(const Config& config, unsigned version, http::status status,
                             std::string_view message) {
    PagePolicy policy;
    policy.frame_anywhere = true;
    Request req{http::verb::get, "/", version};
    auto res = html_response(
        req, status, message_page(config, "The request was not accepted", {message}), policy);
    res.keep_alive(false);
    return res;
}

Response starting_page_response(const Config& config, const Request& req) {
    auto res = page_error_response(config, req.version(), http::status::service_unavailable,
                                   "The store is starting; please try again in a moment.");
    res.set(http::field::retry_after, "2");
    return res;
}

std::vector<Route> storefront_routes(const Config& config,
                                     std::function<Storefront*()> storefront) {
    // Errors the transport finds (a body too large, too slow) answered as a page.
    auto page_error = [&config](unsigned version, http::status status, std::string_view message) {
        return page_error_response(config, version, status, message);
    };
    auto starting = [&config](const Request& req) { return starting_page_response(config, req); };

    std::vector<Route> routes;
    Route start;
    start.name = "punchout_start";
    start.path = "/punchout/start";
    start.prefix = true;
    start.methods = {http::verb::get};
    start.error = page_error;
    start.handler = [storefront, starting](RequestInfo& info, Request&& req, Responder respond) {
        info.log_path = "/punchout/start/*";
        if (auto* s = storefront())
            return s->handle_start(info, std::move(req), std::move(respond));
        respond(starting(req));
    };
    routes.push_back(std::move(start));

    Route shop;
    shop.name = "storefront";
    shop.path = "/shop";
    shop.prefix = true;
    shop.methods = {http::verb::get, http::verb::post};
    shop.body_limit = config.form_body_limit;
    shop.error = page_error;
    shop.handler = [storefront, starting](RequestInfo& info, Request&& req, Responder respond) {
        info.log_path = "/shop/*";
        if (auto* s = storefront())
            return s->handle_shop(info, std::move(req), std::move(respond));
        respond(starting(req));
    };
    routes.push_back(std::move(shop));

    Route css;
    css.name = "static";
    css.path = "/static/storefront.css";
    css.methods = {http::verb::get};
    css.handler = [](RequestInfo&, Request&& req, Responder respond) {
        respond(stylesheet_response(req));
    };
    routes.push_back(std::move(css));
    return routes;
}

}  // namespace punchout::gateway::storefront
