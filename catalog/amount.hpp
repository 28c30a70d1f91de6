#pragma once

#include "catalog/result.hpp"

#include <compare>
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>

namespace punchout::catalog {

/// An exact decimal with at most four fraction digits, held as an integer count of
/// ten-thousandths. Money (12.50 EUR is 125000) and quantities (1.5 m is 15000) both use it;
/// the database stores `units()` as an INTEGER. There is no conversion from floating point.
class Amount {
public:
    /// Ten-thousandths per whole unit.
    static constexpr std::int64_t scale = 10000;

    constexpr Amount() = default;

    /// From a count of ten-thousandths (what the database stores).
    static constexpr Amount from_units(std::int64_t units) noexcept { return Amount(units); }

    /// From a whole number; empty if it does not fit.
    static std::optional<Amount> from_integer(std::int64_t whole) noexcept;

    /// Parses the strict file form: optional sign, digits, optionally a dot and 1 to 4
    /// digits ("12", "-3.5", "0.0001"). Rejects "12,50", "1e3", " 1", "1.", ".5", "1.00001"
    /// with a message that says which rule was broken.
    static Result<Amount> parse(std::string_view text);

    /// Ten-thousandths.
    constexpr std::int64_t units() const noexcept { return units_; }

    /// Decimal text: as few fraction digits as the value needs, but at least `min_decimals`
    /// (0..4): Amount(125000).to_string() == "12.5", to_string(2) == "12.50".
    std::string to_string(int min_decimals = 0) const;

    /// Sum and product, empty on overflow. A product is rounded to four decimals, half away
    /// from zero (price x quantity for line totals).
    std::optional<Amount> add(Amount other) const noexcept;
    std::optional<Amount> multiply(Amount other) const noexcept;

    constexpr bool is_negative() const noexcept { return units_ < 0; }
    constexpr bool is_zero() const noexcept { return units_ == 0; }

    constexpr auto operator<=>(const Amount&) const = default;

private:
    constexpr explicit Amount(std::int64_t units) noexcept : units_(units) {}
    std::int64_t units_ = 0;
};

}  // namespace punchout::catalog
