#pragma once

#include "catalog/database.hpp"
#include "gateway/http/logger.hpp"
#include "gateway/http/router.hpp"
#include "gateway/service/config.hpp"
#include "gateway/storefront/action_result.hpp"
#include "gateway/storefront/shop_context.hpp"

#include <functional>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace punchout::gateway::storefront {

/// The storefront a buyer's user shops in after a punchout: the one-time start URL, the
/// session's pages and its form posts. Every page is rendered from the catalog at request
/// time in one read transaction; every post runs in one write transaction. See README.md.
class Storefront {
public:
    Storefront(const Config& config, catalog::Database& db, Logger& logger);

    /// GET /punchout/start/{start_key}: uses the one-time key and redirects (303) into the
    /// session; a used, expired or unknown key gets a page saying so (410 / 404).
    void handle_start(RequestInfo& info, Request&& req, Responder respond);

    /// GET and POST /shop/{session_key}/...: the pages and the form posts of a session.
    void handle_shop(RequestInfo& info, Request&& req, Responder respond);

private:
    Response start(RequestInfo& info, const Request& req);
    Response shop(RequestInfo& info, const Request& req);
    Response answer(RequestInfo& info, const Request& req, const ShopContext& shop,
                    ActionResult result);
    Response plain_page(const Request& req, http::status status, std::string_view title,
                        std::initializer_list<std::string_view> paragraphs,
                        const PagePolicy& policy);
    Response store_failure(RequestInfo& info, const Request& req, const catalog::Error& e);

    const Config& config_;
    catalog::Database& db_;
    Logger& logger_;
};

/// GET /static/storefront.css: the compiled-in stylesheet, cacheable, with an ETag.
Response stylesheet_response(const Request& req);

/// The storefront's routes (start URL, /shop pages, stylesheet), in the order they are
/// added to the server. `storefront` returns null until the application is open; the routes
/// then answer "starting" (503). SAP OCI's /oci is gateway/inbound/oci_endpoint.hpp.
std::vector<Route> storefront_routes(const Config& config, std::function<Storefront*()> storefront);

/// A page for errors the transport finds before a handler runs (a body too large, too
/// slow): the route error builder of the page routes (storefront and /oci).
Response page_error_response(const Config& config, unsigned version, http::status status,
                             std::string_view message);

/// "The store is starting" (503, Retry-After), while the database opens.
Response starting_page_response(const Config& config, const Request& req);

}  // namespace punchout::gateway::storefront
