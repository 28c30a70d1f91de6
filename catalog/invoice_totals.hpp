#pragma once

#include "catalog/amount.hpp"
#include "catalog/result.hpp"

#include <optional>
#include <string_view>
#include <vector>

namespace punchout::catalog {

/// Decimal places of a currency's minor unit (ISO 4217): 2 for EUR and most others, 0 for
/// JPY, KRW, ISK ..., 3 for BHD, KWD, OMR ... Unknown codes get 2.
int minor_unit_digits(std::string_view currency) noexcept;

/// `value` rounded half away from zero to `digits` (0..4) decimals.
Amount round_to(Amount value, int digits) noexcept;

/// One invoiced line: what the sums are made of.
struct InvoiceLineInput {
    Amount quantity;
    Amount unit_price;
    Amount price_basis_quantity = Amount::from_units(Amount::scale);
};

/// An invoice's sums, each in the currency's minor unit.
struct InvoiceTotals {
    std::vector<Amount> line_amounts;  ///< per line, in the order given
    Amount subtotal;                   ///< sum of the line amounts
    Amount shipping;
    std::vector<Amount> line_taxes;  ///< per line when tax is in line, else empty
    Amount shipping_tax;             ///< when tax is in line: shipping's tax, rounded alone
    Amount tax;    ///< (subtotal + shipping) x rate / 100 rounded once, or the sum in line
    Amount gross;  ///< subtotal + shipping + tax
    Amount net;    ///< gross less discounts (none)
    Amount due;    ///< net less prepayments (none)
};

/// Computes an invoice exactly, in integers (never floating point):
/// - a line amount is quantity x unit price / price basis quantity, rounded half away from
///   zero to the currency's minor unit;
/// - the subtotal is the sum of the rounded line amounts;
/// - tax is charged on the subtotal plus shipping (EU VAT treats delivery as part of the
///   supply) at `tax_rate_percent`, rounded half away from zero once, on the total;
/// - gross = subtotal + shipping + tax; net = gross; due = net.
/// With `tax_in_line` each line's tax is its amount x rate / 100, rounded half away from
/// zero to the minor unit on its own, shipping's likewise, and the tax is their sum (what a
/// buyer that checks isTaxInLine adds up); the two rules can differ by a minor unit or so.
/// Errc::invalid for a tax rate outside 0..100, a negative shipping charge, shipping with
/// more decimals than the currency has, or sums that do not fit.
Result<InvoiceTotals> invoice_totals(const std::vector<InvoiceLineInput>& lines,
                                     Amount tax_rate_percent, Amount shipping,
                                     std::string_view currency, bool tax_in_line = false);

}  // namespace punchout::catalog
