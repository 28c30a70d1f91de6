#include "catalog/line_amount.hpp"

#include <cstdint>
#include <limits>

namespace punchout::catalog {

std::optional<Amount> line_amount(Amount quantity, Amount unit_price, Amount price_basis_quantity,
                                  int decimals) noexcept {
    __extension__ using wide = __int128;
    if (price_basis_quantity.units() <= 0 || decimals < 0 || decimals > 4)
        return std::nullopt;
    std::int64_t step = 1;  // ten-thousandths per unit of the last kept digit
    for (int d = decimals; d < 4; ++d)
        step *= 10;
    // In ten-thousandths: (q / s) * (p / s) / (b / s) * s == q * p / b.
    const wide num = static_cast<wide>(quantity.units()) * unit_price.units();
    const wide den = static_cast<wide>(price_basis_quantity.units()) * step;
    wide result = num / den;
    const wide rem = num % den;
    if (rem != 0 && (rem < 0 ? -rem : rem) * 2 >= den)
        result += num < 0 ? -1 : 1;
    result *= step;
    if (result > std::numeric_limits<std::int64_t>::max() ||
        result < std::numeric_limits<std::int64_t>::min()) {
        return std::nullopt;
    }
    return Amount::from_units(static_cast<std::int64_t>(result));
}

}  // namespace punchout::catalog
