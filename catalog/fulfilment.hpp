#pragma once

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

/// What the supplier says about part of an order line.
enum class LineStatus { accept, backordered, reject };

/// "accept", "backordered", "reject".
std::string_view to_string(LineStatus status) noexcept;
std::optional<LineStatus> parse_line_status(std::string_view text) noexcept;

/// A quantity of one order line with what happens to it.
struct ConfirmedPart {
    int line_number = 0;
    Amount quantity;
    LineStatus status = LineStatus::accept;
    std::string delivery_date;  ///< expected delivery, YYYY-MM-DD, or empty
};

/// The cXML ConfirmationHeader@type a confirmation is sent as.
enum class ConfirmationType {
    accept,      ///< "accept": everything as ordered, no details
    reject,      ///< "reject": nothing
    all_detail,  ///< "allDetail": per line, with quantities, statuses and dates
};

/// "accept", "reject", "allDetail".
std::string_view to_string(ConfirmationType type) noexcept;
std::optional<ConfirmationType> parse_confirmation_type(std::string_view text) noexcept;

/// A confirmation as stored, with the type it was sent as.
struct Confirmation {
    std::int64_t pk = 0;
    std::int64_t order_pk = 0;
    int version = 0;  ///< the order version it confirms
    std::string confirm_id;
    ConfirmationType type = ConfirmationType::all_detail;
    std::string comment;
    std::vector<ConfirmedPart> parts;  ///< by line, in the order given
    Timestamp created_at{};
};

/// What `record_confirmation` needs. The parts of each line must add up to its ordered
/// quantity, and every line must be covered.
struct NewConfirmation {
    std::vector<ConfirmedPart> parts;
    std::string comment;
    std::string confirm_id;  ///< empty: "CNF-" and a number
};

/// What an admin said about a line: its status, for `quantity` of it or (without one) for
/// the rest of the line.
struct LineDecision {
    int line_number = 0;
    std::optional<Amount> quantity;
    LineStatus status = LineStatus::accept;
    std::string delivery_date;
};

/// Turns an admin's decisions into a complete confirmation of `order`: a line's decisions
/// with a quantity take that much; one decision without a quantity takes what is left of
/// the line; lines not named get `rest` for their whole quantity. Errc::invalid when a
/// line's quantities exceed what was ordered or leave part of it without a status (the
/// message names the line and the quantity missing).
Result<NewConfirmation> plan_confirmation(const Order& order,
                                          const std::vector<LineDecision>& decisions,
                                          LineStatus rest, const std::string& rest_delivery_date);

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

/// One invoiced line: a quantity of an order line at its price, and the rounded amount.
struct InvoiceLine {
    int invoice_line_number = 0;
    int line_number = 0;  ///< the order line it bills
    Amount quantity;
    Amount unit_price;
    Amount price_basis_quantity = Amount::from_units(Amount::scale);
    Amount amount;  ///< rounded to the currency's minor unit
};

/// An invoice as stored, with its exact sums (catalog/invoice_totals.hpp).
struct Invoice {
    std::int64_t pk = 0;
    std::int64_t order_pk = 0;
    std::string invoice_number;
    std::string currency;
    Amount subtotal;
    Amount tax_rate;  ///< percent
    std::string tax_category;
    Amount tax;
    Amount shipping;
    Amount gross;
    Amount net;
    Amount due;
    int due_days = 30;
    Timestamp invoiced_at{};
    std::vector<InvoiceLine> lines;

    /// invoiced_at + due_days.
    Timestamp due_date() const { return invoiced_at + std::chrono::days(due_days); }
};

/// What `record_invoice` needs. The invoice bills every shipped quantity not billed yet;
/// the sums follow `invoice_totals` (catalog/invoice_totals.hpp).
struct NewInvoice {
    std::string invoice_number;  ///< empty: "INV-" and a number
    Amount tax_rate;             ///< percent, 0..100
    std::string tax_category = "vat";
    Amount shipping;
    int due_days = 30;
};

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

/// Stores a confirmation of the version in force, sets the order's status and logs a
/// "confirmed" event. The order must be received, confirmed, backordered or
/// partially-shipped; a line may not be confirmed below what has shipped. Errc::invalid
/// with a message naming the line for anything else, Errc::not_found for an unknown order.
Result<Confirmation> record_confirmation(Connection& conn, std::int64_t order_pk,
                                         const NewConfirmation& in, Timestamp at);

/// Stores a shipment, sets the order's status (partially-shipped or shipped) and logs a
/// "shipped" event. The order must be confirmed, backordered or partially-shipped; each
/// line may ship at most its confirmed quantity not shipped yet.
Result<Shipment> record_shipment(Connection& conn, std::int64_t order_pk, const NewShipment& in,
                                 Timestamp at);

/// Stores an invoice for the shipped, not yet invoiced quantities, sets the status
/// (invoiced once everything is shipped and invoiced) and logs an "invoiced" event.
Result<Invoice> record_invoice(Connection& conn, std::int64_t order_pk, const NewInvoice& in,
                               Timestamp at);

}  // namespace punchout::catalog
