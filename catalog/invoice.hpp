#pragma once

// Invoices: the shipped quantities billed, with exact sums (catalog/invoice_totals.hpp).
#include "catalog/amount.hpp"
#include "catalog/connection.hpp"
#include "catalog/order.hpp"
#include "catalog/result.hpp"
#include "catalog/timestamp.hpp"

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace punchout::catalog {

/// One invoiced line: a quantity of an order line at its price, and the rounded amount.
struct InvoiceLine {
    int invoice_line_number = 0;
    int line_number = 0;  ///< the order line it bills
    Amount quantity;
    Amount unit_price;
    Amount price_basis_quantity = Amount::from_units(Amount::scale);
    Amount amount;  ///< rounded to the currency's minor unit
};

/// An invoice as stored, with its exact sums (catalog/invoice_totals.hpp).
struct Invoice {
    std::int64_t pk = 0;
    std::int64_t order_pk = 0;
    std::string invoice_number;
    std::string currency;
    Amount subtotal;
    Amount tax_rate;  ///< percent
    std::string tax_category;
    Amount tax;
    Amount shipping;
    Amount gross;
    Amount net;
    Amount due;
    int due_days = 30;
    Timestamp invoiced_at{};
    std::vector<InvoiceLine> lines;

    /// invoiced_at + due_days.
    Timestamp due_date() const { return invoiced_at + std::chrono::days(due_days); }
};

/// What `record_invoice` needs. The invoice bills every shipped quantity not billed yet;
/// the sums follow `invoice_totals` (catalog/invoice_totals.hpp).
struct NewInvoice {
    std::string invoice_number;  ///< empty: "INV-" and a number
    Amount tax_rate;             ///< percent, 0..100
    std::string tax_category = "vat";
    Amount shipping;
    int due_days = 30;
};

/// Stores an invoice for the shipped, not yet invoiced quantities, sets the status
/// (invoiced once everything is shipped and invoiced) and logs an "invoiced" event.
Result<Invoice> record_invoice(Connection& conn, std::int64_t order_pk, const NewInvoice& in,
                               Timestamp at);

}  // namespace punchout::catalog
