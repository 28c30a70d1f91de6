#include "catalog/confirmation.hpp"

#include "catalog/detail/fulfilment_record.hpp"

#include <algorithm>
#include <map>

namespace punchout::catalog {

Result<std::optional<Confirmation>> detail::latest_confirmation(Connection& conn,
                                                                const Order& order) {
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
    if (auto r = parts.for_each_row([&](Statement& s) {
            c.parts.push_back(ConfirmedPart{
                static_cast<int>(s.int64(0)), Amount::from_units(s.int64(1)),
                parse_line_status(s.text_view(2)).value_or(LineStatus::accept), s.text(3)});
        });
        !r)
        return r.error();
    return std::optional<Confirmation>{std::move(c)};
}

Result<NewConfirmation> plan_confirmation(const Order& order,
                                          const std::vector<LineDecision>& decisions,
                                          LineStatus rest, const std::string& rest_delivery_date) {
    NewConfirmation out;
    for (const auto& d : decisions) {
        const bool known = std::any_of(order.lines.begin(), order.lines.end(), [&](const auto& l) {
            return l.line_number == d.line_number;
        });
        if (!known) {
            return detail::invalid("line " + std::to_string(d.line_number) + ": " +
                                   detail::order_name(order) + " has no such line");
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
                    return detail::invalid(where + "only one part of a line may go without --qty");
                open = &d;
                continue;
            }
            if (d.quantity->units() <= 0)
                return detail::invalid(where + "quantity " + detail::qty(*d.quantity) +
                                       " must be positive");
            given += d.quantity->units();
            parts.push_back(
                ConfirmedPart{line.line_number, *d.quantity, d.status, d.delivery_date});
        }
        const std::int64_t ordered = line.quantity.units();
        const bool named = open != nullptr || !parts.empty();
        if (given > ordered) {
            return detail::invalid(where + "the quantities given add up to " +
                                   detail::qty(Amount::from_units(given)) + ", but only " +
                                   detail::qty(line.quantity) + " were ordered");
        }
        const Amount left = Amount::from_units(ordered - given);
        if (open) {
            if (left.is_zero())
                return detail::invalid(where +
                                       "nothing is left of the line for the part without --qty");
            parts.push_back(
                ConfirmedPart{line.line_number, left, open->status, open->delivery_date});
        } else if (!named) {
            parts.push_back(
                ConfirmedPart{line.line_number, line.quantity, rest, rest_delivery_date});
        } else if (!left.is_zero()) {
            return detail::invalid(
                where + detail::qty(Amount::from_units(given)) + " of " +
                detail::qty(line.quantity) + " have a status; say what happens to the other " +
                detail::qty(left) + " (another --line " + std::to_string(line.line_number) +
                " --qty " + detail::qty(left) + " --status ...)");
        }
        out.parts.insert(out.parts.end(), parts.begin(), parts.end());
    }
    return out;
}

Result<Confirmation> record_confirmation(Connection& conn, std::int64_t order_pk,
                                         const NewConfirmation& in, Timestamp at) {
    return detail::record_step<Confirmation>(
        conn, order_pk, at, "confirmed",
        [&](const Order& order, Fulfilment& f) -> Result<detail::Recorded<Confirmation>> {
            if (!may_confirm(order.status)) {
                return detail::invalid(detail::order_name(order) + " is " +
                                       std::string(to_string(order.status)) +
                                       "; it can no longer be confirmed");
            }

            std::map<int, Amount> sums, kept;
            for (const auto& part : in.parts) {
                const std::string where = "line " + std::to_string(part.line_number) + ": ";
                if (!detail::line_of(f, part.line_number)) {
                    return detail::invalid(where + detail::order_name(order) + " has no such line");
                }
                if (part.quantity.units() <= 0)
                    return detail::invalid(where + "quantity " + detail::qty(part.quantity) +
                                           " must be positive");
                if (!part.delivery_date.empty() && !detail::is_iso_date(part.delivery_date)) {
                    return detail::invalid(where + "delivery date '" + part.delivery_date +
                                           "' is not a date (YYYY-MM-DD)");
                }
                sums[part.line_number] = detail::plus(sums[part.line_number], part.quantity);
                if (part.status != LineStatus::reject)
                    kept[part.line_number] = detail::plus(kept[part.line_number], part.quantity);
            }
            for (const auto& l : f.lines) {
                const std::string where = "line " + std::to_string(l.line_number) + ": ";
                const Amount given = sums[l.line_number];
                if (given != l.ordered) {
                    return detail::invalid(where + "the confirmed quantities add up to " +
                                           detail::qty(given) + ", but " + detail::qty(l.ordered) +
                                           " were ordered");
                }
                if (kept[l.line_number] < l.shipped) {
                    return detail::invalid(
                        where + detail::qty(l.shipped) + " have shipped already; at most " +
                        detail::qty(Amount::from_units(l.ordered.units() - l.shipped.units())) +
                        " can be rejected");
                }
            }

            Confirmation c;
            c.order_pk = order.pk;
            c.version = order.version;
            c.comment = in.comment;
            c.parts = in.parts;
            c.created_at = at;
            const bool all_reject =
                std::all_of(in.parts.begin(), in.parts.end(),
                            [](const auto& p) { return p.status == LineStatus::reject; });
            const bool plain_accept =
                std::all_of(in.parts.begin(), in.parts.end(), [](const auto& p) {
                    return p.status == LineStatus::accept && p.delivery_date.empty();
                });
            c.type = all_reject     ? ConfirmationType::reject
                     : plain_accept ? ConfirmationType::accept
                                    : ConfirmationType::all_detail;
            auto id =
                detail::given_or_next_identifier(conn, in.confirm_id, "order_confirmation", "CNF-");
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
            if (auto r = detail::insert_identified(st, "confirmID", c.confirm_id); !r)
                return r.error();
            c.pk = conn.last_insert_rowid();
            auto line = conn.prepare(
                "INSERT INTO confirmation_line (confirmation_id, seq, line_number, quantity, "
                "status,"
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
                auto* l = detail::line_of(f, part.line_number);
                auto& slot = part.status == LineStatus::accept        ? l->accepted
                             : part.status == LineStatus::backordered ? l->backordered
                                                                      : l->rejected;
                slot = detail::plus(slot, part.quantity);
            }
            int lines_accepted = 0, lines_backordered = 0, lines_rejected = 0;
            for (const auto& l : f.lines) {
                lines_accepted += !l.accepted.is_zero();
                lines_backordered += !l.backordered.is_zero();
                lines_rejected += !l.rejected.is_zero();
            }
            std::string note = c.confirm_id + " (" + std::string(to_string(c.type)) +
                               "): " + std::to_string(lines_accepted) + " line(s) accepted, " +
                               std::to_string(lines_backordered) + " back-ordered, " +
                               std::to_string(lines_rejected) + " rejected";
            return detail::Recorded<Confirmation>{std::move(c), std::move(note)};
        });
}

}  // namespace punchout::catalog
