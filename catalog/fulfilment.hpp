#pragma once

// An order's fulfilment: its confirmation, shipments and invoices (each its own header) and
// where each line stands.
#include "catalog/amount.hpp"
#include "catalog/confirmation.hpp"
#include "catalog/connection.hpp"
#include "catalog/invoice.hpp"
#include "catalog/order.hpp"
#include "catalog/order_status.hpp"
#include "catalog/result.hpp"
#include "catalog/shipment.hpp"

#include <optional>
#include <vector>

namespace punchout::catalog {

/// Where one order line stands.
struct LineProgress {
    int line_number = 0;
    Amount ordered;
    Amount accepted;
    Amount backordered;
    Amount rejected;
    Amount shipped;
    Amount invoiced;

    /// Confirmed (accepted or back-ordered) and not yet shipped.
    Amount shippable() const {
        return Amount::from_units(accepted.units() + backordered.units() - shipped.units());
    }
    /// Shipped and not yet invoiced.
    Amount billable() const { return Amount::from_units(shipped.units() - invoiced.units()); }
};

/// An order's fulfilment so far: the confirmation in force, shipments, invoices, and the
/// per-line sums of them.
struct Fulfilment {
    std::optional<Confirmation> confirmation;  ///< newest for the version in force
    std::vector<Shipment> shipments;
    std::vector<Invoice> invoices;
    std::vector<LineProgress> lines;  ///< one per order line, by line number
};

/// Reads the fulfilment of `order` (which must come with its lines).
Result<Fulfilment> load_fulfilment(Connection& conn, const Order& order);

/// The status the progress implies: received (no confirmation), rejected (every line
/// rejected), confirmed or backordered (nothing shipped), partially-shipped, shipped (every
/// confirmed quantity shipped), invoiced (shipped, and every shipped quantity invoiced).
OrderStatus derive_order_status(const Fulfilment& f);

}  // namespace punchout::catalog
