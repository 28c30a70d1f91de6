#pragma once

#include "catalog/amount.hpp"

#include <optional>

namespace punchout::catalog {

/// What a line costs: quantity x unit price / price basis quantity, rounded half away from
/// zero to `decimals` fraction digits (0..4; 4 for cart and order lines, the currency's
/// minor unit for invoices) in one division, so nothing is rounded twice. Nothing when the
/// price basis is not positive or the amount does not fit. The one place a line amount is
/// computed: order intake, cart totals, the cart message and invoices all use it.
std::optional<Amount> line_amount(Amount quantity, Amount unit_price, Amount price_basis_quantity,
                                  int decimals = 4) noexcept;

}  // namespace punchout::catalog
