#pragma once

// Shipments: what left the warehouse, by order line, with carrier and tracking.
#include "catalog/amount.hpp"
#include "catalog/connection.hpp"
#include "catalog/order.hpp"
#include "catalog/result.hpp"
#include "catalog/timestamp.hpp"

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace punchout::catalog {

/// A quantity of one order line in a shipment.
struct ShippedLine {
    int line_number = 0;
    Amount quantity;
};

/// A shipment as stored: carrier, tracking and the quantities of each line it carries.
struct Shipment {
    std::int64_t pk = 0;
    std::int64_t order_pk = 0;
    std::string shipment_id;
    std::string carrier;
    std::string tracking;
    std::string tracking_url;
    std::string delivery_date;  ///< expected, YYYY-MM-DD, or empty
    Timestamp shipped_at{};
    std::vector<ShippedLine> lines;
};

/// What `record_shipment` needs. No lines: everything confirmed and not yet shipped.
struct NewShipment {
    std::string shipment_id;  ///< empty: "SHP-" and a number
    std::string carrier;
    std::string tracking;
    std::string tracking_url;
    std::string delivery_date;
    std::vector<ShippedLine> lines;
};

/// Stores a shipment, sets the order's status (partially-shipped or shipped) and logs a
/// "shipped" event. The order must be confirmed, backordered or partially-shipped; each
/// line may ship at most its confirmed quantity not shipped yet.
Result<Shipment> record_shipment(Connection& conn, std::int64_t order_pk, const NewShipment& in,
                                 Timestamp at);

}  // namespace punchout::catalog
