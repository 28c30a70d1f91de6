#pragma once

// Confirmations: what the supplier says it will deliver of each order line.
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

/// Stores a confirmation of the version in force, sets the order's status and logs a
/// "confirmed" event. The order must be received, confirmed, backordered or
/// partially-shipped; a line may not be confirmed below what has shipped. Errc::invalid
/// with a message naming the line for anything else, Errc::not_found for an unknown order.
Result<Confirmation> record_confirmation(Connection& conn, std::int64_t order_pk,
                                         const NewConfirmation& in, Timestamp at);

}  // namespace punchout::catalog
