#pragma once

#include "catalog/amount.hpp"
#include "catalog/cart.hpp"

#include <optional>
#include <string>
#include <vector>

namespace punchout::gateway::storefront {

/// The sum of a cart's lines in one currency.
struct CurrencyTotal {
    std::string currency;
    catalog::Amount total;
    std::size_t lines = 0;
};

/// The cart's totals, one per currency in order of first appearance. Nothing when a sum
/// overflows.
std::optional<std::vector<CurrencyTotal>> totals_by_currency(
    const std::vector<catalog::CartLine>& lines);

}  // namespace punchout::gateway::storefront
