#pragma once

#include "catalog/database.hpp"
#include "gateway/http/logger.hpp"
#include "gateway/http/router.hpp"
#include "gateway/service/config.hpp"

#include <functional>

namespace punchout::gateway {

/// SAP OCI 4.0 / 5.0: `GET|POST /oci`. See gateway/storefront/README.md.
///
/// Without FUNCTION (or FUNCTION=DETAIL&PRODUCTID=) the buyer's user logs in with the OCI
/// credentials the supplier set for the buyer (USERNAME, PASSWORD), a storefront session
/// opens with the cart going back to HOOK_URL (into the ~TARGET frame) as NEW_ITEM-* fields,
/// and the browser is redirected (303) to the storefront (or the product page). Wrong
/// credentials get a page saying so and nothing else. FUNCTION=VALIDATE (PRODUCTID,
/// QUANTITY) and FUNCTION=BACKGROUND_SEARCH (SEARCHSTRING) answer on the same URL, without
/// a redirect or user interface, with the OCI item data (current price and availability)
/// as a form of hidden NEW_ITEM-* fields.
class OciEndpoint {
public:
    OciEndpoint(const Config& config, catalog::Database& db, Logger& logger);

    /// Handles one request (the route's handler once the application is open).
    void handle(RequestInfo& info, Request&& req, Responder respond);

private:
    Response answer(RequestInfo& info, const Request& req);

    const Config& config_;
    catalog::Database& db_;
    Logger& logger_;
};

/// The `/oci` route; `oci` returns null until the application is open (the route then
/// answers "starting").
Route oci_route(const Config& config, std::function<OciEndpoint*()> oci);

}  // namespace punchout::gateway
