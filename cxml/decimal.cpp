#include "cxml/decimal.hpp"

#include <stdexcept>

namespace punchout::cxml {

namespace {

__extension__ using wide = __int128;

constexpr wide pow10(int n) noexcept {
    wide r = 1;
    for (int i = 0; i < n; ++i)
        r *= 10;
    return r;
}

bool is_xml_space(char c) noexcept {
    return c == ' ' || c == '\t' || c == '\n' || c == '\r';
}

// Multiplies by 10^n, reporting overflow instead of wrapping.
bool scale_up(wide& value, int n) noexcept {
    for (int i = 0; i < n; ++i) {
        if (__builtin_mul_overflow(value, static_cast<wide>(10), &value))
            return false;
    }
    return true;
}

// Divides by 10^n with the rounding mode applied to the discarded part.
wide scale_down(wide value, int n, RoundingMode mode) noexcept {
    if (n <= 0)
        return value;
    const wide divisor = pow10(n);
    wide quotient = value / divisor;
    const wide remainder = value % divisor;  // same sign as value
    const wide twice = (remainder < 0 ? -remainder : remainder) * 2;
    const bool away = twice > divisor ||
                      (twice == divisor && (mode == RoundingMode::half_up || (quotient % 2) != 0));
    if (away)
        quotient += value < 0 ? -1 : 1;
    return quotient;
}

}  // namespace

std::optional<Decimal> Decimal::parse(std::string_view text) noexcept {
    while (!text.empty() && is_xml_space(text.front()))
        text.remove_prefix(1);
    while (!text.empty() && is_xml_space(text.back()))
        text.remove_suffix(1);
    if (text.empty())
        return std::nullopt;

    bool negative = false;
    if (text.front() == '-' || text.front() == '+') {
        negative = text.front() == '-';
        text.remove_prefix(1);
    }
    wide mantissa = 0;
    int digits = 0;
    int significant = 0;
    int scale = 0;
    bool seen_point = false;
    for (char c : text) {
        if (c == '.') {
            if (seen_point)
                return std::nullopt;
            seen_point = true;
            continue;
        }
        if (c < '0' || c > '9')
            return std::nullopt;
        ++digits;
        if (seen_point)
            ++scale;
        if (significant > 0 || c != '0')
            ++significant;
        if (significant > max_digits || scale > max_scale)
            return std::nullopt;
        mantissa = mantissa * 10 + (c - '0');
    }
    if (digits == 0)
        return std::nullopt;
    return Decimal(negative ? -mantissa : mantissa, scale);
}

Decimal Decimal::from_parts(std::int64_t mantissa, int scale) {
    if (scale < 0 || scale > max_scale)
        throw std::out_of_range("Decimal scale out of range");
    return Decimal(static_cast<wide>(mantissa), scale);
}

void Decimal::append_to(std::string& out) const {
    // 128 bits hold at most 39 decimal digits; the buffer also takes sign, point and zeros.
    char buf[64];
    char* end = buf + sizeof buf;
    char* p = end;
    wide v = mantissa_;
    const bool negative = v < 0;
    int written = 0;
    do {
        const int digit = static_cast<int>(v % 10);
        *--p = static_cast<char>('0' + (digit < 0 ? -digit : digit));
        v /= 10;
        ++written;
        if (written == scale_)
            *--p = '.';
    } while (v != 0 || written < scale_);
    if (scale_ > 0 && *p == '.')
        *--p = '0';
    if (negative)
        *--p = '-';
    out.append(p, static_cast<std::size_t>(end - p));
}

std::string Decimal::to_string() const {
    std::string s;
    append_to(s);
    return s;
}

Decimal Decimal::round(int places, RoundingMode mode) const {
    if (places < 0 || places > max_scale)
        throw std::out_of_range("Decimal places out of range");
    if (places >= scale_)
        return with_min_scale(places);
    return Decimal(scale_down(mantissa_, scale_ - places, mode), places);
}

Decimal Decimal::round_at_most(int places, RoundingMode mode) const {
    return scale_ > places ? round(places, mode) : *this;
}

Decimal Decimal::trimmed() const noexcept {
    Decimal d = *this;
    while (d.scale_ > 0 && d.mantissa_ % 10 == 0) {
        d.mantissa_ /= 10;
        --d.scale_;
    }
    return d;
}

Decimal Decimal::with_min_scale(int places) const {
    if (places <= scale_)
        return *this;
    if (places > max_scale)
        throw std::out_of_range("Decimal places out of range");
    wide m = mantissa_;
    if (!scale_up(m, places - scale_))
        throw std::overflow_error("Decimal overflow");
    return Decimal(m, places);
}

std::optional<std::int64_t> Decimal::to_integer() const noexcept {
    const Decimal t = trimmed();
    if (t.scale_ != 0)
        return std::nullopt;
    if (t.mantissa_ > INT64_MAX || t.mantissa_ < INT64_MIN)
        return std::nullopt;
    return static_cast<std::int64_t>(t.mantissa_);
}

Decimal Decimal::operator-() const {
    // -2^127 has no positive counterpart; checked without computing it.
    constexpr wide min = -(static_cast<wide>(1) << 126) * 2;
    if (mantissa_ == min)
        throw std::overflow_error("Decimal overflow");
    return Decimal(-mantissa_, scale_);
}

Decimal& Decimal::operator+=(const Decimal& other) {
    wide a = mantissa_;
    wide b = other.mantissa_;
    const int scale = scale_ > other.scale_ ? scale_ : other.scale_;
    if (!scale_up(a, scale - scale_) || !scale_up(b, scale - other.scale_) ||
        __builtin_add_overflow(a, b, &a)) {
        throw std::overflow_error("Decimal overflow");
    }
    mantissa_ = a;
    scale_ = scale;
    return *this;
}

Decimal& Decimal::operator-=(const Decimal& other) {
    return *this += -other;
}

Decimal& Decimal::operator*=(const Decimal& other) {
    wide m;
    if (__builtin_mul_overflow(mantissa_, other.mantissa_, &m)) {
        throw std::overflow_error("Decimal overflow");
    }
    int scale = scale_ + other.scale_;
    // Beyond max_scale places the product is rounded (half-even); everything a peer can
    // send has far fewer places, so money and quantities stay exact.
    if (scale > max_scale) {
        m = scale_down(m, scale - max_scale, RoundingMode::half_even);
        scale = max_scale;
    }
    mantissa_ = m;
    scale_ = scale;
    return *this;
}

std::strong_ordering operator<=>(const Decimal& a, const Decimal& b) noexcept {
    const wide da = pow10(a.scale_);
    const wide db = pow10(b.scale_);
    const wide ia = a.mantissa_ / da;
    const wide ib = b.mantissa_ / db;
    if (ia != ib)
        return ia < ib ? std::strong_ordering::less : std::strong_ordering::greater;
    // Equal integer parts: the fractions are below 10^18 in magnitude, so bringing both to
    // 18 places stays well inside 128 bits.
    const wide fa = (a.mantissa_ % da) * pow10(Decimal::max_scale - a.scale_);
    const wide fb = (b.mantissa_ % db) * pow10(Decimal::max_scale - b.scale_);
    if (fa == fb)
        return std::strong_ordering::equal;
    return fa < fb ? std::strong_ordering::less : std::strong_ordering::greater;
}

bool operator==(const Decimal& a, const Decimal& b) noexcept {
    return (a <=> b) == 0;
}

}  // namespace punchout::cxml
