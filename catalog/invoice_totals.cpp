#include "catalog/invoice_totals.hpp"

#include "catalog/line_amount.hpp"

#include <algorithm>
#include <array>
#include <limits>
#include <string>

namespace punchout::catalog {
namespace {

__extension__ using int128 = __int128;

// Half away from zero: the commercial rule buyers' systems reproduce.
int128 divide_rounded(int128 num, int128 den) noexcept {
    const int128 half = den / 2;
    return num >= 0 ? (num + half) / den : (num - half) / den;
}

std::int64_t power_of_ten(int n) noexcept {
    std::int64_t p = 1;
    for (int i = 0; i < n; ++i)
        p *= 10;
    return p;
}

std::optional<Amount> fit(int128 units) noexcept {
    if (units > std::numeric_limits<std::int64_t>::max() ||
        units < std::numeric_limits<std::int64_t>::min()) {
        return std::nullopt;
    }
    return Amount::from_units(static_cast<std::int64_t>(units));
}

}  // namespace

int minor_unit_digits(std::string_view currency) noexcept {
    // ISO 4217 exponents other than 2 among currencies in use.
    static constexpr std::array<std::string_view, 16> zero{"BIF", "CLP", "DJF", "GNF", "ISK", "JPY",
                                                           "KMF", "KRW", "PYG", "RWF", "UGX", "VND",
                                                           "VUV", "XAF", "XOF", "XPF"};
    static constexpr std::array<std::string_view, 7> three{"BHD", "IQD", "JOD", "KWD",
                                                           "LYD", "OMR", "TND"};
    if (std::find(zero.begin(), zero.end(), currency) != zero.end())
        return 0;
    if (std::find(three.begin(), three.end(), currency) != three.end())
        return 3;
    return 2;
}

Amount round_to(Amount value, int digits) noexcept {
    digits = std::clamp(digits, 0, 4);
    const std::int64_t step = power_of_ten(4 - digits);
    return Amount::from_units(
        static_cast<std::int64_t>(divide_rounded(value.units(), step) * step));
}

Result<InvoiceTotals> invoice_totals(const std::vector<InvoiceLineInput>& lines,
                                     Amount tax_rate_percent, Amount shipping,
                                     std::string_view currency, bool tax_in_line) {
    const int digits = minor_unit_digits(currency);
    const std::int64_t step = power_of_ten(4 - digits);
    if (tax_rate_percent.is_negative() ||
        tax_rate_percent > Amount::from_units(100 * Amount::scale)) {
        return Error{Errc::invalid,
                     "tax rate " + tax_rate_percent.to_string() + "% is outside 0 to 100 percent"};
    }
    if (shipping.is_negative())
        return Error{Errc::invalid, "shipping " + shipping.to_string() + " is negative"};
    if (shipping.units() % step != 0) {
        return Error{Errc::invalid, "shipping " + shipping.to_string() + " " +
                                        std::string(currency) + " has more decimals than " +
                                        std::string(currency) + " has (" + std::to_string(digits) +
                                        ")"};
    }
    const auto overflow = [] { return Error{Errc::invalid, "the invoice sums do not fit"}; };

    InvoiceTotals t;
    int128 subtotal = 0;
    for (const auto& l : lines) {
        const Amount basis = l.price_basis_quantity.units() > 0 ? l.price_basis_quantity
                                                                : Amount::from_units(Amount::scale);
        // Rounded straight to the minor unit: an invoice line is what the buyer pays.
        const auto amount = line_amount(l.quantity, l.unit_price, basis, digits);
        if (!amount)
            return overflow();
        t.line_amounts.push_back(*amount);
        subtotal += amount->units();
    }
    const auto sub = fit(subtotal);
    if (!sub)
        return overflow();
    t.subtotal = *sub;
    t.shipping = shipping;
    const int128 taxable = subtotal + shipping.units();
    // amount (1/10,000) x rate (percent in 1/10,000) / 100 / 10,000 = tax in 1/10,000.
    const auto tax_of = [&](int128 amount) {
        return divide_rounded(amount * tax_rate_percent.units(),
                              int128(100) * Amount::scale * step) *
               step;
    };
    int128 tax_sum = 0;
    if (tax_in_line) {
        for (const auto& a : t.line_amounts) {
            const int128 line_tax = tax_of(a.units());
            t.line_taxes.push_back(Amount::from_units(static_cast<std::int64_t>(line_tax)));
            tax_sum += line_tax;
        }
        const auto shipping_tax = fit(tax_of(shipping.units()));
        if (!shipping_tax)
            return overflow();
        t.shipping_tax = *shipping_tax;
        tax_sum += shipping_tax->units();
    } else {
        tax_sum = tax_of(taxable);
    }
    const auto tax = fit(tax_sum);
    if (!tax)
        return overflow();
    t.tax = *tax;
    const auto gross = fit(taxable + tax->units());
    if (!gross)
        return overflow();
    t.gross = *gross;
    t.net = t.gross;
    t.due = t.net;
    return t;
}

}  // namespace punchout::catalog
