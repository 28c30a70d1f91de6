#include "gateway/storefront/cart_totals.hpp"

#include <limits>

namespace punchout::gateway::storefront {

std::optional<catalog::Amount> line_total(catalog::Amount quantity, catalog::Amount unit_price,
                                          catalog::Amount basis) {
    __extension__ using wide = __int128;
    if (basis.units() <= 0)
        return std::nullopt;
    // In ten-thousandths: (q / s) * (p / s) / (b / s) * s == q * p / b.
    const wide num = static_cast<wide>(quantity.units()) * unit_price.units();
    const wide den = basis.units();
    wide result = num / den;
    const wide rem = num % den;
    // Half away from zero, like Amount::multiply.
    if (rem != 0 && (rem < 0 ? -rem : rem) * 2 >= den)
        result += num < 0 ? -1 : 1;
    if (result > std::numeric_limits<std::int64_t>::max() ||
        result < std::numeric_limits<std::int64_t>::min()) {
        return std::nullopt;
    }
    return catalog::Amount::from_units(static_cast<std::int64_t>(result));
}

std::optional<std::vector<CurrencyTotal>> totals_by_currency(
    const std::vector<catalog::CartLine>& lines) {
    std::vector<CurrencyTotal> totals;
    for (const auto& line : lines) {
        const auto amount = line_total(line.quantity, line.unit_price, line.price_basis_quantity);
        if (!amount)
            return std::nullopt;
        CurrencyTotal* slot = nullptr;
        for (auto& t : totals) {
            if (t.currency == line.currency)
                slot = &t;
        }
        if (!slot) {
            totals.push_back(CurrencyTotal{line.currency, {}, 0});
            slot = &totals.back();
        }
        const auto sum = slot->total.add(*amount);
        if (!sum)
            return std::nullopt;
        slot->total = *sum;
        ++slot->lines;
    }
    return totals;
}

}  // namespace punchout::gateway::storefront
