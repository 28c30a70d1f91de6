#include "catalog/fulfilment.hpp"

#include "catalog/invoice_totals.hpp"
#include "catalog/write_transaction.hpp"

#include <algorithm>
#include <cstdio>
#include <map>

namespace punchout::catalog {
namespace {

Error invalid(std::string message) {
    return Error{Errc::invalid, std::move(message)};
}

std::string qty(Amount a) {
    return a.to_string();
}

// The identifier the caller gave, or "CNF-000042": the next row id, so generated
// identifiers never repeat.
Result<std::string> given_or_next_identifier(Connection& conn, const std::string& given,
                                             std::string_view table, std::string_view prefix) {
    if (!given.empty())
        return given;
    auto st = conn.prepare("SELECT coalesce(max(id), 0) + 1 FROM " + std::string(table));
    auto r = st.step();
    if (!r)
        return r.error();
    char digits[24];
    std::snprintf(digits, sizeof digits, "%06lld", static_cast<long long>(st.int64(0)));
    return std::string(prefix) + digits;
}

// Runs the INSERT of a record with its own identifier: the only unique constraint it can
// break is that identifier's.
Result<void> insert_identified(Statement& st, std::string_view id_name, const std::string& id) {
    if (auto r = st.run(); !r) {
        if (r.error().code == Errc::constraint)
            return Error{Errc::constraint, std::string(id_name) + " '" + id + "' is taken"};
        return r.error();
    }
    return {};
}

bool is_iso_date(std::string_view d) {
    if (d.size() != 10 || d[4] != '-' || d[7] != '-')
        return false;
    for (std::size_t i : {0, 1, 2, 3, 5, 6, 8, 9}) {
        if (d[i] < '0' || d[i] > '9')
            return false;
    }
    const int month = (d[5] - '0') * 10 + (d[6] - '0');
    const int day = (d[8] - '0') * 10 + (d[9] - '0');
    return month >= 1 && month <= 12 && day >= 1 && day <= 31;
}

template <class T, class Read>
Result<std::vector<T>> read_rows(Statement& st, Read read) {
    std::vector<T> out;
    for (;;) {
        auto r = st.step();
        if (!r)
            return r.error();
        if (!*r)
            return out;
        out.push_back(read(st));
    }
}

Result<std::optional<Confirmation>> latest_confirmation(Connection& conn, const Order& order) {
    auto st = conn.prepare(
        "SELECT id, version, confirm_id, type, comment, created_at FROM order_confirmation"
        " WHERE order_pk = ?1 AND version = ?2 ORDER BY id DESC LIMIT 1");
    st.bind(1, order.pk).bind(2, order.version);
    auto r = st.step();
    if (!r)
        return r.error();
    if (!*r)
        return std::optional<Confirmation>{};
    Confirmation c;
    c.pk = st.int64(0);
    c.order_pk = order.pk;
    c.version = static_cast<int>(st.int64(1));
    c.confirm_id = st.text(2);
    c.type = parse_confirmation_type(st.text_view(3)).value_or(ConfirmationType::all_detail);
    c.comment = st.text(4);
    c.created_at = from_unix(st.int64(5));
    st.reset();
    auto parts = conn.prepare(
        "SELECT line_number, quantity, status, delivery_date FROM confirmation_line"
        " WHERE confirmation_id = ?1 ORDER BY seq");
    parts.bind(1, c.pk);
    auto rows = read_rows<ConfirmedPart>(parts, [](Statement& s) {
        return ConfirmedPart{static_cast<int>(s.int64(0)), Amount::from_units(s.int64(1)),
                             parse_line_status(s.text_view(2)).value_or(LineStatus::accept),
                             s.text(3)};
    });
    if (!rows)
        return rows.error();
    c.parts = std::move(*rows);
    return std::optional<Confirmation>{std::move(c)};
}

Result<std::vector<Shipment>> shipments_of(Connection& conn, std::int64_t order_pk) {
    auto st = conn.prepare(
        "SELECT id, shipment_id, carrier, tracking, tracking_url, delivery_date, shipped_at"
        " FROM shipment WHERE order_pk = ?1 ORDER BY id");
    st.bind(1, order_pk);
    auto rows = read_rows<Shipment>(st, [&](Statement& s) {
        Shipment sh;
        sh.pk = s.int64(0);
        sh.order_pk = order_pk;
        sh.shipment_id = s.text(1);
        sh.carrier = s.text(2);
        sh.tracking = s.text(3);
        sh.tracking_url = s.text(4);
        sh.delivery_date = s.text(5);
        sh.shipped_at = from_unix(s.int64(6));
        return sh;
    });
    if (!rows)
        return rows.error();
    st.reset();
    auto lines = conn.prepare(
        "SELECT line_number, quantity FROM shipment_line WHERE shipment_pk = ?1"
        " ORDER BY line_number");
    for (auto& sh : *rows) {
        lines.bind(1, sh.pk);
        auto l = read_rows<ShippedLine>(lines, [](Statement& s) {
            return ShippedLine{static_cast<int>(s.int64(0)), Amount::from_units(s.int64(1))};
        });
        if (!l)
            return l.error();
        sh.lines = std::move(*l);
        lines.reset();
    }
    return rows;
}

Result<std::vector<Invoice>> invoices_of(Connection& conn, std::int64_t order_pk) {
    auto st = conn.prepare(
        "SELECT id, invoice_number, currency, subtotal, tax_rate, tax_category, tax, shipping,"
        " gross, net, due, due_days, invoiced_at FROM invoice WHERE order_pk = ?1 ORDER BY id");
    st.bind(1, order_pk);
    auto rows = read_rows<Invoice>(st, [&](Statement& s) {
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
        return inv;
    });
    if (!rows)
        return rows.error();
    st.reset();
    auto lines = conn.prepare(
        "SELECT invoice_line_number, line_number, quantity, unit_price, price_basis_quantity,"
        " amount FROM invoice_line WHERE invoice_pk = ?1 ORDER BY invoice_line_number");
    for (auto& inv : *rows) {
        lines.bind(1, inv.pk);
        auto l = read_rows<InvoiceLine>(lines, [](Statement& s) {
            return InvoiceLine{static_cast<int>(s.int64(0)),   static_cast<int>(s.int64(1)),
                               Amount::from_units(s.int64(2)), Amount::from_units(s.int64(3)),
                               Amount::from_units(s.int64(4)), Amount::from_units(s.int64(5))};
        });
        if (!l)
            return l.error();
        inv.lines = std::move(*l);
        lines.reset();
    }
    return rows;
}

Amount plus(Amount a, Amount b) {
    return Amount::from_units(a.units() + b.units());
}

LineProgress* line_of(Fulfilment& f, int line_number) {
    for (auto& l : f.lines) {
        if (l.line_number == line_number)
            return &l;
    }
    return nullptr;
}

Result<void> apply_status(Connection& conn, const Order& order, const Fulfilment& f,
                          std::string_view event, const std::string& detail, Timestamp at) {
    return set_order_status(conn, order.pk, derive_order_status(f), event, detail, at);
}

struct Loaded {
    Order order;
    Fulfilment fulfilment;
};

Result<Loaded> load(Connection& conn, std::int64_t order_pk) {
    auto order = find_order(conn, order_pk);
    if (!order)
        return order.error();
    auto f = load_fulfilment(conn, *order);
    if (!f)
        return f.error();
    return Loaded{std::move(*order), std::move(*f)};
}

std::string order_name(const Order& o) {
    return "order " + o.order_id;
}

}  // namespace

Result<NewConfirmation> plan_confirmation(const Order& order,
                                          const std::vector<LineDecision>& decisions,
                                          LineStatus rest, const std::string& rest_delivery_date) {
    NewConfirmation out;
    for (const auto& d : decisions) {
        const bool known = std::any_of(order.lines.begin(), order.lines.end(), [&](const auto& l) {
            return l.line_number == d.line_number;
        });
        if (!known) {
            return invalid("line " + std::to_string(d.line_number) + ": " + order_name(order) +
                           " has no such line");
        }
    }
    for (const auto& line : order.lines) {
        const std::string where = "line " + std::to_string(line.line_number) + ": ";
        std::int64_t given = 0;
        const LineDecision* open = nullptr;
        std::vector<ConfirmedPart> parts;
        for (const auto& d : decisions) {
            if (d.line_number != line.line_number)
                continue;
            if (!d.quantity) {
                if (open)
                    return invalid(where + "only one part of a line may go without --qty");
                open = &d;
                continue;
            }
            if (d.quantity->units() <= 0)
                return invalid(where + "quantity " + qty(*d.quantity) + " must be positive");
            given += d.quantity->units();
            parts.push_back(
                ConfirmedPart{line.line_number, *d.quantity, d.status, d.delivery_date});
        }
        const std::int64_t ordered = line.quantity.units();
        const bool named = open != nullptr || !parts.empty();
        if (given > ordered) {
            return invalid(where + "the quantities given add up to " +
                           qty(Amount::from_units(given)) + ", but only " + qty(line.quantity) +
                           " were ordered");
        }
        const Amount left = Amount::from_units(ordered - given);
        if (open) {
            if (left.is_zero())
                return invalid(where + "nothing is left of the line for the part without --qty");
            parts.push_back(
                ConfirmedPart{line.line_number, left, open->status, open->delivery_date});
        } else if (!named) {
            parts.push_back(
                ConfirmedPart{line.line_number, line.quantity, rest, rest_delivery_date});
        } else if (!left.is_zero()) {
            return invalid(where + qty(Amount::from_units(given)) + " of " + qty(line.quantity) +
                           " have a status; say what happens to the other " + qty(left) +
                           " (another --line " + std::to_string(line.line_number) + " --qty " +
                           qty(left) + " --status ...)");
        }
        out.parts.insert(out.parts.end(), parts.begin(), parts.end());
    }
    return out;
}

Result<Fulfilment> load_fulfilment(Connection& conn, const Order& order) {
    Fulfilment f;
    for (const auto& l : order.lines) {
        LineProgress p;
        p.line_number = l.line_number;
        p.ordered = l.quantity;
        f.lines.push_back(p);
    }
    auto c = latest_confirmation(conn, order);
    if (!c)
        return c.error();
    f.confirmation = std::move(*c);
    if (f.confirmation) {
        for (const auto& part : f.confirmation->parts) {
            auto* l = line_of(f, part.line_number);
            if (!l)
                continue;
            auto& slot = part.status == LineStatus::accept        ? l->accepted
                         : part.status == LineStatus::backordered ? l->backordered
                                                                  : l->rejected;
            slot = plus(slot, part.quantity);
        }
    }
    auto s = shipments_of(conn, order.pk);
    if (!s)
        return s.error();
    f.shipments = std::move(*s);
    for (const auto& sh : f.shipments) {
        for (const auto& sl : sh.lines) {
            if (auto* l = line_of(f, sl.line_number))
                l->shipped = plus(l->shipped, sl.quantity);
        }
    }
    auto i = invoices_of(conn, order.pk);
    if (!i)
        return i.error();
    f.invoices = std::move(*i);
    for (const auto& inv : f.invoices) {
        for (const auto& il : inv.lines) {
            if (auto* l = line_of(f, il.line_number))
                l->invoiced = plus(l->invoiced, il.quantity);
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

Result<Confirmation> record_confirmation(Connection& conn, std::int64_t order_pk,
                                         const NewConfirmation& in, Timestamp at) {
    auto tx = WriteTransaction::begin(conn);
    if (!tx)
        return tx.error();
    auto loaded = load(conn, order_pk);
    if (!loaded)
        return loaded.error();
    auto& [order, f] = *loaded;
    if (!may_confirm(order.status)) {
        return invalid(order_name(order) + " is " + std::string(to_string(order.status)) +
                       "; it can no longer be confirmed");
    }

    std::map<int, Amount> sums, kept;
    for (const auto& part : in.parts) {
        const std::string where = "line " + std::to_string(part.line_number) + ": ";
        if (!line_of(f, part.line_number)) {
            return invalid(where + order_name(order) + " has no such line");
        }
        if (part.quantity.units() <= 0)
            return invalid(where + "quantity " + qty(part.quantity) + " must be positive");
        if (!part.delivery_date.empty() && !is_iso_date(part.delivery_date)) {
            return invalid(where + "delivery date '" + part.delivery_date +
                           "' is not a date (YYYY-MM-DD)");
        }
        sums[part.line_number] = plus(sums[part.line_number], part.quantity);
        if (part.status != LineStatus::reject)
            kept[part.line_number] = plus(kept[part.line_number], part.quantity);
    }
    for (const auto& l : f.lines) {
        const std::string where = "line " + std::to_string(l.line_number) + ": ";
        const Amount given = sums[l.line_number];
        if (given != l.ordered) {
            return invalid(where + "the confirmed quantities add up to " + qty(given) + ", but " +
                           qty(l.ordered) + " were ordered");
        }
        if (kept[l.line_number] < l.shipped) {
            return invalid(where + qty(l.shipped) + " have shipped already; at most " +
                           qty(Amount::from_units(l.ordered.units() - l.shipped.units())) +
                           " can be rejected");
        }
    }

    Confirmation c;
    c.order_pk = order.pk;
    c.version = order.version;
    c.comment = in.comment;
    c.parts = in.parts;
    c.created_at = at;
    const bool all_reject = std::all_of(in.parts.begin(), in.parts.end(), [](const auto& p) {
        return p.status == LineStatus::reject;
    });
    const bool plain_accept = std::all_of(in.parts.begin(), in.parts.end(), [](const auto& p) {
        return p.status == LineStatus::accept && p.delivery_date.empty();
    });
    c.type = all_reject     ? ConfirmationType::reject
             : plain_accept ? ConfirmationType::accept
                            : ConfirmationType::all_detail;
    auto id = given_or_next_identifier(conn, in.confirm_id, "order_confirmation", "CNF-");
    if (!id)
        return id.error();
    c.confirm_id = std::move(*id);

    auto st = conn.prepare(
        "INSERT INTO order_confirmation (order_pk, version, confirm_id, type, comment,"
        " created_at) VALUES (?1, ?2, ?3, ?4, ?5, ?6)");
    st.bind(1, c.order_pk)
        .bind(2, c.version)
        .bind(3, c.confirm_id)
        .bind(4, to_string(c.type))
        .bind(5, c.comment)
        .bind(6, to_unix(at));
    if (auto r = insert_identified(st, "confirmID", c.confirm_id); !r)
        return r.error();
    c.pk = conn.last_insert_rowid();
    auto line = conn.prepare(
        "INSERT INTO confirmation_line (confirmation_id, seq, line_number, quantity, status,"
        " delivery_date) VALUES (?1, ?2, ?3, ?4, ?5, ?6)");
    int seq = 0;
    for (const auto& part : c.parts) {
        line.bind(1, c.pk)
            .bind(2, ++seq)
            .bind(3, part.line_number)
            .bind(4, part.quantity.units())
            .bind(5, to_string(part.status))
            .bind(6, part.delivery_date);
        if (auto r = line.run(); !r)
            return r.error();
        line.reset();
    }

    f.confirmation = c;
    for (auto& l : f.lines)
        l.accepted = l.backordered = l.rejected = Amount{};
    Amount accepted, backordered, rejected;
    for (const auto& part : c.parts) {
        auto* l = line_of(f, part.line_number);
        auto& slot = part.status == LineStatus::accept        ? l->accepted
                     : part.status == LineStatus::backordered ? l->backordered
                                                              : l->rejected;
        slot = plus(slot, part.quantity);
    }
    int lines_accepted = 0, lines_backordered = 0, lines_rejected = 0;
    for (const auto& l : f.lines) {
        lines_accepted += !l.accepted.is_zero();
        lines_backordered += !l.backordered.is_zero();
        lines_rejected += !l.rejected.is_zero();
    }
    std::string detail = c.confirm_id + " (" + std::string(to_string(c.type)) + "): " + std::to_string(lines_accepted) +
                         " line(s) accepted, " + std::to_string(lines_backordered) +
                         " back-ordered, " + std::to_string(lines_rejected) + " rejected";
    if (auto r = apply_status(conn, order, f, "confirmed", detail, at); !r)
        return r.error();
    if (auto r = tx->commit(); !r)
        return r.error();
    return c;
}

Result<Shipment> record_shipment(Connection& conn, std::int64_t order_pk, const NewShipment& in,
                                 Timestamp at) {
    auto tx = WriteTransaction::begin(conn);
    if (!tx)
        return tx.error();
    auto loaded = load(conn, order_pk);
    if (!loaded)
        return loaded.error();
    auto& [order, f] = *loaded;
    if (order.status == OrderStatus::received) {
        return invalid(order_name(order) +
                       " is not confirmed yet; confirm it first (punchoutctl orders confirm)");
    }
    if (!may_ship(order.status)) {
        return invalid(order_name(order) + " is " + std::string(to_string(order.status)) +
                       "; there is nothing to ship");
    }
    if (in.carrier.empty())
        return invalid("a shipment needs a carrier");
    if (in.tracking.empty())
        return invalid("a shipment needs a tracking number");
    if (!in.delivery_date.empty() && !is_iso_date(in.delivery_date)) {
        return invalid("delivery date '" + in.delivery_date + "' is not a date (YYYY-MM-DD)");
    }

    Shipment sh;
    sh.order_pk = order.pk;
    sh.carrier = in.carrier;
    sh.tracking = in.tracking;
    sh.tracking_url = in.tracking_url;
    sh.delivery_date = in.delivery_date;
    sh.shipped_at = at;
    if (in.lines.empty()) {
        for (const auto& l : f.lines) {
            if (l.shippable().units() > 0)
                sh.lines.push_back(ShippedLine{l.line_number, l.shippable()});
        }
    } else {
        std::map<int, bool> seen;
        for (const auto& sl : in.lines) {
            const std::string where = "line " + std::to_string(sl.line_number) + ": ";
            auto* l = line_of(f, sl.line_number);
            if (!l)
                return invalid(where + order_name(order) + " has no such line");
            if (seen[sl.line_number])
                return invalid(where + "given twice");
            seen[sl.line_number] = true;
            if (sl.quantity.units() <= 0)
                return invalid(where + "quantity " + qty(sl.quantity) + " must be positive");
            if (sl.quantity > l->shippable()) {
                return invalid(where + qty(sl.quantity) + " to ship, but only " +
                               qty(l->shippable()) + " are confirmed and not yet shipped");
            }
            sh.lines.push_back(sl);
        }
        std::sort(sh.lines.begin(), sh.lines.end(),
                  [](const auto& a, const auto& b) { return a.line_number < b.line_number; });
    }
    if (sh.lines.empty())
        return invalid(order_name(order) + " has nothing left to ship");

    auto id = given_or_next_identifier(conn, in.shipment_id, "shipment", "SHP-");
    if (!id)
        return id.error();
    sh.shipment_id = std::move(*id);
    auto st = conn.prepare(
        "INSERT INTO shipment (order_pk, shipment_id, carrier, tracking, tracking_url,"
        " delivery_date, shipped_at) VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7)");
    st.bind(1, sh.order_pk)
        .bind(2, sh.shipment_id)
        .bind(3, sh.carrier)
        .bind(4, sh.tracking)
        .bind(5, sh.tracking_url)
        .bind(6, sh.delivery_date)
        .bind(7, to_unix(at));
    if (auto r = insert_identified(st, "shipment ID", sh.shipment_id); !r)
        return r.error();
    sh.pk = conn.last_insert_rowid();
    auto line = conn.prepare(
        "INSERT INTO shipment_line (shipment_pk, line_number, quantity) VALUES (?1, ?2, ?3)");
    for (const auto& sl : sh.lines) {
        line.bind(1, sh.pk).bind(2, sl.line_number).bind(3, sl.quantity.units());
        if (auto r = line.run(); !r)
            return r.error();
        line.reset();
        line_of(f, sl.line_number)->shipped =
            plus(line_of(f, sl.line_number)->shipped, sl.quantity);
    }
    f.shipments.push_back(sh);
    const std::string detail = sh.shipment_id + ": " + std::to_string(sh.lines.size()) +
                               " line(s) by " + sh.carrier + ", tracking " + sh.tracking;
    if (auto r = apply_status(conn, order, f, "shipped", detail, at); !r)
        return r.error();
    if (auto r = tx->commit(); !r)
        return r.error();
    return sh;
}

Result<Invoice> record_invoice(Connection& conn, std::int64_t order_pk, const NewInvoice& in,
                               Timestamp at) {
    auto tx = WriteTransaction::begin(conn);
    if (!tx)
        return tx.error();
    auto loaded = load(conn, order_pk);
    if (!loaded)
        return loaded.error();
    auto& [order, f] = *loaded;
    if (!may_invoice(order.status)) {
        if (order.status == OrderStatus::invoiced)
            return invalid(order_name(order) + " is invoiced in full already");
        return invalid(order_name(order) + " is " + std::string(to_string(order.status)) +
                       "; only shipped quantities are invoiced (punchoutctl orders ship first)");
    }
    if (in.due_days < 0 || in.due_days > 3650)
        return invalid("payment term of " + std::to_string(in.due_days) + " days is not valid");
    if (in.tax_category.empty())
        return invalid("the tax category is empty");

    Invoice inv;
    inv.order_pk = order.pk;
    inv.currency = order.currency;
    inv.tax_rate = in.tax_rate;
    inv.tax_category = in.tax_category;
    inv.due_days = in.due_days;
    inv.invoiced_at = at;
    std::vector<InvoiceLineInput> inputs;
    for (const auto& ol : order.lines) {
        const auto* l = line_of(f, ol.line_number);
        if (l->billable().units() <= 0)
            continue;
        InvoiceLine il;
        il.invoice_line_number = static_cast<int>(inv.lines.size()) + 1;
        il.line_number = ol.line_number;
        il.quantity = l->billable();
        il.unit_price = ol.unit_price;
        il.price_basis_quantity = ol.price_basis_quantity;
        inputs.push_back(InvoiceLineInput{il.quantity, il.unit_price, il.price_basis_quantity});
        inv.lines.push_back(il);
    }
    if (inv.lines.empty())
        return invalid(order_name(order) + " has no shipped quantity left to invoice");
    auto totals = invoice_totals(inputs, in.tax_rate, in.shipping, order.currency);
    if (!totals)
        return totals.error();
    for (std::size_t i = 0; i < inv.lines.size(); ++i)
        inv.lines[i].amount = totals->line_amounts[i];
    inv.subtotal = totals->subtotal;
    inv.tax = totals->tax;
    inv.shipping = totals->shipping;
    inv.gross = totals->gross;
    inv.net = totals->net;
    inv.due = totals->due;

    auto id = given_or_next_identifier(conn, in.invoice_number, "invoice", "INV-");
    if (!id)
        return id.error();
    inv.invoice_number = std::move(*id);
    auto st = conn.prepare(
        "INSERT INTO invoice (order_pk, invoice_number, currency, subtotal, tax_rate,"
        " tax_category, tax, shipping, gross, net, due, due_days, invoiced_at)"
        " VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12, ?13)");
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
        .bind(13, to_unix(at));
    if (auto r = insert_identified(st, "invoice number", inv.invoice_number); !r)
        return r.error();
    inv.pk = conn.last_insert_rowid();
    auto line = conn.prepare(
        "INSERT INTO invoice_line (invoice_pk, invoice_line_number, line_number, quantity,"
        " unit_price, price_basis_quantity, amount) VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7)");
    for (const auto& il : inv.lines) {
        line.bind(1, inv.pk)
            .bind(2, il.invoice_line_number)
            .bind(3, il.line_number)
            .bind(4, il.quantity.units())
            .bind(5, il.unit_price.units())
            .bind(6, il.price_basis_quantity.units())
            .bind(7, il.amount.units());
        if (auto r = line.run(); !r)
            return r.error();
        line.reset();
        auto* l = line_of(f, il.line_number);
        l->invoiced = plus(l->invoiced, il.quantity);
    }
    f.invoices.push_back(inv);
    const std::string detail = inv.invoice_number + ": " + std::to_string(inv.lines.size()) +
                               " line(s), due " + inv.due.to_string(2) + " " + inv.currency;
    if (auto r = apply_status(conn, order, f, "invoiced", detail, at); !r)
        return r.error();
    if (auto r = tx->commit(); !r)
        return r.error();
    return inv;
}

}  // namespace punchout::catalog
