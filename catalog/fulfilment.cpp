#include "catalog/fulfilment.hpp"

#include "catalog/detail/fulfilment_record.hpp"

namespace punchout::catalog {

Result<Fulfilment> load_fulfilment(Connection& conn, const Order& order) {
    Fulfilment f;
    for (const auto& l : order.lines) {
        LineProgress p;
        p.line_number = l.line_number;
        p.ordered = l.quantity;
        f.lines.push_back(p);
    }
    auto c = detail::latest_confirmation(conn, order);
    if (!c)
        return c.error();
    f.confirmation = std::move(*c);
    if (f.confirmation) {
        for (const auto& part : f.confirmation->parts) {
            auto* l = detail::line_of(f, part.line_number);
            if (!l)
                continue;
            auto& slot = part.status == LineStatus::accept        ? l->accepted
                         : part.status == LineStatus::backordered ? l->backordered
                                                                  : l->rejected;
            slot = detail::plus(slot, part.quantity);
        }
    }
    auto s = detail::shipments_of(conn, order.pk);
    if (!s)
        return s.error();
    f.shipments = std::move(*s);
    for (const auto& sh : f.shipments) {
        for (const auto& sl : sh.lines) {
            if (auto* l = detail::line_of(f, sl.line_number))
                l->shipped = detail::plus(l->shipped, sl.quantity);
        }
    }
    auto i = detail::invoices_of(conn, order.pk);
    if (!i)
        return i.error();
    f.invoices = std::move(*i);
    for (const auto& inv : f.invoices) {
        // A credit memo gives money back, not quantity: what was shipped and billed stays
        // billed. A cancelled invoice bills nothing, so its quantities may be billed again.
        if (inv.kind != InvoiceKind::standard || inv.cancelled_at)
            continue;
        for (const auto& il : inv.lines) {
            if (auto* l = detail::line_of(f, il.line_number))
                l->invoiced = detail::plus(l->invoiced, il.quantity);
        }
    }
    return f;
}

OrderStatus derive_order_status(const Fulfilment& f) {
    if (!f.confirmation)
        return OrderStatus::received;
    bool all_rejected = true, any_shipped = false, all_shipped = true, any_backordered = false,
         all_invoiced = true, any_invoiced = false;
    for (const auto& l : f.lines) {
        if (!l.accepted.is_zero() || !l.backordered.is_zero())
            all_rejected = false;
        if (!l.shipped.is_zero())
            any_shipped = true;
        if (l.shippable().units() > 0)
            all_shipped = false;
        if (l.shippable().units() > 0 && !l.backordered.is_zero())
            any_backordered = true;
        if (l.billable().units() > 0)
            all_invoiced = false;
        if (!l.invoiced.is_zero())
            any_invoiced = true;
    }
    if (all_rejected)
        return OrderStatus::rejected;
    if (!any_shipped)
        return any_backordered ? OrderStatus::backordered : OrderStatus::confirmed;
    if (!all_shipped)
        return OrderStatus::partially_shipped;
    return all_invoiced && any_invoiced ? OrderStatus::invoiced : OrderStatus::shipped;
}

}  // namespace punchout::catalog
