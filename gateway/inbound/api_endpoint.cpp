#include "gateway/inbound/api_endpoint.hpp"

#include "catalog/buyer.hpp"
#include "catalog/idempotency.hpp"
#include "catalog/order_feed.hpp"
#include "catalog/price_batch.hpp"
#include "catalog/product.hpp"
#include "catalog/product_batch.hpp"
#include "catalog/read_transaction.hpp"
#include "catalog/stock_batch.hpp"
#include "cxml/digest.hpp"
#include "gateway/inbound/api_fulfilment_body.hpp"
#include "gateway/inbound/api_openapi.hpp"
#include "gateway/inbound/api_price_body.hpp"
#include "gateway/inbound/api_product_body.hpp"
#include "gateway/inbound/api_stock_body.hpp"
#include "gateway/service/idempotent_write.hpp"
#include "gateway/service/order_actions.hpp"
#include "gateway/service/order_json.hpp"
#include "gateway/service/stock_updates.hpp"
#include "gateway/service/url_codec.hpp"
#include "gateway/storefront/form_data.hpp"

#include <algorithm>
#include <array>
#include <cctype>
#include <charconv>
#include <exception>
#include <map>
#include <nlohmann/json.hpp>
#include <string>
#include <variant>
#include <vector>

#include <boost/asio/ip/address.hpp>

namespace punchout::gateway {
namespace {

using catalog::ApiScope;
using nlohmann::json;

constexpr std::string_view openapi_path = "/api/v1/openapi.json";

constexpr std::array<ApiRoute, 13> routes{{
    {http::verb::get, openapi_path, std::nullopt, ApiOperation::openapi},
    {http::verb::put, "/api/v1/stock", ApiScope::stock, ApiOperation::put_stock},
    {http::verb::put, "/api/v1/prices", ApiScope::prices, ApiOperation::put_prices},
    {http::verb::delete_, "/api/v1/prices", ApiScope::prices, ApiOperation::delete_prices},
    {http::verb::put, "/api/v1/products", ApiScope::catalog, ApiOperation::put_products},
    {http::verb::delete_, "/api/v1/products/{sku}", ApiScope::catalog,
     ApiOperation::delete_product},
    {http::verb::get, "/api/v1/orders", ApiScope::orders, ApiOperation::list_orders},
    {http::verb::get, "/api/v1/orders/{id}", ApiScope::orders, ApiOperation::get_order},
    {http::verb::get, "/api/v1/orders/{id}/attachments/{content_id}", ApiScope::orders,
     ApiOperation::get_attachment},
    {http::verb::post, "/api/v1/orders/{id}/confirm", ApiScope::fulfilment, ApiOperation::confirm},
    {http::verb::post, "/api/v1/orders/{id}/ship", ApiScope::fulfilment, ApiOperation::ship},
    {http::verb::post, "/api/v1/orders/{id}/invoice", ApiScope::fulfilment, ApiOperation::invoice},
    {http::verb::post, "/api/v1/orders/{id}/status", ApiScope::fulfilment,
     ApiOperation::status_update},
}};

// The order feed's page size: the default and the most one request may ask for.
constexpr std::size_t default_feed_limit = 100;
constexpr std::size_t max_feed_limit = 500;

std::string_view path_of(std::string_view target) {
    return target.substr(0, target.find('?'));
}

std::vector<std::string_view> segments(std::string_view path) {
    std::vector<std::string_view> out;
    std::size_t pos = 0;
    while (pos <= path.size()) {
        const auto slash = path.find('/', pos);
        const auto end = slash == std::string_view::npos ? path.size() : slash;
        out.push_back(path.substr(pos, end - pos));
        pos = end + 1;
    }
    return out;
}

// Whether `path` fits the template `pattern`; the segments its `{name}` parts matched.
std::optional<std::vector<std::string>> match(std::string_view pattern, std::string_view path) {
    const auto want = segments(pattern);
    const auto got = segments(path);
    if (want.size() != got.size())
        return std::nullopt;
    std::vector<std::string> params;
    for (std::size_t i = 0; i < want.size(); ++i) {
        if (want[i].size() > 2 && want[i].front() == '{' && want[i].back() == '}') {
            if (got[i].empty())
                return std::nullopt;
            params.emplace_back(got[i]);
        } else if (want[i] != got[i]) {
            return std::nullopt;
        }
    }
    return params;
}

bool loopback(const std::string& address) {
    boost::system::error_code ec;
    const auto a = boost::asio::ip::make_address(address, ec);
    return !ec && a.is_loopback();
}

// An RFC 9457 problem document. `errors` lists what is wrong with each field or row.
std::string problem_body(http::status status, std::string_view detail, json errors = json()) {
    json body{{"type", "about:blank"},
              {"title", std::string(http::obsolete_reason(status))},
              {"status", static_cast<unsigned>(status)},
              {"detail", std::string(detail)}};
    if (!errors.is_null())
        body["errors"] = std::move(errors);
    return body.dump(2) + "\n";
}

Response problem(const Request& req, http::status status, std::string detail,
                 json errors = json()) {
    return make_response(req, status, "application/problem+json",
                         problem_body(status, detail, std::move(errors)));
}

json field_error(std::string field, std::string message, std::optional<std::size_t> index = {}) {
    json e{{"field", std::move(field)}, {"message", std::move(message)}};
    if (index)
        e["index"] = *index;
    return e;
}

Response body_problem(const Request& req, const ApiBodyError& e) {
    if (e.malformed) {
        return problem(req, http::status::bad_request,
                       "the body is not well-formed JSON; nothing was changed");
    }
    return problem(req, http::status::bad_request,
                   (e.field.empty() ? "" : e.field + " ") + e.message + "; nothing was changed",
                   json::array({field_error(e.field, e.message)}));
}

Response json_response(const Request& req, http::status status, const json& body) {
    return make_response(req, status, "application/json", body.dump(2) + "\n");
}

// A write needs a key the client sends again unchanged when it retries.
std::optional<Response> missing_key(const Request& req) {
    const auto key = req["Idempotency-Key"];
    if (!key.empty() && key.size() <= catalog::max_idempotency_key)
        return std::nullopt;
    return problem(req, http::status::bad_request,
                   "a write needs an Idempotency-Key header: a string of 1-" +
                       std::to_string(catalog::max_idempotency_key) +
                       " bytes unique to this request, sent again unchanged on a retry; "
                       "nothing was changed");
}

IdempotentRequest idempotent_request(const Request& req, const catalog::ApiClient& client) {
    return {client.key, std::string(req["Idempotency-Key"]),
            cxml::sha256_hex(std::string(req.method_string()) + " " + std::string(req.target()) +
                             "\n" + req.body())};
}

Response no_order(const Request& req, const std::string& id) {
    return problem(
        req, http::status::not_found,
        "there is no order " + id + " (the id is the \"id\" of an order in GET /api/v1/orders)");
}

Response key_reused(const Request& req) {
    return problem(req, http::status::unprocessable_entity,
                   "Idempotency-Key '" + std::string(req["Idempotency-Key"]) +
                       "' was used for another request; give each write its own key. "
                       "Nothing was changed");
}

// Rows the store refused: every one, with its index and field, and nothing changed.
Response rows_refused(const Request& req, const std::vector<catalog::BatchRowProblem>& problems,
                      std::size_t rows) {
    json errors = json::array();
    for (const auto& p : problems) {
        errors.push_back(
            field_error("items[" + std::to_string(p.index) + "]." + p.field, p.message, p.index));
    }
    return problem(req, http::status::unprocessable_entity,
                   std::to_string(problems.size()) + " of " + std::to_string(rows) +
                       " rows cannot be applied; nothing was changed",
                   std::move(errors));
}

Response replayed(RequestInfo& info, const Request& req, int status, const std::string& body) {
    info.log("idempotent_replay", "true");
    auto res = make_response(req, static_cast<http::status>(status), "application/json", body);
    res.set("Idempotent-Replayed", "true");
    return res;
}

// A store refusal as the client should see it; nullopt for failures of the store itself.
std::optional<Response> refusal(const Request& req, const catalog::Error& e) {
    switch (e.code) {
        case catalog::Errc::invalid:
            return problem(req, http::status::unprocessable_entity,
                           e.message + "; nothing was changed");
        case catalog::Errc::not_found:
            return problem(req, http::status::not_found, e.message);
        case catalog::Errc::constraint:
            return problem(req, http::status::conflict, e.message + "; nothing was changed");
        case catalog::Errc::in_progress: {
            // A catalog import builds for seconds to minutes: the client retries later, not at
            // once.
            auto res = problem(req, http::status::conflict,
                               e.message +
                                   "; nothing was changed, send the request again with "
                                   "the same Idempotency-Key after Retry-After seconds");
            res.set(http::field::retry_after, "10");
            return res;
        }
        case catalog::Errc::busy: {
            auto res = problem(req, http::status::service_unavailable,
                               "the store is busy; nothing was changed, send the request again "
                               "with the same Idempotency-Key");
            res.set(http::field::retry_after, "1");
            return res;
        }
        default:
            return std::nullopt;
    }
}

std::optional<std::int64_t> positive_number(std::string_view text) {
    std::int64_t n = 0;
    const auto [end, ec] = std::from_chars(text.data(), text.data() + text.size(), n);
    if (ec != std::errc() || end != text.data() + text.size() || text.empty() || n < 0)
        return std::nullopt;
    return n;
}

// Buyer ids by key, looked up once per request.
class BuyerIds {
public:
    explicit BuyerIds(catalog::Connection& conn) : conn_(conn) {}
    const std::string& id(catalog::BuyerKey key) {
        auto [it, fresh] = ids_.try_emplace(key.value);
        if (fresh) {
            auto b = catalog::find_buyer(conn_, key);
            if (!b)
                throw std::runtime_error(b.error().message);
            it->second = b->id;
        }
        return it->second;
    }

private:
    catalog::Connection& conn_;
    std::map<std::int64_t, std::string> ids_;
};

// A fulfilment action made of its request body, or what is wrong with the body.
struct ActionPlan {
    std::function<catalog::Result<ActionResult>(catalog::Connection&)> act;
    std::string action;
    std::optional<ApiBodyError> bad;
};

template <class Body, class Act>
ActionPlan plan_action(std::variant<Body, ApiBodyError> read, std::string action, Act act) {
    if (auto* e = std::get_if<ApiBodyError>(&read))
        return {{}, std::move(action), *e};
    return {[act, body = std::get<Body>(std::move(read))](catalog::Connection& conn) {
                return act(conn, body);
            },
            std::move(action), std::nullopt};
}

}  // namespace

struct ApiEndpoint::Call {
    RequestInfo& info;
    const Request& req;
    const ApiRoute& route;
    std::vector<std::string> params;
    catalog::ApiClient client;
};

std::span<const ApiRoute> api_routes() noexcept {
    return routes;
}

ApiEndpoint::ApiEndpoint(const Config& config, catalog::Database& db, Logger& logger)
    : config_(config),
      db_(db),
      logger_(logger),
      workers_(config.api_workers, config.api_queue, config.api_nice) {}

std::optional<std::chrono::system_clock::time_point> ApiEndpoint::last_write() const noexcept {
    const auto ns = last_write_ns_.load(std::memory_order_relaxed);
    if (ns == 0)
        return std::nullopt;
    return std::chrono::system_clock::time_point(
        std::chrono::duration_cast<std::chrono::system_clock::duration>(
            std::chrono::nanoseconds(ns)));
}

void ApiEndpoint::wrote() noexcept {
    last_write_ns_.store(std::chrono::duration_cast<std::chrono::nanoseconds>(
                             std::chrono::system_clock::now().time_since_epoch())
                             .count(),
                         std::memory_order_relaxed);
}

struct ApiEndpoint::Pending {
    Request req;
    Responder respond;
    std::optional<Call> call;
};

Response ApiEndpoint::failed(const RequestInfo& info, const Request& req, const std::exception& e) {
    logger_.write(LogLine("error", "api_failed").add("id", info.id).add("what", e.what()));
    return problem(
        req, http::status::internal_server_error,
        "the request could not be answered; nothing was changed (reference " + info.id + ")");
}

void ApiEndpoint::handle(RequestInfo& info, Request&& req, Responder respond) {
    // The session keeps `info` (and itself, through `respond`) until respond is called, and
    // reads nothing more from the connection before then.
    auto pending = std::make_shared<Pending>(Pending{std::move(req), std::move(respond), {}});
    // The route, the token, the scope and the rate limit here, on the I/O thread: they cost
    // one indexed read and a hash, and a caller refused by them never takes a place in the
    // queue (nor a second connection from the pool).
    try {
        auto admitted = admit(info, pending->req);
        if (auto* answered = std::get_if<Response>(&admitted))
            return pending->respond(std::move(*answered));
        pending->call.emplace(std::move(std::get<Call>(admitted)));
    } catch (const std::exception& e) {
        return pending->respond(failed(info, pending->req, e));
    }
    const bool taken = workers_.try_post([this, pending]() noexcept {
        Response res;
        try {
            res = perform(*pending->call);
        } catch (const std::exception& e) {
            res = failed(pending->call->info, pending->req, e);
        }
        pending->respond(std::move(res));
    });
    if (taken)
        return;
    auto res = problem(pending->req, http::status::service_unavailable,
                       "the API has " + std::to_string(config_.api_queue) +
                           " calls waiting already; try again after Retry-After seconds");
    res.set(http::field::retry_after, "1");
    pending->respond(std::move(res));
}

std::variant<Response, ApiEndpoint::Call> ApiEndpoint::admit(RequestInfo& info,
                                                             const Request& req) {
    const std::string_view path = path_of(req.target());
    const ApiRoute* route = nullptr;
    std::vector<std::string> params;
    std::string allowed;
    for (const auto& r : routes) {
        auto matched = match(r.path, path);
        if (!matched)
            continue;
        allowed += (allowed.empty() ? "" : ", ") + std::string(http::to_string(r.method));
        if (r.method == req.method()) {
            route = &r;
            params = std::move(*matched);
        }
    }
    if (allowed.empty()) {
        return problem(req, http::status::not_found,
                       "there is no API route " + std::string(path) + "; " +
                           std::string(openapi_path) + " lists them");
    }
    if (!route) {
        auto res = problem(
            req, http::status::method_not_allowed,
            std::string(path) + " takes " + allowed + ", not " + std::string(req.method_string()));
        res.set(http::field::allow, allowed);
        return res;
    }
    if (!route->scope)
        return make_response(req, http::status::ok, "application/json",
                             std::string(api_openapi_document()));
    // A bearer token in clear text crosses only the machine itself.
    if (!info.tls && !loopback(info.remote)) {
        return problem(req, http::status::forbidden,
                       "the integration API is served over HTTPS only (plain HTTP from "
                       "loopback alone); call it at the gateway's https:// address");
    }

    const auto header = req[http::field::authorization];
    auto unauthorized = [&](std::string detail, const char* error) {
        auto res = problem(req, http::status::unauthorized, std::move(detail));
        res.set(http::field::www_authenticate,
                std::string("Bearer realm=\"punchout-api\"") +
                    (error ? std::string(", error=\"") + error + "\"" : ""));
        return res;
    };
    constexpr std::string_view scheme = "bearer ";
    if (header.empty())
        return unauthorized("no Authorization header: send Authorization: Bearer <token>", nullptr);
    std::string lowered(header.substr(0, std::min(header.size(), scheme.size())));
    for (auto& c : lowered)
        c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
    if (lowered != scheme) {
        return unauthorized(
            "the Authorization header is not a bearer token: send "
            "Authorization: Bearer <token>",
            "invalid_request");
    }
    std::string_view token = header.substr(scheme.size());
    while (!token.empty() && token.front() == ' ')
        token.remove_prefix(1);
    auto conn = db_.connect();
    auto client = catalog::authenticate_api_client(conn, token);
    if (!client) {
        if (client.error().code != catalog::Errc::not_found)
            throw std::runtime_error(client.error().message);
        return unauthorized(
            "the token is not valid (mistyped, or replaced by `punchoutctl "
            "api-client rotate`)",
            "invalid_token");
    }
    info.log("api_client", client->id);
    if (!client->enabled) {
        return unauthorized("API client '" + client->id +
                                "' is disabled (punchoutctl "
                                "api-client enable " +
                                client->id + ")",
                            "invalid_token");
    }
    if (!client->scopes.has(*route->scope)) {
        const std::string scope(catalog::to_string(*route->scope));
        auto res =
            problem(req, http::status::forbidden,
                    "API client '" + client->id + "' has no '" + scope + "' scope, which " +
                        std::string(req.method_string()) + " " + std::string(route->path) +
                        " needs (punchoutctl api-client set " + client->id + " --scope ...)");
        res.set(
            http::field::www_authenticate,
            "Bearer realm=\"punchout-api\", error=\"insufficient_scope\", scope=\"" + scope + "\"");
        return res;
    }
    if (int wait = limits_.take(client->key.value, client->rate_limit)) {
        auto res = problem(req, http::status::too_many_requests,
                           "API client '" + client->id + "' is over its limit of " +
                               std::to_string(client->rate_limit) +
                               " requests per second; try again after Retry-After seconds");
        res.set(http::field::retry_after, std::to_string(wait));
        return res;
    }
    return Call{info, req, *route, std::move(params), std::move(*client)};
}

Response ApiEndpoint::perform(Call& call) {
    switch (call.route.operation) {
        case ApiOperation::put_stock:
            return put_stock(call);
        case ApiOperation::put_prices:
        case ApiOperation::delete_prices:
            return write_prices(call);
        case ApiOperation::put_products:
            return put_products(call);
        case ApiOperation::delete_product:
            return delete_product(call);
        case ApiOperation::list_orders:
            return list_orders(call);
        case ApiOperation::get_order:
            return get_order(call);
        case ApiOperation::get_attachment:
            return get_attachment(call);
        case ApiOperation::confirm:
        case ApiOperation::ship:
        case ApiOperation::invoice:
        case ApiOperation::status_update:
            return fulfil(call);
        case ApiOperation::openapi:
            break;
    }
    throw std::logic_error("API route without an operation");
}

Response ApiEndpoint::put_stock(Call& call) {
    const auto& req = call.req;
    if (auto refused = missing_key(req))
        return *refused;
    auto read = read_stock_body(req.body());
    if (const auto* e = std::get_if<ApiBodyError>(&read))
        return body_problem(req, *e);
    const auto& rows = std::get<std::vector<catalog::StockUpdate>>(read);
    const auto idem = idempotent_request(req, call.client);
    StockRequest request{idem.client, idem.key, idem.request_hash, rows};
    auto render = [&](const catalog::StockBatchResult& result) {
        json stale = json::array();
        for (const auto& s : result.stale) {
            const auto& row = rows[s.index];
            stale.push_back({{"index", s.index},
                             {"sku", row.sku},
                             {"warehouse", row.warehouse},
                             {"as_of", catalog::format_timestamp(row.as_of)},
                             {"stored_as_of", catalog::format_timestamp(s.stored_as_of)}});
        }
        return json{{"applied", result.applied},
                    {"unchanged", result.unchanged},
                    {"ignored_as_older", std::move(stale)}}
                   .dump(2) +
               "\n";
    };
    auto conn = db_.connect();
    auto answer = update_stock(conn, request, render);
    if (!answer) {
        if (auto r = refusal(req, answer.error()))
            return *r;
        throw std::runtime_error(answer.error().message);
    }
    call.info.log("rows", std::to_string(rows.size()));
    switch (answer->kind) {
        case StockAnswer::Kind::key_reused:
            return key_reused(req);
        case StockAnswer::Kind::rows_refused:
            return rows_refused(req, answer->result.problems, rows.size());
        case StockAnswer::Kind::replayed:
            return replayed(call.info, req, answer->status, answer->body);
        case StockAnswer::Kind::applied:
            wrote();
            break;
    }
    return make_response(req, http::status::ok, "application/json", answer->body);
}

Response ApiEndpoint::written(Call& call, const IdempotentOutcome& outcome) {
    switch (outcome.kind) {
        case IdempotentOutcome::Kind::key_reused:
            return key_reused(call.req);
        case IdempotentOutcome::Kind::replayed:
            return replayed(call.info, call.req, outcome.answer.status, outcome.answer.body);
        case IdempotentOutcome::Kind::applied:
            wrote();
            break;
    }
    return make_response(call.req, static_cast<http::status>(outcome.answer.status),
                         "application/json", outcome.answer.body);
}

Response ApiEndpoint::written(Call& call, const catalog::Result<IdempotentOutcome>& outcome,
                              const std::vector<catalog::BatchRowProblem>* refused,
                              std::size_t rows) {
    if (outcome)
        return written(call, *outcome);
    if (refused)
        return rows_refused(call.req, *refused, rows);
    if (auto r = refusal(call.req, outcome.error()))
        return *r;
    throw std::runtime_error(outcome.error().message);
}

template <class Apply, class Render>
Response ApiEndpoint::write_batch(Call& call, std::size_t rows, Apply&& apply, Render&& render) {
    auto conn = db_.connect();
    std::optional<std::vector<catalog::BatchRowProblem>> refused;
    auto outcome = write_once(conn, idempotent_request(call.req, call.client),
                              catalog::Durability::normal, [&]() -> catalog::Result<WriteAnswer> {
                                  auto r = apply(conn);
                                  if (!r)
                                      return r.error();
                                  if (!r->problems.empty()) {
                                      refused = std::move(r->problems);
                                      return catalog::Error{catalog::Errc::invalid, "rows refused"};
                                  }
                                  return WriteAnswer{200, json(render(*r)).dump(2) + "\n"};
                              });
    call.info.log("rows", std::to_string(rows));
    return written(call, outcome, refused ? &*refused : nullptr, rows);
}

Response ApiEndpoint::write_prices(Call& call) {
    const auto& req = call.req;
    if (auto refused = missing_key(req))
        return *refused;
    const bool put = call.route.operation == ApiOperation::put_prices;
    std::vector<catalog::PriceUpdate> updates;
    std::vector<catalog::PriceKey> keys;
    if (put) {
        auto read = read_price_body(req.body());
        if (const auto* e = std::get_if<ApiBodyError>(&read))
            return body_problem(req, *e);
        updates = std::get<std::vector<catalog::PriceUpdate>>(std::move(read));
    } else {
        auto read = read_price_keys_body(req.body());
        if (const auto* e = std::get_if<ApiBodyError>(&read))
            return body_problem(req, *e);
        keys = std::get<std::vector<catalog::PriceKey>>(std::move(read));
    }
    return write_batch(
        call, put ? updates.size() : keys.size(),
        [&](catalog::Connection& conn) {
            return put ? catalog::apply_price_batch(conn, updates)
                       : catalog::delete_prices(conn, keys);
        },
        [&](const catalog::PriceBatchResult& r) {
            return put ? json{{"inserted", r.inserted},
                              {"updated", r.updated},
                              {"unchanged", r.unchanged}}
                       : json{{"deleted", r.deleted}, {"absent", r.absent}};
        });
}

Response ApiEndpoint::put_products(Call& call) {
    const auto& req = call.req;
    if (auto refused = missing_key(req))
        return *refused;
    auto read = read_product_body(req.body());
    if (const auto* e = std::get_if<ApiBodyError>(&read))
        return body_problem(req, *e);
    const auto rows = std::get<std::vector<catalog::ProductUpdate>>(std::move(read));
    return write_batch(
        call, rows.size(),
        [&](catalog::Connection& conn) {
            return catalog::apply_product_batch(conn, rows, catalog::now());
        },
        [](const catalog::ProductBatchResult& r) {
            return json{
                {"inserted", r.inserted}, {"updated", r.updated}, {"unchanged", r.unchanged}};
        });
}

Response ApiEndpoint::delete_product(Call& call) {
    const auto& req = call.req;
    if (auto refused = missing_key(req))
        return *refused;
    const auto sku = percent_decode(call.params.at(0));
    if (!sku)
        return problem(req, http::status::bad_request,
                       "the SKU in the path is not valid percent-encoding; nothing was changed");
    if (!req.body().empty())
        return problem(req, http::status::bad_request,
                       "DELETE /api/v1/products/{sku} takes no body; nothing was changed");
    auto conn = db_.connect();
    auto outcome = write_once(conn, idempotent_request(req, call.client),
                              catalog::Durability::normal, [&]() -> catalog::Result<WriteAnswer> {
                                  if (auto r = catalog::delete_product(conn, *sku); !r)
                                      return r.error();
                                  return WriteAnswer{200, json{{"deleted", *sku}}.dump(2) + "\n"};
                              });
    return written(call, outcome);
}

Response ApiEndpoint::list_orders(Call& call) {
    const auto& req = call.req;
    const auto query = storefront::FormData::from_target(req.target());
    for (const auto& f : query.fields()) {
        if (f.name != "after" && f.name != "limit" && f.name != "mode") {
            return problem(req, http::status::bad_request,
                           "'" + f.name + "' is not a parameter of " +
                               std::string(call.route.path) +
                               " (the parameters are after, limit, mode)",
                           json::array({field_error(f.name, "is not a parameter here")}));
        }
    }
    std::int64_t after = 0;
    if (query.has("after")) {
        const auto n = positive_number(query.get("after"));
        if (!n) {
            return problem(
                req, http::status::bad_request,
                "after '" + std::string(query.get("after")) +
                    "' is not a cursor: send the next_cursor of the page before, or leave it out "
                    "to start from the first order",
                json::array({field_error("after", "is not a cursor")}));
        }
        after = *n;
    }
    std::size_t limit = default_feed_limit;
    if (query.has("limit")) {
        const auto n = positive_number(query.get("limit"));
        if (!n || *n < 1 || *n > static_cast<std::int64_t>(max_feed_limit)) {
            const std::string message =
                "must be a whole number from 1 to " + std::to_string(max_feed_limit);
            return problem(req, http::status::bad_request, "limit " + message,
                           json::array({field_error("limit", message)}));
        }
        limit = static_cast<std::size_t>(*n);
    }
    std::optional<catalog::DeploymentMode> mode;
    if (query.has("mode")) {
        mode = catalog::parse_deployment_mode(query.get("mode"));
        if (!mode) {
            return problem(req, http::status::bad_request, "mode must be production or test",
                           json::array({field_error("mode", "must be production or test")}));
        }
    }
    auto conn = db_.connect();
    // One snapshot: every order shows as it was when the page was read.
    auto snapshot = catalog::ReadTransaction::begin(conn);
    if (!snapshot)
        throw std::runtime_error(snapshot.error().message);
    auto entries = catalog::order_feed(conn, after, limit + 1, mode);
    if (!entries)
        throw std::runtime_error(entries.error().message);
    const bool more = entries->size() > limit;
    if (more)
        entries->resize(limit);
    BuyerIds buyers(conn);
    json events = json::array();
    for (const auto& e : *entries) {
        auto order = catalog::find_order(conn, e.order_pk);
        auto files = catalog::order_attachments(conn, e.order_pk);
        if (!order || !files)
            throw std::runtime_error(!order ? order.error().message : files.error().message);
        events.push_back(order_event_json(e, order_json(*order, buyers.id(order->buyer), *files)));
    }
    const std::int64_t next = entries->empty() ? after : entries->back().cursor;
    call.info.log("events", std::to_string(entries->size()));
    return json_response(
        req, http::status::ok,
        {{"events", std::move(events)}, {"next_cursor", std::to_string(next)}, {"has_more", more}});
}

Response ApiEndpoint::get_order(Call& call) {
    const auto& req = call.req;
    auto conn = db_.connect();
    auto snapshot = catalog::ReadTransaction::begin(conn);
    if (!snapshot)
        throw std::runtime_error(snapshot.error().message);
    const auto pk = positive_number(call.params.at(0));
    auto order = pk ? catalog::find_order(conn, *pk)
                    : catalog::Result<catalog::Order>(catalog::Error{catalog::Errc::not_found, ""});
    if (!order) {
        if (order.error().code != catalog::Errc::not_found)
            throw std::runtime_error(order.error().message);
        return no_order(req, call.params.at(0));
    }
    auto files = catalog::order_attachments(conn, order->pk);
    if (!files)
        throw std::runtime_error(files.error().message);
    BuyerIds buyers(conn);
    return json_response(req, http::status::ok,
                         order_json(*order, buyers.id(order->buyer), *files));
}

Response ApiEndpoint::get_attachment(Call& call) {
    const auto& req = call.req;
    const auto pk = positive_number(call.params.at(0));
    const auto cid = percent_decode(call.params.at(1));
    auto conn = db_.connect();
    auto file = pk && cid ? catalog::find_attachment(conn, *pk, *cid)
                          : catalog::Result<catalog::OrderAttachment>(
                                catalog::Error{catalog::Errc::not_found, ""});
    if (!file) {
        if (file.error().code != catalog::Errc::not_found)
            throw std::runtime_error(file.error().message);
        return problem(req, http::status::not_found,
                       "order " + call.params.at(0) + " has no attachment '" +
                           cid.value_or(call.params.at(1)) +
                           "' (its attachments are listed with the order)");
    }
    auto res =
        make_response(req, http::status::ok,
                      file->content_type.empty() ? "application/octet-stream" : file->content_type,
                      std::move(file->content));
    // The bytes are the buyer's: never let a browser run them as a page of ours.
    res.set("X-Content-Type-Options", "nosniff");
    res.set(http::field::content_disposition, "attachment");
    return res;
}

Response ApiEndpoint::fulfil(Call& call) {
    const auto& req = call.req;
    if (auto refused = missing_key(req))
        return *refused;
    const auto pk = positive_number(call.params.at(0));
    if (!pk) {
        return no_order(req, call.params.at(0));
    }
    // Each action is the service layer's, as punchoutctl runs it: the change and the
    // document for the buyer in one transaction, inside the one that keeps the answer.
    const auto at = catalog::now();
    const auto& supplier = config_.supplier;
    const auto plan = [&]() -> ActionPlan {
        const auto body = req.body();
        switch (call.route.operation) {
            case ApiOperation::confirm:
                return plan_action(read_confirm_body(body), "confirmation",
                                   [&](catalog::Connection& c, const ConfirmationDecision& d) {
                                       return confirm_order(c, supplier, *pk, d, at);
                                   });
            case ApiOperation::ship:
                return plan_action(read_ship_body(body), "shipment",
                                   [&](catalog::Connection& c, const catalog::NewShipment& s) {
                                       return ship_order(c, supplier, *pk, s, at);
                                   });
            case ApiOperation::invoice:
                return plan_action(read_invoice_body(body), "invoice",
                                   [&](catalog::Connection& c, const catalog::NewInvoice& in) {
                                       return invoice_order(c, supplier, *pk, in, at);
                                   });
            default:
                return plan_action(read_status_body(body), "status update",
                                   [&](catalog::Connection& c, const StatusUpdateBody& s) {
                                       return send_status_update(c, supplier, *pk, s.code,
                                                                 s.message, at);
                                   });
        }
    }();
    if (plan.bad)
        return body_problem(req, *plan.bad);
    const auto& act = plan.act;
    const auto& action = plan.action;

    auto conn = db_.connect();
    std::optional<catalog::Error> refused;
    auto outcome = write_once(
        conn, idempotent_request(req, call.client), catalog::Durability::full,
        [&]() -> catalog::Result<WriteAnswer> {
            auto done = act(conn);
            if (!done) {
                refused = done.error();
                return done.error();
            }
            BuyerIds buyers(conn);
            return WriteAnswer{
                200, action_json(*done, buyers.id(done->order.buyer), action).dump(2) + "\n"};
        });
    if (!outcome) {
        if (refused && refused->code == catalog::Errc::not_found) {
            return no_order(req, call.params.at(0));
        }
        if (auto r = refusal(req, outcome.error()))
            return *r;
        throw std::runtime_error(outcome.error().message);
    }
    call.info.log("order", std::to_string(*pk));
    return written(call, *outcome);
}

Route api_route(std::function<ApiEndpoint*()> api,
                std::function<bool(const RequestInfo&)> reachable) {
    Route route;
    route.name = "api";
    route.path = "/api/v1";
    route.prefix = true;
    route.methods = {};  // any: the endpoint answers 405 with a problem document
    route.body_limit = api_body_limit;
    route.handler = [api, reachable](RequestInfo& info, Request&& req, Responder respond) {
        if (!reachable(info)) {
            // Kept off this address by `[api] listen`: the same answer as any unknown path.
            return respond(make_response(req, http::status::not_found, "text/plain; charset=utf-8",
                                         "Not found: nothing is served at this address.\n"));
        }
        if (auto* a = api())
            return a->handle(info, std::move(req), std::move(respond));
        auto res = problem(req, http::status::service_unavailable,
                           "the gateway is starting; try again in a moment");
        res.set(http::field::retry_after, "1");
        respond(std::move(res));
    };
    route.error = [](unsigned version, http::status status, std::string_view message) {
        return make_response(version, false, status, "application/problem+json",
                             problem_body(status, message));
    };
    return route;
}

}  // namespace punchout::gateway
