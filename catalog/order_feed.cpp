#include "catalog/order_feed.hpp"

#include "catalog/statement.hpp"

#include <algorithm>
#include <limits>

namespace punchout::catalog {
namespace {

// id, kind, order_pk, at
OrderFeedEntry read_entry(Statement& row) {
    const auto kind = row.text_view(1);
    return {row.int64(0),
            kind == "updated"     ? OrderFeedKind::updated
            : kind == "cancelled" ? OrderFeedKind::cancelled
                                  : OrderFeedKind::received,
            row.int64(2), from_unix(row.int64(3))};
}

}  // namespace

std::string_view to_string(OrderFeedKind kind) noexcept {
    switch (kind) {
        case OrderFeedKind::received:
            return "received";
        case OrderFeedKind::updated:
            return "updated";
        case OrderFeedKind::cancelled:
            return "cancelled";
    }
    return "received";
}

Result<std::vector<OrderFeedEntry>> order_feed(Connection& conn, std::int64_t after,
                                               std::size_t limit,
                                               std::optional<DeploymentMode> mode) {
    // The events of the fulfilment (confirmed, shipped, document-delivered, ...) are the
    // supplier's own doing and stay out of the feed.
    auto st = conn.prepare(
        "SELECT e.id, e.kind, e.order_pk, e.at FROM order_event e"
        " JOIN purchase_order o ON o.id = e.order_pk"
        " WHERE e.id > ?1 AND e.kind IN ('received', 'updated', 'cancelled')"
        " AND (?3 IS NULL OR o.deployment_mode = ?3)"
        " ORDER BY e.id LIMIT ?2");
    st.bind(1, after);
    st.bind(2, static_cast<std::int64_t>(
                   std::min<std::size_t>(limit, std::numeric_limits<std::int64_t>::max())));
    if (mode)
        st.bind(3, to_string(*mode));
    std::vector<OrderFeedEntry> out;
    if (auto done = st.for_each_row([&](Statement& row) { out.push_back(read_entry(row)); }); !done)
        return done.error();
    return out;
}

Result<OrderFeedEntry> latest_feed_entry(Connection& conn, std::int64_t order_pk) {
    auto st = conn.prepare(
        "SELECT id, kind, order_pk, at FROM order_event"
        " WHERE order_pk = ?1 AND kind IN ('received', 'updated', 'cancelled')"
        " ORDER BY id DESC LIMIT 1");
    st.bind(1, order_pk);
    auto row = st.step();
    if (!row)
        return row.error();
    if (!*row)
        return Error{Errc::not_found, "order " + std::to_string(order_pk) + " has no events"};
    return read_entry(st);
}

}  // namespace punchout::catalog
