#pragma once

// The order feed of the integration API (GET /api/v1/orders): orders received, updated and
// cancelled, in the order their transactions committed, read from order_event.
#include "catalog/connection.hpp"
#include "catalog/deployment_mode.hpp"
#include "catalog/result.hpp"
#include "catalog/timestamp.hpp"

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

namespace punchout::catalog {

/// What happened to an order, as the feed reports it.
enum class OrderFeedKind { received, updated, cancelled };

/// "received", "updated", "cancelled".
std::string_view to_string(OrderFeedKind kind) noexcept;

/// One entry. `cursor` is the order_event id: a writer holds SQLite's write lock from the
/// event's insert to its commit, so ids grow in commit order and a reader that resumes
/// after the last cursor it saw misses nothing and sees nothing twice.
struct OrderFeedEntry {
    std::int64_t cursor = 0;
    OrderFeedKind kind = OrderFeedKind::received;
    std::int64_t order_pk = 0;
    Timestamp at{};
};

/// Entries after `after` (0: from the beginning), oldest first, at most `limit`; only orders
/// in `mode` when given.
Result<std::vector<OrderFeedEntry>> order_feed(Connection& conn, std::int64_t after,
                                               std::size_t limit,
                                               std::optional<DeploymentMode> mode = {});

/// The order's latest entry, or Errc::not_found when it has none.
Result<OrderFeedEntry> latest_feed_entry(Connection& conn, std::int64_t order_pk);

}  // namespace punchout::catalog
