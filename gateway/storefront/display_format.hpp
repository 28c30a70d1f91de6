#pragma once

#include "catalog/amount.hpp"
#include "catalog/timestamp.hpp"

#include <optional>
#include <string>
#include <string_view>

namespace punchout::gateway::storefront {

/// A money amount for people: thousands grouped with commas, at least two decimals, the
/// currency after it ("1,234.50 EUR").
std::string format_money(catalog::Amount amount, std::string_view currency);

/// A quantity for people: as few decimals as it needs ("12", "1.5").
std::string format_quantity(catalog::Amount quantity);

/// "10:14 UTC" for a time on the day of `now` (UTC), else "2025-03-01 10:14 UTC".
std::string format_clock(catalog::Timestamp t, catalog::Timestamp now);

/// Reads a quantity a person typed: digits with an optional decimal point or comma and up
/// to four decimals, surrounding spaces ignored; more than zero and at most 10,000,000.
/// Nothing for anything else.
std::optional<catalog::Amount> parse_user_quantity(std::string_view text);

}  // namespace punchout::gateway::storefront
