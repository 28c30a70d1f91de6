#include "catalog/amount.hpp"

#include <limits>

namespace punchout::catalog {
namespace {

// GCC's 128-bit integer; __extension__ keeps -Wpedantic quiet about it.
__extension__ typedef __int128 int128;

bool is_digit(char c) {
    return c >= '0' && c <= '9';
}

Error invalid(std::string_view text, std::string_view why) {
    return Error{Errc::invalid,
                 "'" + std::string(text) + "' is not a decimal number: " + std::string(why)};
}

}  // namespace

std::optional<Amount> Amount::from_integer(std::int64_t whole) noexcept {
    std::int64_t units = 0;
    if (__builtin_mul_overflow(whole, scale, &units))
        return std::nullopt;
    return Amount(units);
}

Result<Amount> Amount::parse(std::string_view text) {
    if (text.empty())
        return invalid(text, "it is empty");
    std::size_t i = 0;
    bool negative = false;
    if (text[0] == '+' || text[0] == '-') {
        negative = text[0] == '-';
        i = 1;
    }
    const std::size_t int_start = i;
    while (i < text.size() && is_digit(text[i]))
        ++i;
    const std::size_t int_digits = i - int_start;
    if (i < text.size() && text[i] == ',') {
        return invalid(text, "use a dot as the decimal separator and no thousands separator");
    }
    if (int_digits == 0) {
        if (i < text.size() && text[i] == '.')
            return invalid(text, "a digit must precede the dot");
        return invalid(text, "expected digits");
    }
    std::int64_t fraction = 0;
    int fraction_digits = 0;
    if (i < text.size() && text[i] == '.') {
        ++i;
        while (i < text.size() && is_digit(text[i])) {
            if (fraction_digits == 4)
                return invalid(text, "at most 4 decimals are allowed");
            fraction = fraction * 10 + (text[i] - '0');
            ++fraction_digits;
            ++i;
        }
        if (fraction_digits == 0)
            return invalid(text, "a digit must follow the dot");
    }
    if (i != text.size()) {
        if (text[i] == ',') {
            return invalid(text, "use a dot as the decimal separator and no thousands separator");
        }
        return invalid(text, "unexpected '" + std::string(1, text[i]) + "'");
    }
    for (int d = fraction_digits; d < 4; ++d)
        fraction *= 10;

    std::int64_t whole = 0;
    for (std::size_t k = int_start; k < int_start + int_digits; ++k) {
        if (__builtin_mul_overflow(whole, 10, &whole) ||
            __builtin_add_overflow(whole, text[k] - '0', &whole)) {
            return invalid(text, "it is too large");
        }
    }
    std::int64_t units = 0;
    if (__builtin_mul_overflow(whole, scale, &units) ||
        __builtin_add_overflow(units, fraction, &units)) {
        return invalid(text, "it is too large");
    }
    return Amount(negative ? -units : units);
}

std::string Amount::to_string(int min_decimals) const {
    // Work in unsigned so the most negative value has a magnitude too.
    const bool negative = units_ < 0;
    const std::uint64_t magnitude =
        negative ? 0 - static_cast<std::uint64_t>(units_) : static_cast<std::uint64_t>(units_);
    std::string text = std::to_string(magnitude / scale);
    std::string fraction = std::to_string(magnitude % scale);
    fraction.insert(0, 4 - fraction.size(), '0');
    if (min_decimals < 0)
        min_decimals = 0;
    if (min_decimals > 4)
        min_decimals = 4;
    while (fraction.size() > static_cast<std::size_t>(min_decimals) && fraction.back() == '0') {
        fraction.pop_back();
    }
    if (!fraction.empty())
        text += "." + fraction;
    if (negative)
        text.insert(0, 1, '-');
    return text;
}

std::optional<Amount> Amount::add(Amount other) const noexcept {
    std::int64_t sum = 0;
    if (__builtin_add_overflow(units_, other.units_, &sum))
        return std::nullopt;
    return Amount(sum);
}

std::optional<Amount> Amount::multiply(Amount other) const noexcept {
    int128 product = static_cast<int128>(units_) * other.units_;
    const int128 half = scale / 2;
    product = product >= 0 ? (product + half) / scale : (product - half) / scale;
    if (product > std::numeric_limits<std::int64_t>::max() ||
        product < std::numeric_limits<std::int64_t>::min()) {
        return std::nullopt;
    }
    return Amount(static_cast<std::int64_t>(product));
}

}  // namespace punchout::catalog
