#include "catalog/cart.hpp"

#include "catalog/write_transaction.hpp"

namespace punchout::catalog {
namespace {

CartLine read_line(const Statement& st) {
    CartLine l;
    l.id = st.int64(0);
    l.token = st.text(1);
    l.position = static_cast<int>(st.int64(2));
    l.sku = st.text(3);
    l.known = st.int64(4) != 0;
    l.quantity = Amount::from_units(st.int64(5));
    l.unit_price = Amount::from_units(st.int64(6));
    l.currency = st.text(7);
    l.price_source = parse_price_source(st.text_view(8)).value_or(PriceSource::list);
    l.price_basis_quantity = Amount::from_units(st.int64(9));
    l.uom = st.text(10);
    l.description = st.text(11);
    l.buyer_part_id = st.text(12);
    if (auto s = st.optional_int64(13))
        l.stock_at_add = Amount::from_units(*s);
    l.origin = parse_cart_line_origin(st.text_view(14)).value_or(CartLineOrigin::added);
    l.flag = parse_cart_line_flag(st.text_view(15)).value_or(CartLineFlag::none);
    l.added_at = from_unix(st.int64(16));
    return l;
}

}  // namespace

Result<std::vector<CartLine>> list_cart(Connection& conn, std::int64_t session_id) {
    auto st = conn.prepare(
        "SELECT id, token, position, sku, known, quantity, unit_price, currency, price_source,"
        " price_basis_quantity, uom, description, buyer_part_id, stock_at_add, origin, flag,"
        " added_at FROM cart_line WHERE session_id = ?1 ORDER BY position, id");
    st.bind(1, session_id);
    std::vector<CartLine> lines;
    if (auto done = st.for_each_row([&](Statement& row) { lines.push_back(read_line(row)); });
        !done)
        return done.error();
    return lines;
}

Result<CartLine> add_cart_line(Connection& conn, std::int64_t session_id, const CartLine& line) {
    if (line.quantity.units() <= 0)
        return Error{Errc::invalid, "a cart line needs a positive quantity"};
    auto st = conn.prepare(
        "INSERT INTO cart_line (session_id, token, position, sku, known, quantity, unit_price,"
        " currency, price_source, price_basis_quantity, uom, description, buyer_part_id,"
        " stock_at_add, origin, flag, added_at)"
        " VALUES (?1, ?2, (SELECT coalesce(max(position), 0) + 1 FROM cart_line"
        " WHERE session_id = ?1), ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12, ?13, ?14, ?15, ?16)"
        " RETURNING id, position");
    st.bind(1, session_id)
        .bind(2, line.token)
        .bind(3, line.sku)
        .bind(4, line.known ? 1 : 0)
        .bind(5, line.quantity.units())
        .bind(6, line.unit_price.units())
        .bind(7, line.currency)
        .bind(8, to_string(line.price_source))
        .bind(9, line.price_basis_quantity.units())
        .bind(10, line.uom)
        .bind(11, line.description)
        .bind(12, line.buyer_part_id)
        .bind(14, to_string(line.origin))
        .bind(15, to_string(line.flag))
        .bind(16, to_unix(line.added_at));
    if (line.stock_at_add)
        st.bind(13, line.stock_at_add->units());
    else
        st.bind(13, nullptr);
    auto r = st.step();
    if (!r)
        return r.error();
    CartLine stored = line;
    stored.id = st.int64(0);
    stored.position = static_cast<int>(st.int64(1));
    return stored;
}

Result<void> update_cart_line(Connection& conn, std::int64_t session_id, std::string_view token,
                              const CartLineChange& change) {
    if (change.quantity.units() <= 0)
        return Error{Errc::invalid, "a cart line needs a positive quantity"};
    if (change.currency.size() != 3)
        return Error{Errc::invalid, "a cart line needs a three-letter currency"};
    auto st = conn.prepare(
        "UPDATE cart_line SET quantity = ?3, unit_price = ?4, currency = ?5, price_source = ?6,"
        " stock_at_add = CASE WHEN ?7 THEN ?8 ELSE stock_at_add END"
        " WHERE session_id = ?1 AND token = ?2");
    st.bind(1, session_id)
        .bind(2, token)
        .bind(3, change.quantity.units())
        .bind(4, change.unit_price.units())
        .bind(5, change.currency)
        .bind(6, to_string(change.price_source))
        .bind(7, change.stock_seen ? 1 : 0);
    if (change.stock_seen)
        st.bind(8, change.stock_seen->units());
    else
        st.bind(8, nullptr);
    if (auto r = st.run(); !r)
        return r;
    if (conn.changes() == 0)
        return Error{Errc::not_found, "no cart line '" + std::string(token) + "'"};
    return {};
}

Result<void> remove_cart_line(Connection& conn, std::int64_t session_id, std::string_view token) {
    auto st = conn.prepare("DELETE FROM cart_line WHERE session_id = ?1 AND token = ?2");
    st.bind(1, session_id).bind(2, token);
    if (auto r = st.run(); !r)
        return r;
    if (conn.changes() == 0)
        return Error{Errc::not_found, "no cart line '" + std::string(token) + "'"};
    return {};
}

Result<CartTransfer> record_transfer(Connection& conn, const CartTransfer& transfer) {
    auto tx = WriteTransaction::begin(conn);
    if (!tx)
        return tx.error();
    auto st = conn.prepare(
        "INSERT INTO cart_transfer (session_id, buyer_id, payload_id, kind, operation_allowed,"
        " currency, total, document, created_at) VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9)");
    st.bind(1, transfer.session_id)
        .bind(2, transfer.buyer.value)
        .bind(3, transfer.payload_id)
        .bind(4, to_string(transfer.kind))
        .bind(5, to_string(transfer.operation_allowed))
        .bind(6, transfer.currency)
        .bind(7, transfer.total.units())
        .bind(8, transfer.document)
        .bind(9, to_unix(transfer.created_at));
    if (auto r = st.run(); !r)
        return r.error();
    CartTransfer stored = transfer;
    stored.id = conn.last_insert_rowid();

    auto line = conn.prepare(
        "INSERT INTO transferred_line (transfer_id, buyer_id, token, sku, quantity, unit_price,"
        " currency, price_basis_quantity, uom, uom_sent, description)"
        " VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11)");
    for (const auto& l : transfer.lines) {
        line.bind(1, stored.id)
            .bind(2, transfer.buyer.value)
            .bind(3, l.token)
            .bind(4, l.sku)
            .bind(5, l.quantity.units())
            .bind(6, l.unit_price.units())
            .bind(7, l.currency)
            .bind(8, l.price_basis_quantity.units())
            .bind(9, l.uom)
            .bind(10, l.uom_sent)
            .bind(11, l.description);
        if (auto r = line.run(); !r)
            return r.error();
        line.reset();
    }
    const auto state =
        transfer.kind == TransferKind::cart ? SessionState::transferred : SessionState::cancelled;
    if (auto r = close_session(conn, transfer.session_id, state, transfer.created_at); !r)
        return r.error();
    if (auto r = tx->commit(); !r)
        return r.error();
    return stored;
}

Result<TransferredLineMatch> find_transferred_line(Connection& conn, BuyerKey buyer,
                                                   std::string_view token) {
    auto st = conn.prepare(
        "SELECT l.token, l.sku, l.quantity, l.unit_price, l.currency, l.price_basis_quantity,"
        " l.uom, l.uom_sent, l.description, t.operation_allowed, t.id, t.session_id"
        " FROM transferred_line l JOIN cart_transfer t ON t.id = l.transfer_id"
        " WHERE l.buyer_id = ?1 AND l.token = ?2 ORDER BY t.id DESC LIMIT 1");
    st.bind(1, buyer.value).bind(2, token);
    auto r = st.step();
    if (!r)
        return r.error();
    if (!*r)
        return Error{Errc::not_found, "no cart line '" + std::string(token) + "' was sent"};
    TransferredLineMatch m;
    m.line.token = st.text(0);
    m.line.sku = st.text(1);
    m.line.quantity = Amount::from_units(st.int64(2));
    m.line.unit_price = Amount::from_units(st.int64(3));
    m.line.currency = st.text(4);
    m.line.price_basis_quantity = Amount::from_units(st.int64(5));
    m.line.uom = st.text(6);
    m.line.uom_sent = st.text(7);
    m.line.description = st.text(8);
    m.operation_allowed = parse_session_operation(st.text_view(9)).value_or(SessionOperation::edit);
    m.transfer_id = st.int64(10);
    m.session_id = st.int64(11);
    return m;
}

Result<std::vector<CartTransfer>> list_transfers(Connection& conn, std::int64_t session_id) {
    auto st = conn.prepare(
        "SELECT id, session_id, buyer_id, payload_id, kind, operation_allowed, currency, total,"
        " document, created_at FROM cart_transfer WHERE session_id = ?1 ORDER BY id DESC");
    st.bind(1, session_id);
    std::vector<CartTransfer> out;
    if (auto done = st.for_each_row([&](Statement& row) {
            CartTransfer t;
            t.id = row.int64(0);
            t.session_id = row.int64(1);
            t.buyer = BuyerKey{row.int64(2)};
            t.payload_id = row.text(3);
            t.kind = parse_transfer_kind(row.text_view(4)).value_or(TransferKind::cart);
            t.operation_allowed =
                parse_session_operation(row.text_view(5)).value_or(SessionOperation::edit);
            t.currency = row.text(6);
            t.total = Amount::from_units(row.int64(7));
            t.document = row.text(8);
            t.created_at = from_unix(row.int64(9));
            out.push_back(std::move(t));
        });
        !done)
        return done.error();
    return out;
}

}  // namespace punchout::catalog
