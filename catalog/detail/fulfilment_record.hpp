#pragma once

// The skeleton confirmations, shipments and invoices are recorded over: one write
// transaction, the order and its fulfilment loaded, the record checked and written, its
// identifier given or generated, the order's status derived again and the event logged.
// Private to catalog/.
#include "catalog/fulfilment.hpp"
#include "catalog/statement.hpp"
#include "catalog/write_transaction.hpp"

#include <string>
#include <string_view>
#include <utility>

namespace punchout::catalog::detail {

Error invalid(std::string message);
std::string qty(Amount a);
Amount plus(Amount a, Amount b);
bool is_iso_date(std::string_view d);
std::string order_name(const Order& o);

/// The line's progress in `f`, or null when the order has no such line.
LineProgress* line_of(Fulfilment& f, int line_number);

/// The identifier the caller gave, or `prefix` and the next row id of `table` ("CNF-000042"),
/// so generated identifiers never repeat.
Result<std::string> given_or_next_identifier(Connection& conn, const std::string& given,
                                             std::string_view table, std::string_view prefix);

/// Runs the INSERT of a record with its own identifier: the only unique constraint it can
/// break is that identifier's, and the message says so.
Result<void> insert_identified(Statement& st, std::string_view id_name, const std::string& id);

/// What writing a record produced: the record and the order event's detail.
template <class Record>
struct Recorded {
    Record record;
    std::string detail;
};

/// Records one fulfilment step of order `order_pk`: `write(order, fulfilment)` checks the
/// step against the order (Errc::invalid naming the line otherwise), writes it and updates
/// `fulfilment` with it; then the order's status follows from the new fulfilment and an
/// `event` is logged, all in one transaction.
template <class Record, class Write>
Result<Record> record_step(Connection& conn, std::int64_t order_pk, Timestamp at,
                           std::string_view event, Write write) {
    auto tx = WriteTransaction::begin(conn);
    if (!tx)
        return tx.error();
    auto order = find_order(conn, order_pk);
    if (!order)
        return order.error();
    auto f = load_fulfilment(conn, *order);
    if (!f)
        return f.error();
    Result<Recorded<Record>> written = write(*order, *f);
    if (!written)
        return written.error();
    if (auto r =
            set_order_status(conn, order->pk, derive_order_status(*f), event, written->detail, at);
        !r)
        return r.error();
    if (auto r = tx->commit(); !r)
        return r.error();
    return std::move(written->record);
}

/// The confirmation in force for the order's version, if any (for load_fulfilment).
Result<std::optional<Confirmation>> latest_confirmation(Connection& conn, const Order& order);
/// The order's shipments with their lines, oldest first.
Result<std::vector<Shipment>> shipments_of(Connection& conn, std::int64_t order_pk);
/// The order's invoices with their lines, oldest first.
/// Credit memos are among them (they do not change what is invoiced; cancelled invoices do
/// not count either: load_fulfilment skips both).
Result<std::vector<Invoice>> invoices_of(Connection& conn, std::int64_t order_pk);
/// Inserts the lines of `inv` (its pk set).
Result<void> insert_invoice_lines(Connection& conn, const Invoice& inv);

}  // namespace punchout::catalog::detail
