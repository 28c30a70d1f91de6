#pragma once

#include <optional>
#include <string_view>

namespace punchout::catalog {

/// Where an order stands. Stored and shown by its name ("partially-shipped").
enum class OrderStatus {
    received,           ///< accepted from the buyer, not confirmed yet
    confirmed,          ///< confirmed, nothing back-ordered, nothing shipped
    backordered,        ///< confirmed with back-ordered quantities, nothing shipped
    rejected,           ///< every line rejected by the supplier
    partially_shipped,  ///< some confirmed quantities shipped
    shipped,            ///< every confirmed quantity shipped
    invoiced,           ///< shipped, and every shipped quantity invoiced
    cancelled,          ///< cancelled by the buyer (an OrderRequest type="delete")
};

/// "received", "partially-shipped", ...
std::string_view to_string(OrderStatus status) noexcept;
std::optional<OrderStatus> parse_order_status(std::string_view text) noexcept;

// What may happen to an order in each status: one table (order_status.cpp), used by the
// order intake, the fulfilment actions and punchoutctl.

/// The supplier may confirm it (again): received, confirmed, backordered, partially-shipped.
bool may_confirm(OrderStatus status) noexcept;
/// The supplier may ship from it: confirmed, backordered, partially-shipped.
bool may_ship(OrderStatus status) noexcept;
/// The supplier may invoice it: partially-shipped, shipped.
bool may_invoice(OrderStatus status) noexcept;
/// The buyer may send a new version (type="update"): until something has shipped.
bool may_update(OrderStatus status) noexcept;
/// The buyer may cancel it (type="delete"): until it is cancelled.
bool may_cancel(OrderStatus status) noexcept;

}  // namespace punchout::catalog
