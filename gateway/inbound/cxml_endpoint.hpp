#pragma once

#include "catalog/database.hpp"
#include "gateway/http/logger.hpp"
#include "gateway/http/router.hpp"
#include "gateway/service/config.hpp"
#include "gateway/service/order_intake.hpp"
#include "gateway/service/order_status.hpp"

#include <functional>
#include <string>
#include <string_view>
#include <vector>

namespace punchout::gateway {

/// POST /cxml: every request type buyers' systems post. Parses (forgivingly), authenticates,
/// dispatches by request type, and always answers with a cXML Response.
class CxmlEndpoint {
public:
    CxmlEndpoint(const Config& config, catalog::Database& db, OrderIntake& orders,
                 OrderStatusService& status, Logger& logger);

    /// Handles one request (the route's handler once the application is ready).
    void handle(RequestInfo& info, Request&& req, Responder respond);

private:
    /// `body` is the cXML document (the root part of a multipart body), `charset` the
    /// charset its Content-Type names, `files` the other parts.
    void dispatch(RequestInfo& info, Request& req, const std::string& body,
                  const std::string& charset, std::vector<catalog::OrderAttachment> files,
                  Responder& respond);

    const Config& config_;
    catalog::Database& db_;
    OrderIntake& orders_;
    OrderStatusService& status_;
    Logger& logger_;
};

/// The `POST /cxml` route; `cxml` returns null until the application is open, and the
/// route then answers busy ("starting").
Route cxml_route(const Config& config, Logger& logger, std::function<CxmlEndpoint*()> cxml);

}  // namespace punchout::gateway
