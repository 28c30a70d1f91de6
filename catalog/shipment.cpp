#include "catalog/shipment.hpp"

#include "catalog/detail/fulfilment_record.hpp"

#include <algorithm>
#include <map>

namespace punchout::catalog {

Result<std::vector<Shipment>> detail::shipments_of(Connection& conn, std::int64_t order_pk) {
    auto st = conn.prepare(
        "SELECT id, shipment_id, carrier, tracking, tracking_url, delivery_date, shipped_at"
        " FROM shipment WHERE order_pk = ?1 ORDER BY id");
    st.bind(1, order_pk);
    std::vector<Shipment> rows;
    if (auto r = st.for_each_row([&](Statement& s) {
            Shipment sh;
            sh.pk = s.int64(0);
            sh.order_pk = order_pk;
            sh.shipment_id = s.text(1);
            sh.carrier = s.text(2);
            sh.tracking = s.text(3);
            sh.tracking_url = s.text(4);
            sh.delivery_date = s.text(5);
            sh.shipped_at = from_unix(s.int64(6));
            rows.push_back(std::move(sh));
        });
        !r)
        return r.error();
    st.reset();
    auto lines = conn.prepare(
        "SELECT line_number, quantity FROM shipment_line WHERE shipment_pk = ?1"
        " ORDER BY line_number");
    for (auto& sh : rows) {
        lines.bind(1, sh.pk);
        if (auto r = lines.for_each_row([&](Statement& s) {
                sh.lines.push_back(
                    ShippedLine{static_cast<int>(s.int64(0)), Amount::from_units(s.int64(1))});
            });
            !r)
            return r.error();
        lines.reset();
    }
    return rows;
}

Result<Shipment> record_shipment(Connection& conn, std::int64_t order_pk, const NewShipment& in,
                                 Timestamp at) {
    return detail::record_step<Shipment>(
        conn, order_pk, at, "shipped",
        [&](const Order& order, Fulfilment& f) -> Result<detail::Recorded<Shipment>> {
            if (order.status == OrderStatus::received) {
                return detail::invalid(
                    detail::order_name(order) +
                    " is not confirmed yet; confirm it first (punchoutctl orders confirm)");
            }
            if (!may_ship(order.status)) {
                return detail::invalid(detail::order_name(order) + " is " +
                                       std::string(to_string(order.status)) +
                                       "; there is nothing to ship");
            }
            if (in.carrier.empty())
                return detail::invalid("a shipment needs a carrier");
            if (in.tracking.empty())
                return detail::invalid("a shipment needs a tracking number");
            if (!in.delivery_date.empty() && !detail::is_iso_date(in.delivery_date)) {
                return detail::invalid("delivery date '" + in.delivery_date +
                                       "' is not a date (YYYY-MM-DD)");
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
                    auto* l = detail::line_of(f, sl.line_number);
                    if (!l)
                        return detail::invalid(where + detail::order_name(order) +
                                               " has no such line");
                    if (seen[sl.line_number])
                        return detail::invalid(where + "given twice");
                    seen[sl.line_number] = true;
                    if (sl.quantity.units() <= 0)
                        return detail::invalid(where + "quantity " + detail::qty(sl.quantity) +
                                               " must be positive");
                    if (sl.quantity > l->shippable()) {
                        return detail::invalid(where + detail::qty(sl.quantity) +
                                               " to ship, but only " + detail::qty(l->shippable()) +
                                               " are confirmed and not yet shipped");
                    }
                    sh.lines.push_back(sl);
                }
                std::sort(sh.lines.begin(), sh.lines.end(), [](const auto& a, const auto& b) {
                    return a.line_number < b.line_number;
                });
            }
            if (sh.lines.empty())
                return detail::invalid(detail::order_name(order) + " has nothing left to ship");

            auto id = detail::given_or_next_identifier(conn, in.shipment_id, "shipment", "SHP-");
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
            if (auto r = detail::insert_identified(st, "shipment ID", sh.shipment_id); !r)
                return r.error();
            sh.pk = conn.last_insert_rowid();
            auto line = conn.prepare(
                "INSERT INTO shipment_line (shipment_pk, line_number, quantity) VALUES (?1, ?2, "
                "?3)");
            for (const auto& sl : sh.lines) {
                line.bind(1, sh.pk).bind(2, sl.line_number).bind(3, sl.quantity.units());
                if (auto r = line.run(); !r)
                    return r.error();
                line.reset();
                detail::line_of(f, sl.line_number)->shipped =
                    detail::plus(detail::line_of(f, sl.line_number)->shipped, sl.quantity);
            }
            f.shipments.push_back(sh);
            const std::string note = sh.shipment_id + ": " + std::to_string(sh.lines.size()) +
                                     " line(s) by " + sh.carrier + ", tracking " + sh.tracking;
            return detail::Recorded<Shipment>{std::move(sh), std::move(note)};
        });
}

}  // namespace punchout::catalog
