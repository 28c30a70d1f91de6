#pragma once

#include "catalog/api_client.hpp"
#include "catalog/batch_row_problem.hpp"
#include "catalog/database.hpp"
#include "gateway/http/logger.hpp"
#include "gateway/http/router.hpp"
#include "gateway/service/config.hpp"
#include "gateway/service/idempotent_write.hpp"
#include "gateway/service/rate_limiter.hpp"
#include "gateway/service/work_pool.hpp"

#include <atomic>
#include <chrono>
#include <cstdint>
#include <exception>
#include <functional>
#include <optional>
#include <span>
#include <string_view>
#include <variant>
#include <vector>

namespace punchout::gateway {

/// What a route does.
enum class ApiOperation {
    openapi,
    put_stock,
    put_prices,
    delete_prices,
    put_products,
    delete_product,
    list_orders,
    get_order,
    get_attachment,
    confirm,
    ship,
    invoice,
    status_update,
};

/// One route of the integration API, and the scope a client needs for it (none: public).
/// `path` is an OpenAPI path template: a `{name}` segment matches any one segment.
struct ApiRoute {
    http::verb method;
    std::string_view path;
    std::optional<catalog::ApiScope> scope;
    ApiOperation operation;
};

/// Every route ApiEndpoint answers; the OpenAPI document describes exactly these (a test
/// holds the two together).
std::span<const ApiRoute> api_routes() noexcept;

/// The integration API: JSON over HTTP under /api/v1/ for the supplier's own systems
/// (gateway/inbound/README.md). A client presents `Authorization: Bearer <token>` (see
/// `punchoutctl api-client`); every error is an RFC 9457 problem document. Over TLS only,
/// except from loopback.
class ApiEndpoint {
public:
    ApiEndpoint(const Config& config, catalog::Database& db, Logger& logger);

    /// Answers on one of the API's own threads (`[api] workers`): a batch waiting for the write
    /// lock holds up nothing else on the I/O thread the request came in on.
    void handle(RequestInfo& info, Request&& req, Responder respond);

    /// Calls waiting or being answered (the server waits for them when it stops).
    std::size_t pending() const { return workers_.pending(); }
    /// Stops the API's threads after the calls being answered; calls still waiting (the
    /// server's shutdown grace is over) are dropped, and their connections close unanswered:
    /// the client retries under its Idempotency-Key.
    void stop() { workers_.stop(true); }

    /// When a write through the API last changed the store (nullopt: none since start).
    std::optional<std::chrono::system_clock::time_point> last_write() const noexcept;

private:
    struct Call;
    struct Pending;

    /// The answer when the call stops at its route, token, scope or rate limit (or is the
    /// OpenAPI document); else the call to perform.
    std::variant<Response, Call> admit(RequestInfo& info, const Request& req);
    Response perform(Call& call);
    Response failed(const RequestInfo& info, const Request& req, const std::exception& e);
    Response put_stock(Call& call);
    Response write_prices(Call& call);
    Response put_products(Call& call);
    Response delete_product(Call& call);
    Response list_orders(Call& call);
    Response get_order(Call& call);
    Response get_attachment(Call& call);
    Response fulfil(Call& call);
    /// The answer to a write that went through write_once: applied, replayed or refused
    /// for a reused key.
    Response written(Call& call, const IdempotentOutcome& outcome);
    /// The same for a write that may have failed: the rows refused (when `refused`), the
    /// store's refusal as a problem, or (a failure of the store itself) an exception.
    Response written(Call& call, const catalog::Result<IdempotentOutcome>& outcome,
                     const std::vector<catalog::BatchRowProblem>* refused = nullptr,
                     std::size_t rows = 0);
    /// A catalog batch of `rows` rows under the call's Idempotency-Key: `apply(conn)` gives
    /// the batch's result, `render(result)` the JSON answer when no row was refused.
    template <class Apply, class Render>
    Response write_batch(Call& call, std::size_t rows, Apply&& apply, Render&& render);
    void wrote() noexcept;

    const Config& config_;
    catalog::Database& db_;
    Logger& logger_;
    RateLimiter limits_;
    std::atomic<std::int64_t> last_write_ns_{0};  ///< since the epoch; 0: none yet
    WorkPool workers_;  // last: stopped first, while what its calls use is still there
};

/// The most bytes an API request body may have (a full stock batch fits with room).
inline constexpr std::size_t api_body_limit = 4u << 20;

/// The `/api/v1` route; `api` returns null until the application is open. `reachable`
/// says whether the API is served where a request came in (`[api] listen`); elsewhere the
/// route answers as if there were nothing at /api/v1.
Route api_route(std::function<ApiEndpoint*()> api,
                std::function<bool(const RequestInfo&)> reachable);

}  // namespace punchout::gateway
