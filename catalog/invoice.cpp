#include "catalog/invoice.hpp"

#include "catalog/detail/fulfilment_record.hpp"
#include "catalog/invoice_totals.hpp"

namespace punchout::catalog {

std::string_view to_string(InvoiceKind kind) noexcept {
    switch (kind) {
        case InvoiceKind::credit_memo:
            return "creditMemo";
        case InvoiceKind::line_level_credit_memo:
            return "lineLevelCreditMemo";
        case InvoiceKind::standard:
            break;
    }
    return "standard";
}

namespace {

InvoiceKind kind_of(std::string_view word) noexcept {
    if (word == "creditMemo")
        return InvoiceKind::credit_memo;
    if (word == "lineLevelCreditMemo")
        return InvoiceKind::line_level_credit_memo;
    return InvoiceKind::standard;
}

}  // namespace

Result<std::vector<Invoice>> detail::invoices_of(Connection& conn, std::int64_t order_pk) {
    auto st = conn.prepare(
        "SELECT i.id, i.invoice_number, i.currency, i.subtotal, i.tax_rate, i.tax_category,"
        " i.tax, i.shipping, i.gross, i.net, i.due, i.due_days, i.invoiced_at, i.purpose,"
        " i.tax_in_line, coalesce(i.credits_invoice_pk, 0), coalesce(o.invoice_number, ''),"
        " i.reason, i.payload_id, i.cancelled_at FROM invoice i"
        " LEFT JOIN invoice o ON o.id = i.credits_invoice_pk"
        " WHERE i.order_pk = ?1 ORDER BY i.id");
    st.bind(1, order_pk);
    std::vector<Invoice> rows;
    if (auto r = st.for_each_row([&](Statement& s) {
            Invoice inv;
            inv.pk = s.int64(0);
            inv.order_pk = order_pk;
            inv.invoice_number = s.text(1);
            inv.currency = s.text(2);
            inv.subtotal = Amount::from_units(s.int64(3));
            inv.tax_rate = Amount::from_units(s.int64(4));
            inv.tax_category = s.text(5);
            inv.tax = Amount::from_units(s.int64(6));
            inv.shipping = Amount::from_units(s.int64(7));
            inv.gross = Amount::from_units(s.int64(8));
            inv.net = Amount::from_units(s.int64(9));
            inv.due = Amount::from_units(s.int64(10));
            inv.due_days = static_cast<int>(s.int64(11));
            inv.invoiced_at = from_unix(s.int64(12));
            inv.kind = kind_of(s.text(13));
            inv.tax_in_line = s.int64(14) != 0;
            inv.credits_invoice_pk = s.int64(15);
            inv.credits_invoice_number = s.text(16);
            inv.reason = s.text(17);
            inv.payload_id = s.text(18);
            if (!s.is_null(19))
                inv.cancelled_at = from_unix(s.int64(19));
            rows.push_back(std::move(inv));
        });
        !r)
        return r.error();
    st.reset();
    auto lines = conn.prepare(
        "SELECT invoice_line_number, line_number, quantity, unit_price, price_basis_quantity,"
        " amount, tax FROM invoice_line WHERE invoice_pk = ?1 ORDER BY invoice_line_number");
    for (auto& inv : rows) {
        lines.bind(1, inv.pk);
        if (auto r = lines.for_each_row([&](Statement& s) {
                inv.lines.push_back(
                    InvoiceLine{static_cast<int>(s.int64(0)), static_cast<int>(s.int64(1)),
                                Amount::from_units(s.int64(2)), Amount::from_units(s.int64(3)),
                                Amount::from_units(s.int64(4)), Amount::from_units(s.int64(5)),
                                Amount::from_units(s.int64(6))});
            });
            !r)
            return r.error();
        lines.reset();
    }
    return rows;
}

Result<Invoice> record_invoice(Connection& conn, std::int64_t order_pk, const NewInvoice& in,
                               Timestamp at) {
    return detail::record_step<Invoice>(
        conn, order_pk, at, "invoiced",
        [&](const Order& order, Fulfilment& f) -> Result<detail::Recorded<Invoice>> {
            if (!may_invoice(order.status)) {
                if (order.status == OrderStatus::invoiced)
                    return detail::invalid(detail::order_name(order) +
                                           " is invoiced in full already");
                return detail::invalid(
                    detail::order_name(order) + " is " + std::string(to_string(order.status)) +
                    "; only shipped quantities are invoiced (punchoutctl orders ship first)");
            }
            if (in.due_days < 0 || in.due_days > 3650)
                return detail::invalid("payment term of " + std::to_string(in.due_days) +
                                       " days is not valid");
            if (in.tax_category.empty())
                return detail::invalid("the tax category is empty");

            Invoice inv;
            inv.order_pk = order.pk;
            inv.currency = order.currency;
            inv.tax_rate = in.tax_rate;
            inv.tax_category = in.tax_category;
            inv.due_days = in.due_days;
            inv.tax_in_line = in.tax_in_line;
            inv.invoiced_at = at;
            std::vector<InvoiceLineInput> inputs;
            for (const auto& ol : order.lines) {
                const auto* l = detail::line_of(f, ol.line_number);
                if (l->billable().units() <= 0)
                    continue;
                InvoiceLine il;
                il.invoice_line_number = static_cast<int>(inv.lines.size()) + 1;
                il.line_number = ol.line_number;
                il.quantity = l->billable();
                il.unit_price = ol.unit_price;
                il.price_basis_quantity = ol.price_basis_quantity;
                inputs.push_back(
                    InvoiceLineInput{il.quantity, il.unit_price, il.price_basis_quantity});
                inv.lines.push_back(il);
            }
            if (inv.lines.empty())
                return detail::invalid(detail::order_name(order) +
                                       " has no shipped quantity left to invoice");
            auto totals =
                invoice_totals(inputs, in.tax_rate, in.shipping, order.currency, in.tax_in_line);
            if (!totals)
                return totals.error();
            for (std::size_t i = 0; i < inv.lines.size(); ++i) {
                inv.lines[i].amount = totals->line_amounts[i];
                if (in.tax_in_line)
                    inv.lines[i].tax = totals->line_taxes[i];
            }
            inv.subtotal = totals->subtotal;
            inv.tax = totals->tax;
            inv.shipping = totals->shipping;
            inv.gross = totals->gross;
            inv.net = totals->net;
            inv.due = totals->due;

            auto id = detail::given_or_next_identifier(conn, in.invoice_number, "invoice", "INV-");
            if (!id)
                return id.error();
            inv.invoice_number = std::move(*id);
            auto st = conn.prepare(
                "INSERT INTO invoice (order_pk, invoice_number, currency, subtotal, tax_rate,"
                " tax_category, tax, shipping, gross, net, due, due_days, invoiced_at,"
                " tax_in_line) VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12, ?13, "
                "?14)");
            st.bind(1, inv.order_pk)
                .bind(2, inv.invoice_number)
                .bind(3, inv.currency)
                .bind(4, inv.subtotal.units())
                .bind(5, inv.tax_rate.units())
                .bind(6, inv.tax_category)
                .bind(7, inv.tax.units())
                .bind(8, inv.shipping.units())
                .bind(9, inv.gross.units())
                .bind(10, inv.net.units())
                .bind(11, inv.due.units())
                .bind(12, inv.due_days)
                .bind(13, to_unix(at))
                .bind(14, inv.tax_in_line ? 1 : 0);
            if (auto r = detail::insert_identified(st, "invoice number", inv.invoice_number); !r)
                return r.error();
            inv.pk = conn.last_insert_rowid();
            if (auto r = detail::insert_invoice_lines(conn, inv); !r)
                return r.error();
            for (const auto& il : inv.lines) {
                auto* l = detail::line_of(f, il.line_number);
                l->invoiced = detail::plus(l->invoiced, il.quantity);
            }
            f.invoices.push_back(inv);
            const std::string note = inv.invoice_number + ": " + std::to_string(inv.lines.size()) +
                                     " line(s), due " + inv.due.to_string(2) + " " + inv.currency;
            return detail::Recorded<Invoice>{std::move(inv), std::move(note)};
        });
}

Result<void> detail::insert_invoice_lines(Connection& conn, const Invoice& inv) {
    auto line = conn.prepare(
        "INSERT INTO invoice_line (invoice_pk, invoice_line_number, line_number, quantity,"
        " unit_price, price_basis_quantity, amount, tax)"
        " VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8)");
    for (const auto& il : inv.lines) {
        line.bind(1, inv.pk)
            .bind(2, il.invoice_line_number)
            .bind(3, il.line_number)
            .bind(4, il.quantity.units())
            .bind(5, il.unit_price.units())
            .bind(6, il.price_basis_quantity.units())
            .bind(7, il.amount.units())
            .bind(8, il.tax.units());
        if (auto r = line.run(); !r)
            return r.error();
        line.reset();
    }
    return {};
}

Result<void> set_invoice_payload_id(Connection& conn, std::int64_t invoice_pk,
                                    std::string_view payload_id) {
    auto st = conn.prepare("UPDATE invoice SET payload_id = ?2 WHERE id = ?1");
    st.bind(1, invoice_pk).bind(2, payload_id);
    return st.run();
}

Result<Invoice> find_invoice(Connection& conn, std::int64_t order_pk,
                             std::string_view invoice_number) {
    auto all = detail::invoices_of(conn, order_pk);
    if (!all)
        return all.error();
    for (auto& inv : *all) {
        if (inv.invoice_number == invoice_number)
            return std::move(inv);
    }
    return Error{Errc::not_found, "the order has no invoice '" + std::string(invoice_number) +
                                      "' (punchoutctl orders show lists its invoices)"};
}

}  // namespace punchout::catalog
