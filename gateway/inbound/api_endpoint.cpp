#include "gateway/inbound/api_endpoint.hpp"

#include "catalog/idempotency.hpp"
#include "catalog/stock_batch.hpp"
#include "cxml/digest.hpp"
#include "gateway/inbound/api_openapi.hpp"
#include "gateway/inbound/api_stock_body.hpp"
#include "gateway/service/stock_updates.hpp"

#include <algorithm>
#include <array>
#include <cctype>
#include <exception>
#include <nlohmann/json.hpp>
#include <string>

#include <boost/asio/ip/address.hpp>

namespace punchout::gateway {
namespace {

using catalog::ApiScope;
using nlohmann::json;

constexpr std::string_view openapi_path = "/api/v1/openapi.json";
constexpr std::string_view stock_path = "/api/v1/stock";

constexpr std::array<ApiRoute, 2> routes{{
    {http::verb::get, openapi_path, std::nullopt},
    {http::verb::put, stock_path, ApiScope::stock},
}};

std::string_view path_of(std::string_view target) {
    return target.substr(0, target.find('?'));
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

}  // namespace

std::span<const ApiRoute> api_routes() noexcept {
    return routes;
}

ApiEndpoint::ApiEndpoint(const Config& config, catalog::Database& db, Logger& logger)
    : config_(config), db_(db), logger_(logger) {}

std::optional<std::chrono::system_clock::time_point> ApiEndpoint::last_write() const noexcept {
    const auto ns = last_write_ns_.load(std::memory_order_relaxed);
    if (ns == 0)
        return std::nullopt;
    return std::chrono::system_clock::time_point(
        std::chrono::duration_cast<std::chrono::system_clock::duration>(
            std::chrono::nanoseconds(ns)));
}

void ApiEndpoint::handle(RequestInfo& info, Request&& req, Responder respond) {
    Response res;
    try {
        res = answer(info, req);
    } catch (const std::exception& e) {
        logger_.write(LogLine("error", "api_failed").add("id", info.id).add("what", e.what()));
        res = problem(
            req, http::status::internal_server_error,
            "the request could not be answered; nothing was changed (reference " + info.id + ")");
    }
    respond(std::move(res));
}

Response ApiEndpoint::answer(RequestInfo& info, const Request& req) {
    const std::string_view path = path_of(req.target());
    const ApiRoute* route = nullptr;
    std::string allowed;
    for (const auto& r : routes) {
        if (r.path != path)
            continue;
        allowed += (allowed.empty() ? "" : ", ") + std::string(http::to_string(r.method));
        if (r.method == req.method())
            route = &r;
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
                        std::string(req.method_string()) + " " + std::string(path) +
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
    return put_stock(info, req, *client);
}

Response ApiEndpoint::put_stock(RequestInfo& info, const Request& req,
                                const catalog::ApiClient& client) {
    const std::string key(req["Idempotency-Key"]);
    if (key.empty() || key.size() > catalog::max_idempotency_key) {
        return problem(req, http::status::bad_request,
                       "a write needs an Idempotency-Key header: a string of 1-" +
                           std::to_string(catalog::max_idempotency_key) +
                           " bytes unique to this batch, sent again unchanged on a retry; "
                           "nothing was changed");
    }
    auto read = read_stock_body(req.body());
    if (const auto* e = std::get_if<ApiBodyError>(&read)) {
        if (e->malformed) {
            return problem(req, http::status::bad_request,
                           "the body is not well-formed JSON; nothing was changed");
        }
        return problem(
            req, http::status::bad_request,
            (e->field.empty() ? "" : e->field + " ") + e->message + "; nothing was changed",
            json::array({field_error(e->field, e->message)}));
    }
    const auto& rows = std::get<std::vector<catalog::StockUpdate>>(read);
    StockRequest request{client.key, key,
                         cxml::sha256_hex(std::string(req.method_string()) + " " +
                                          std::string(req.target()) + "\n" + req.body()),
                         rows};
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
        const auto& e = answer.error();
        if (e.code == catalog::Errc::invalid)
            return problem(req, http::status::unprocessable_entity,
                           e.message + "; nothing was changed");
        if (e.code == catalog::Errc::busy) {
            auto res = problem(req, http::status::service_unavailable,
                               "the catalog is busy; nothing was changed, send the batch again "
                               "with the same Idempotency-Key");
            res.set(http::field::retry_after, "1");
            return res;
        }
        throw std::runtime_error(e.message);
    }
    info.log("rows", std::to_string(rows.size()));
    switch (answer->kind) {
        case StockAnswer::Kind::key_reused:
            return problem(req, http::status::unprocessable_entity,
                           "Idempotency-Key '" + key +
                               "' was used for another request; give each batch its own key. "
                               "Nothing was changed");
        case StockAnswer::Kind::rows_refused: {
            json errors = json::array();
            for (const auto& p : answer->result.problems) {
                errors.push_back(field_error("items[" + std::to_string(p.index) + "]." + p.field,
                                             p.message, p.index));
            }
            return problem(req, http::status::unprocessable_entity,
                           std::to_string(answer->result.problems.size()) + " of " +
                               std::to_string(rows.size()) +
                               " rows cannot be applied; nothing was changed",
                           std::move(errors));
        }
        case StockAnswer::Kind::replayed: {
            info.log("idempotent_replay", "true");
            auto res = make_response(req, static_cast<http::status>(answer->status),
                                     "application/json", answer->body);
            res.set("Idempotent-Replayed", "true");
            return res;
        }
        case StockAnswer::Kind::applied:
            last_write_ns_.store(std::chrono::duration_cast<std::chrono::nanoseconds>(
                                     std::chrono::system_clock::now().time_since_epoch())
                                     .count(),
                                 std::memory_order_relaxed);
            break;
    }
    return make_response(req, http::status::ok, "application/json", answer->body);
}

Route api_route(std::function<ApiEndpoint*()> api) {
    Route route;
    route.name = "api";
    route.path = "/api/v1";
    route.prefix = true;
    route.methods = {};  // any: the endpoint answers 405 with a problem document
    route.body_limit = api_body_limit;
    route.handler = [api](RequestInfo& info, Request&& req, Responder respond) {
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
