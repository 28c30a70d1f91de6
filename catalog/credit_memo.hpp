#pragma once

// Credit memos against an invoice, and cancelling an invoice. Both are checked against what
// the invoice billed and what was credited already, and stored in one transaction with the
// order's event, or not at all.
#include "catalog/amount.hpp"
#include "catalog/connection.hpp"
#include "catalog/invoice.hpp"
#include "catalog/result.hpp"
#include "catalog/timestamp.hpp"

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace punchout::catalog {

/// A quantity of an order line to credit (a line-level credit memo).
struct CreditLine {
    int line_number = 0;  ///< the order line, as the invoice billed it
    Amount quantity;
};

/// What `record_credit_memo` needs. With `lines`: a line-level credit memo of those
/// quantities at the invoice's prices and tax rule. With `amount` (and no lines): a header
/// credit memo of that amount before tax, taxed at the invoice's rate. With neither: the
/// whole invoice (subtotal, shipping and tax), allowed only while nothing is credited yet.
struct NewCreditMemo {
    std::string invoice_number;  ///< the invoice credited (required)
    std::string credit_number;   ///< empty: "CM-" and a number
    std::vector<CreditLine> lines;
    std::optional<Amount> amount;
    std::string reason;
};

/// Stores a credit memo and logs a "credited" event; the order's status does not change
/// (credits give money back, they do not un-ship or un-bill quantities). Errc::invalid,
/// naming the line, for a credit beyond what the invoice billed less what was credited
/// already (quantity per line, and the invoice's gross in total), for a cancelled invoice,
/// or for crediting a credit memo; Errc::not_found for an unknown invoice.
Result<Invoice> record_credit_memo(Connection& conn, std::int64_t order_pk, const NewCreditMemo& in,
                                   Timestamp at);

/// Marks invoice `invoice_number` cancelled and logs "invoice-cancelled": its quantities
/// count as not invoiced again, so the order's status may go back to shipped and they may
/// be invoiced anew. Errc::invalid when it is cancelled already, is a credit memo, or has
/// credit memos against it that are not cancelled (cancel those first).
Result<Invoice> cancel_invoice(Connection& conn, std::int64_t order_pk,
                               std::string_view invoice_number, Timestamp at);

}  // namespace punchout::catalog
