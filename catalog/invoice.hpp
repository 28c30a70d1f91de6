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

/// What an invoice row is: an invoice, or a credit memo against one (cXML's purpose words).
enum class InvoiceKind {
    standard,                ///< "standard": bills shipped quantities
    credit_memo,             ///< "creditMemo": credits an amount (or all) of an invoice
    line_level_credit_memo,  ///< "lineLevelCreditMemo": credits quantities of its lines
};

/// The stored word ("standard", "creditMemo", "lineLevelCreditMemo").
std::string_view to_string(InvoiceKind kind) noexcept;

/// One invoiced line: a quantity of an order line at its price, and the rounded amount.
struct InvoiceLine {
    int invoice_line_number = 0;
    int line_number = 0;  ///< the order line it bills
    Amount quantity;
    Amount unit_price;
    Amount price_basis_quantity = Amount::from_units(Amount::scale);
    Amount amount;  ///< rounded to the currency's minor unit
    Amount tax;     ///< the line's tax when the invoice has tax in line, else 0
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
    InvoiceKind kind = InvoiceKind::standard;
    /// Tax rounded and written per line (cXML isTaxInLine); else once, on the total.
    bool tax_in_line = false;
    /// A credit memo's: the invoice it credits, and why. Amounts and quantities of a credit
    /// memo are stored positive (what is credited); the document writes them negative.
    std::int64_t credits_invoice_pk = 0;
    std::string credits_invoice_number;
    std::string reason;
    std::string payload_id;  ///< of the document that sent it; '' when none was sent
    std::optional<Timestamp> cancelled_at;

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
    bool tax_in_line = false;  ///< round and write the tax per line (isTaxInLine)
};

/// Stores an invoice for the shipped, not yet invoiced quantities, sets the status
/// (invoiced once everything is shipped and invoiced) and logs an "invoiced" event.
Result<Invoice> record_invoice(Connection& conn, std::int64_t order_pk, const NewInvoice& in,
                               Timestamp at);

/// Notes the payloadID of the document that sent invoice (or credit memo) `invoice_pk`, so
/// a later cancellation can name it. Run inside the transaction that queued the document.
Result<void> set_invoice_payload_id(Connection& conn, std::int64_t invoice_pk,
                                    std::string_view payload_id);

/// The order's invoice or credit memo with this number, or Errc::not_found naming it.
Result<Invoice> find_invoice(Connection& conn, std::int64_t order_pk,
                             std::string_view invoice_number);

}  // namespace punchout::catalog
