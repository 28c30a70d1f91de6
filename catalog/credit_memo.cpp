#include "catalog/credit_memo.hpp"

#include "catalog/detail/fulfilment_record.hpp"
#include "catalog/invoice_totals.hpp"

#include <algorithm>

namespace punchout::catalog {
namespace {

Amount minus(Amount a, Amount b) {
    return Amount::from_units(a.units() - b.units());
}

const Invoice* invoice_named(const Fulfilment& f, std::string_view number) {
    for (const auto& inv : f.invoices) {
        if (inv.invoice_number == number)
            return &inv;
    }
    return nullptr;
}

// The credit memos against `original` that count (not cancelled).
std::vector<const Invoice*> credits_of(const Fulfilment& f, const Invoice& original) {
    std::vector<const Invoice*> out;
    for (const auto& inv : f.invoices) {
        if (inv.credits_invoice_pk == original.pk && !inv.cancelled_at)
            out.push_back(&inv);
    }
    return out;
}

Result<const Invoice*> creditable(const Fulfilment& f, std::string_view number) {
    if (number.empty())
        return detail::invalid("which invoice is credited? (--invoice INV-ID)");
    const Invoice* original = invoice_named(f, number);
    if (!original)
        return Error{Errc::not_found, "the order has no invoice '" + std::string(number) +
                                          "' (punchoutctl orders show lists its invoices)"};
    if (original->kind != InvoiceKind::standard)
        return detail::invalid(original->invoice_number +
                               " is a credit memo; credit the invoice it credits");
    if (original->cancelled_at)
        return detail::invalid(original->invoice_number +
                               " is cancelled; there is nothing to credit");
    return original;
}

Result<void> insert_credit(Connection& conn, Invoice& cm) {
    auto st = conn.prepare(
        "INSERT INTO invoice (order_pk, invoice_number, currency, subtotal, tax_rate,"
        " tax_category, tax, shipping, gross, net, due, due_days, invoiced_at, tax_in_line,"
        " purpose, credits_invoice_pk, reason)"
        " VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12, ?13, ?14, ?15, ?16, ?17)");
    st.bind(1, cm.order_pk)
        .bind(2, cm.invoice_number)
        .bind(3, cm.currency)
        .bind(4, cm.subtotal.units())
        .bind(5, cm.tax_rate.units())
        .bind(6, cm.tax_category)
        .bind(7, cm.tax.units())
        .bind(8, cm.shipping.units())
        .bind(9, cm.gross.units())
        .bind(10, cm.net.units())
        .bind(11, cm.due.units())
        .bind(12, cm.due_days)
        .bind(13, to_unix(cm.invoiced_at))
        .bind(14, cm.tax_in_line ? 1 : 0)
        .bind(15, to_string(cm.kind))
        .bind(16, cm.credits_invoice_pk)
        .bind(17, cm.reason);
    if (auto r = detail::insert_identified(st, "credit memo number", cm.invoice_number); !r)
        return r.error();
    cm.pk = conn.last_insert_rowid();
    return detail::insert_invoice_lines(conn, cm);
}

// Fills `cm`'s lines and sums for the quantities asked, each within what the invoice line
// billed less what earlier credit memos took from it.
Result<void> credit_lines(const Fulfilment& f, const Invoice& original, const NewCreditMemo& in,
                          Invoice& cm) {
    const auto earlier = credits_of(f, original);
    std::vector<InvoiceLineInput> inputs;
    for (const auto& want : in.lines) {
        if (want.quantity.units() <= 0)
            return detail::invalid("line " + std::to_string(want.line_number) +
                                   ": the credited quantity must be positive");
        const auto billed =
            std::find_if(original.lines.begin(), original.lines.end(),
                         [&](const InvoiceLine& l) { return l.line_number == want.line_number; });
        if (billed == original.lines.end())
            return detail::invalid("line " + std::to_string(want.line_number) + " is not on " +
                                   original.invoice_number);
        Amount credited;
        for (const auto* c : earlier) {
            for (const auto& l : c->lines) {
                if (l.line_number == want.line_number)
                    credited = detail::plus(credited, l.quantity);
            }
        }
        for (const auto& l : cm.lines) {
            if (l.line_number == want.line_number)
                credited = detail::plus(credited, l.quantity);
        }
        const Amount left = minus(billed->quantity, credited);
        if (want.quantity > left)
            return detail::invalid("line " + std::to_string(want.line_number) + ": a credit of " +
                                   detail::qty(want.quantity) + " exceeds the " +
                                   detail::qty(left) + " left to credit on " +
                                   original.invoice_number + " (" + detail::qty(billed->quantity) +
                                   " invoiced, " + detail::qty(credited) + " credited)");
        InvoiceLine l;
        l.invoice_line_number = static_cast<int>(cm.lines.size()) + 1;
        l.line_number = want.line_number;
        l.quantity = want.quantity;
        l.unit_price = billed->unit_price;
        l.price_basis_quantity = billed->price_basis_quantity;
        inputs.push_back(InvoiceLineInput{l.quantity, l.unit_price, l.price_basis_quantity});
        cm.lines.push_back(l);
    }
    auto totals = invoice_totals(inputs, original.tax_rate, Amount{}, original.currency,
                                 original.tax_in_line);
    if (!totals)
        return totals.error();
    for (std::size_t i = 0; i < cm.lines.size(); ++i) {
        cm.lines[i].amount = totals->line_amounts[i];
        if (original.tax_in_line)
            cm.lines[i].tax = totals->line_taxes[i];
    }
    cm.subtotal = totals->subtotal;
    cm.tax = totals->tax;
    cm.gross = totals->gross;
    return {};
}

}  // namespace

Result<Invoice> record_credit_memo(Connection& conn, std::int64_t order_pk, const NewCreditMemo& in,
                                   Timestamp at) {
    return detail::record_step<Invoice>(
        conn, order_pk, at, "credited",
        [&](const Order&, Fulfilment& f) -> Result<detail::Recorded<Invoice>> {
            auto found = creditable(f, in.invoice_number);
            if (!found)
                return found.error();
            const Invoice& original = **found;
            if (!in.lines.empty() && in.amount)
                return detail::invalid(
                    "credit either lines (--line) or an amount (--amount), "
                    "not both");
            Invoice cm;
            cm.order_pk = order_pk;
            cm.currency = original.currency;
            cm.tax_rate = original.tax_rate;
            cm.tax_category = original.tax_category;
            cm.tax_in_line = original.tax_in_line;
            cm.due_days = original.due_days;
            cm.invoiced_at = at;
            cm.credits_invoice_pk = original.pk;
            cm.credits_invoice_number = original.invoice_number;
            cm.reason = in.reason;
            const auto earlier = credits_of(f, original);
            Amount credited_gross;
            for (const auto* c : earlier)
                credited_gross = detail::plus(credited_gross, c->gross);

            if (!in.lines.empty()) {
                cm.kind = InvoiceKind::line_level_credit_memo;
                if (auto r = credit_lines(f, original, in, cm); !r)
                    return r.error();
            } else if (in.amount) {
                cm.kind = InvoiceKind::credit_memo;
                // Header credit memos carry no lines, so per-line tax does not apply.
                cm.tax_in_line = false;
                if (in.amount->units() <= 0)
                    return detail::invalid("the credited amount must be positive");
                const int digits = minor_unit_digits(original.currency);
                if (round_to(*in.amount, digits) != *in.amount)
                    return detail::invalid("amount " + in.amount->to_string() +
                                           " has more "
                                           "decimals than " +
                                           original.currency + " has (" + std::to_string(digits) +
                                           ")");
                // The amount goes in as "shipping": taxed at the rate and rounded once, as
                // invoice_totals does for any amount beside the lines.
                auto totals = invoice_totals({}, original.tax_rate, *in.amount, original.currency);
                if (!totals)
                    return totals.error();
                cm.subtotal = *in.amount;
                cm.tax = totals->tax;
                cm.gross = totals->gross;
            } else {
                cm.kind = InvoiceKind::credit_memo;
                cm.tax_in_line = false;
                if (!earlier.empty())
                    return detail::invalid(original.invoice_number +
                                           " is partly credited already; credit lines or an "
                                           "amount (--line, --amount)");
                cm.subtotal = original.subtotal;
                cm.shipping = original.shipping;
                cm.tax = original.tax;
                cm.gross = original.gross;
            }
            if (detail::plus(credited_gross, cm.gross) > original.gross)
                return detail::invalid(
                    "a credit of " + cm.gross.to_string(2) + " " + cm.currency + " exceeds the " +
                    minus(original.gross, credited_gross).to_string(2) + " left to credit on " +
                    original.invoice_number + " (" + original.gross.to_string(2) + " invoiced, " +
                    credited_gross.to_string(2) + " credited)");
            cm.net = cm.gross;
            cm.due = cm.net;
            auto id = detail::given_or_next_identifier(conn, in.credit_number, "invoice", "CM-");
            if (!id)
                return id.error();
            cm.invoice_number = std::move(*id);
            if (auto r = insert_credit(conn, cm); !r)
                return r.error();
            // The note is built first: `original` lives in f.invoices, which push_back may
            // reallocate.
            std::string note = cm.invoice_number + " credits " + original.invoice_number + ": " +
                               cm.gross.to_string(2) + " " + cm.currency;
            if (!cm.reason.empty())
                note += " (" + cm.reason + ")";
            f.invoices.push_back(cm);
            return detail::Recorded<Invoice>{std::move(cm), std::move(note)};
        });
}

Result<Invoice> cancel_invoice(Connection& conn, std::int64_t order_pk,
                               std::string_view invoice_number, Timestamp at) {
    return detail::record_step<Invoice>(
        conn, order_pk, at, "invoice-cancelled",
        [&](const Order&, Fulfilment& f) -> Result<detail::Recorded<Invoice>> {
            const Invoice* found = invoice_named(f, invoice_number);
            if (!found)
                return Error{Errc::not_found, "the order has no invoice '" +
                                                  std::string(invoice_number) +
                                                  "' (punchoutctl orders show lists its invoices)"};
            if (found->kind != InvoiceKind::standard)
                return detail::invalid(found->invoice_number +
                                       " is a credit memo; cancel-invoice cancels invoices");
            if (found->cancelled_at)
                return detail::invalid(found->invoice_number + " is cancelled already");
            const auto credits = credits_of(f, *found);
            if (!credits.empty())
                return detail::invalid(found->invoice_number + " has credit memo " +
                                       credits.front()->invoice_number +
                                       " against it; an invoice with credits is not cancelled "
                                       "(credit the rest instead)");
            auto st = conn.prepare("UPDATE invoice SET cancelled_at = ?2 WHERE id = ?1");
            st.bind(1, found->pk).bind(2, to_unix(at));
            if (auto r = st.run(); !r)
                return r.error();
            Invoice inv = *found;
            inv.cancelled_at = at;
            for (const auto& il : inv.lines) {
                if (auto* l = detail::line_of(f, il.line_number))
                    l->invoiced = minus(l->invoiced, il.quantity);
            }
            const std::string note = inv.invoice_number + " cancelled";
            return detail::Recorded<Invoice>{std::move(inv), note};
        });
}

}  // namespace punchout::catalog
