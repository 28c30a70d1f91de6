#pragma once

// Orders as the supplier's systems see them: in the integration API (GET /api/v1/orders,
// /api/v1/orders/{id}, the answers of the fulfilment routes) and in the webhooks that carry
// the same events. Money and quantities are decimal strings, so no client reads them
// through binary floating point.
#include "catalog/order.hpp"
#include "catalog/order_feed.hpp"
#include "gateway/service/order_actions.hpp"

#include <nlohmann/json.hpp>
#include <string>
#include <vector>

namespace punchout::gateway {

/// Where the API serves an order: /api/v1/orders/{pk}.
std::string api_order_path(std::int64_t order_pk);

/// The order with its lines, what the accuracy check flagged and links to its attachments.
/// `buyer_id` is the admin's name for the buyer.
nlohmann::json order_json(const catalog::Order& order, const std::string& buyer_id,
                          const std::vector<catalog::OrderAttachment>& attachments);

/// An event of the order feed: `id` ("evt_" and the cursor, the same in the feed and in
/// every webhook delivery of it), `cursor`, `event` ("order.received", ...), `at`, `order`.
nlohmann::json order_event_json(const catalog::OrderFeedEntry& entry, nlohmann::json order);

/// What a fulfilment action did: the order's new status, the reference recorded and the
/// documents queued for the buyer.
nlohmann::json action_json(const ActionResult& result, const std::string& buyer_id,
                           const std::string& action);

}  // namespace punchout::gateway
