#pragma once

#include <compare>
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>

namespace punchout::cxml {

/// How `Decimal::round` settles a tie (a discarded part of exactly one half).
enum class RoundingMode {
    half_up,    ///< ties away from zero: 2.345 -> 2.35, -2.345 -> -2.35 (commercial rounding)
    half_even,  ///< ties to the even neighbour: 2.345 -> 2.34, 2.355 -> 2.36 (banker's rounding)
};

/// An exact decimal number for money and quantities: an integer mantissa and a count of
/// decimal places (the scale). No binary floating point is involved anywhere.
///
/// The scale is kept as written ("12.50" stays "12.50"); equality and ordering compare the
/// numeric value (12.5 == 12.50). Parsed values have at most `max_digits` significant digits,
/// so a product of two parsed values is always exact; arithmetic that would leave the
/// 128-bit range throws std::overflow_error (a broken invariant, not a peer error).
class Decimal {
public:
    /// Most digits `parse` accepts (before and after the point together).
    static constexpr int max_digits = 18;
    /// Most decimal places any value may carry.
    static constexpr int max_scale = 18;

    /// Zero, with no decimal places.
    constexpr Decimal() noexcept = default;
    /// An integer value.
    Decimal(long long value) noexcept : mantissa_(value), scale_(0) {}  // NOLINT(implicit)

    /// Reads `[+-]digits[.digits]` or `[+-].digits` (dot separator, no exponent, no grouping),
    /// ignoring XML white space around it. Returns nothing for anything else.
    static std::optional<Decimal> parse(std::string_view text) noexcept;

    /// `mantissa * 10^-scale`; throws std::out_of_range for a scale outside 0..max_scale.
    static Decimal from_parts(std::int64_t mantissa, int scale);

    /// The value as written: optional '-', digits, and `scale()` decimals after a dot.
    std::string to_string() const;
    /// Appends `to_string()` to `out` without a temporary.
    void append_to(std::string& out) const;

    /// Number of decimal places carried (trailing zeros included).
    int scale() const noexcept { return scale_; }
    bool is_zero() const noexcept { return mantissa_ == 0; }
    bool is_negative() const noexcept { return mantissa_ < 0; }

    /// Rounded (or zero-extended) to exactly `places` decimals.
    Decimal round(int places, RoundingMode mode = RoundingMode::half_up) const;
    /// Rounded to at most `places` decimals: fewer places are kept as they are.
    Decimal round_at_most(int places, RoundingMode mode = RoundingMode::half_up) const;
    /// The same value with trailing fractional zeros removed ("12.500" -> "12.5", "3.0" -> "3").
    Decimal trimmed() const noexcept;
    /// The same value with at least `places` decimals ("5" -> "5.00" for 2); never rounds.
    Decimal with_min_scale(int places) const;

    /// The integer part when the value is a whole number that fits in 64 bits.
    std::optional<std::int64_t> to_integer() const noexcept;

    Decimal operator-() const;
    Decimal& operator+=(const Decimal& other);
    Decimal& operator-=(const Decimal& other);
    Decimal& operator*=(const Decimal& other);
    friend Decimal operator+(Decimal a, const Decimal& b) { return a += b; }
    friend Decimal operator-(Decimal a, const Decimal& b) { return a -= b; }
    friend Decimal operator*(Decimal a, const Decimal& b) { return a *= b; }

    friend bool operator==(const Decimal& a, const Decimal& b) noexcept;
    friend std::strong_ordering operator<=>(const Decimal& a, const Decimal& b) noexcept;

private:
    __extension__ using wide = __int128;
    Decimal(wide mantissa, int scale) noexcept : mantissa_(mantissa), scale_(scale) {}

    wide mantissa_ = 0;
    int scale_ = 0;
};

}  // namespace punchout::cxml
