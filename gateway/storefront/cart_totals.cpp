#include "gateway/storefront/cart_totals.hpp"

#include "catalog/line_amount.hpp"

namespace punchout::gateway::storefront {

std::optional<std::vector<CurrencyTotal>> totals_by_currency(
    const std::vector<catalog::CartLine>& lines) {
    std::vector<CurrencyTotal> totals;
    for (const auto& line : lines) {
        const auto amount =
            catalog::line_amount(line.quantity, line.unit_price, line.price_basis_quantity);
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
