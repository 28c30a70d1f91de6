#include "catalog/order.hpp"

#include "catalog/write_transaction.hpp"

namespace punchout::catalog {
namespace {

constexpr std::string_view order_columns =
    "id, buyer_id, order_id, version, order_version, order_type, order_date, status, currency,"
    " total, subtotal, tax, shipping, deployment_mode, payload_id, ship_to, document,"
    " received_at, updated_at, confirmation_rule, ship_notice_rule";

Order read_order(const Statement& st) {
    Order o;
    o.pk = st.int64(0);
    o.buyer = BuyerKey{st.int64(1)};
    o.order_id = st.text(2);
    o.version = static_cast<int>(st.int64(3));
    o.order_version = st.text(4);
    o.order_type = st.text(5);
    o.order_date = st.text(6);
    o.status = parse_order_status(st.text_view(7)).value_or(OrderStatus::received);
    o.currency = st.text(8);
    o.total = Amount::from_units(st.int64(9));
    o.subtotal = Amount::from_units(st.int64(10));
    o.tax = Amount::from_units(st.int64(11));
    o.shipping = Amount::from_units(st.int64(12));
    o.deployment_mode =
        parse_deployment_mode(st.text_view(13)).value_or(DeploymentMode::production);
    o.payload_id = st.text(14);
    o.ship_to = st.text(15);
    o.document = st.text(16);
    o.received_at = from_unix(st.int64(17));
    o.updated_at = from_unix(st.int64(18));
    o.confirmation_rule = parse_document_rule(st.text_view(19)).value_or(DocumentRule::unstated);
    o.ship_notice_rule = parse_document_rule(st.text_view(20)).value_or(DocumentRule::unstated);
    return o;
}

Result<void> load_details(Connection& conn, Order& o) {
    auto lines = conn.prepare(
        "SELECT line_number, sku, token, buyer_part_id, quantity, unit_price, currency,"
        " price_basis_quantity, uom, description, requested_delivery, tax, shipping, is_return,"
        " non_catalog FROM order_line"
        " WHERE order_pk = ?1 ORDER BY line_number");
    lines.bind(1, o.pk);
    if (auto done = lines.for_each_row([&](Statement& row) {
            OrderLine l;
            l.line_number = static_cast<int>(row.int64(0));
            l.sku = row.text(1);
            l.token = row.text(2);
            l.buyer_part_id = row.text(3);
            l.quantity = Amount::from_units(row.int64(4));
            l.unit_price = Amount::from_units(row.int64(5));
            l.currency = row.text(6);
            l.price_basis_quantity = Amount::from_units(row.int64(7));
            l.uom = row.text(8);
            l.description = row.text(9);
            l.requested_delivery = row.text(10);
            l.tax = Amount::from_units(row.int64(11));
            l.shipping = Amount::from_units(row.int64(12));
            l.is_return = row.int64(13) != 0;
            l.non_catalog = row.int64(14) != 0;
            o.lines.push_back(std::move(l));
        });
        !done)
        return done.error();
    auto diffs = conn.prepare(
        "SELECT line_number, kind, expected, actual, message FROM order_difference"
        " WHERE order_pk = ?1 AND version = ?2 ORDER BY line_number, rowid");
    diffs.bind(1, o.pk).bind(2, o.version);
    if (auto done = diffs.for_each_row([&](Statement& row) {
            o.differences.push_back(OrderDifference{
                static_cast<int>(row.int64(0)),
                parse_difference_kind(row.text_view(1)).value_or(DifferenceKind::price_drift),
                row.text(2), row.text(3), row.text(4)});
        });
        !done)
        return done.error();
    return {};
}

Result<Order> find_where(Connection& conn, std::string_view where, auto bind) {
    auto st = conn.prepare(std::string("SELECT ") + std::string(order_columns) +
                           " FROM purchase_order WHERE " + std::string(where));
    bind(st);
    auto r = st.step();
    if (!r)
        return r.error();
    if (!*r)
        return Error{Errc::not_found, "no such order"};
    Order o = read_order(st);
    st.reset();
    if (auto d = load_details(conn, o); !d)
        return d.error();
    return o;
}

Result<void> write_lines(Connection& conn, std::int64_t pk, const std::vector<OrderLine>& lines) {
    auto st = conn.prepare(
        "INSERT INTO order_line (order_pk, line_number, sku, token, buyer_part_id, quantity,"
        " unit_price, currency, price_basis_quantity, uom, description, requested_delivery, tax,"
        " shipping, is_return, non_catalog)"
        " VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12, ?13, ?14, ?15, ?16)");
    for (const auto& l : lines) {
        st.bind(1, pk)
            .bind(2, l.line_number)
            .bind(3, l.sku)
            .bind(4, l.token)
            .bind(5, l.buyer_part_id)
            .bind(6, l.quantity.units())
            .bind(7, l.unit_price.units())
            .bind(8, l.currency)
            .bind(9, l.price_basis_quantity.units())
            .bind(10, l.uom)
            .bind(11, l.description)
            .bind(12, l.requested_delivery)
            .bind(13, l.tax.units())
            .bind(14, l.shipping.units())
            .bind(15, l.is_return ? 1 : 0)
            .bind(16, l.non_catalog ? 1 : 0);
        if (auto r = st.run(); !r) {
            if (r.error().code == Errc::constraint) {
                return Error{Errc::constraint,
                             "line number " + std::to_string(l.line_number) + " appears twice"};
            }
            return r;
        }
        st.reset();
    }
    return {};
}

Result<void> write_differences(Connection& conn, std::int64_t pk, int version,
                               const std::vector<OrderDifference>& diffs) {
    auto st = conn.prepare(
        "INSERT INTO order_difference (order_pk, version, line_number, kind, expected, actual,"
        " message) VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7)");
    for (const auto& d : diffs) {
        st.bind(1, pk)
            .bind(2, version)
            .bind(3, d.line_number)
            .bind(4, to_string(d.kind))
            .bind(5, d.expected)
            .bind(6, d.actual)
            .bind(7, d.message);
        if (auto r = st.run(); !r)
            return r;
        st.reset();
    }
    return {};
}

Result<void> write_attachments(Connection& conn, std::int64_t pk, int version,
                               const std::vector<OrderAttachment>& files) {
    auto st = conn.prepare(
        "INSERT INTO order_attachment (order_pk, version, content_id, content_type, filename,"
        " size, sha256, content) VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8)");
    for (const auto& f : files) {
        st.bind(1, pk)
            .bind(2, version)
            .bind(3, f.content_id)
            .bind(4, f.content_type)
            .bind(5, f.filename)
            .bind(6, static_cast<std::int64_t>(f.content.size()))
            .bind(7, f.sha256)
            .bind_blob(8, f.content);
        if (auto r = st.run(); !r)
            return r;
        st.reset();
    }
    return {};
}

Result<void> write_version(Connection& conn, std::int64_t pk, int version,
                           std::string_view operation, const Order& o) {
    auto st = conn.prepare(
        "INSERT INTO order_version (order_pk, version, operation, order_version, payload_id,"
        " document, received_at) VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7)");
    st.bind(1, pk)
        .bind(2, version)
        .bind(3, operation)
        .bind(4, o.order_version)
        .bind(5, o.payload_id)
        .bind(6, o.document)
        .bind(7, to_unix(o.updated_at));
    return st.run();
}

}  // namespace

Result<std::vector<InboundRecord>> find_inbound(Connection& conn, BuyerKey buyer,
                                                std::string_view payload_id) {
    auto st = conn.prepare(
        "SELECT fingerprint, document_type, status_code, response, order_pk, received_at"
        " FROM inbound_document WHERE buyer_id = ?1 AND payload_id = ?2");
    st.bind(1, buyer.value).bind(2, payload_id);
    std::vector<InboundRecord> out;
    if (auto done = st.for_each_row([&](Statement& row) {
            InboundRecord rec;
            rec.buyer = buyer;
            rec.payload_id = std::string(payload_id);
            rec.fingerprint = row.text(0);
            rec.document_type = row.text(1);
            rec.status_code = static_cast<unsigned>(row.int64(2));
            rec.response = row.text(3);
            rec.order_pk = row.optional_int64(4);
            rec.received_at = from_unix(row.int64(5));
            out.push_back(std::move(rec));
        });
        !done)
        return done.error();
    return out;
}

const InboundRecord* same_document(const std::vector<InboundRecord>& seen,
                                   std::string_view fingerprint) noexcept {
    for (const auto& rec : seen) {
        if (rec.fingerprint == fingerprint || rec.fingerprint.empty())
            return &rec;
    }
    return nullptr;
}

Result<void> record_inbound(Connection& conn, const InboundRecord& record) {
    auto st = conn.prepare(
        "INSERT INTO inbound_document (buyer_id, payload_id, document_type, status_code,"
        " response, order_pk, received_at, fingerprint) VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8)");
    st.bind(1, record.buyer.value)
        .bind(2, record.payload_id)
        .bind(3, record.document_type)
        .bind(4, static_cast<std::int64_t>(record.status_code))
        .bind(5, record.response)
        .bind(6, record.order_pk)
        .bind(7, to_unix(record.received_at))
        .bind(8, record.fingerprint);
    return st.run();
}

Result<Order> find_order(Connection& conn, BuyerKey buyer, DeploymentMode mode,
                         std::string_view order_id) {
    return find_where(
        conn, "buyer_id = ?1 AND order_id = ?2 AND deployment_mode = ?3",
        [&](Statement& st) { st.bind(1, buyer.value).bind(2, order_id).bind(3, to_string(mode)); });
}

Result<Order> find_order(Connection& conn, std::int64_t pk) {
    return find_where(conn, "id = ?1", [&](Statement& st) { st.bind(1, pk); });
}

Result<Order> insert_order(Connection& conn, const Order& order) {
    auto tx = WriteTransaction::begin(conn);
    if (!tx)
        return tx.error();
    auto st = conn.prepare(
        "INSERT INTO purchase_order (buyer_id, order_id, version, order_version, order_type,"
        " order_date, status, currency, total, subtotal, tax, shipping, deployment_mode,"
        " payload_id, ship_to, document, difference_count, received_at, updated_at,"
        " confirmation_rule, ship_notice_rule)"
        " VALUES (?1, ?2, 1, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12, ?13, ?14, ?15, ?16, ?17,"
        " ?17, ?18, ?19)");
    st.bind(1, order.buyer.value)
        .bind(2, order.order_id)
        .bind(3, order.order_version)
        .bind(4, order.order_type)
        .bind(5, order.order_date)
        .bind(6, to_string(order.status))
        .bind(7, order.currency)
        .bind(8, order.total.units())
        .bind(9, order.subtotal.units())
        .bind(10, order.tax.units())
        .bind(11, order.shipping.units())
        .bind(12, to_string(order.deployment_mode))
        .bind(13, order.payload_id)
        .bind(14, order.ship_to)
        .bind(15, order.document)
        .bind(16, static_cast<std::int64_t>(order.differences.size()))
        .bind(17, to_unix(order.received_at))
        .bind(18, to_string(order.confirmation_rule))
        .bind(19, to_string(order.ship_notice_rule));
    if (auto r = st.run(); !r) {
        if (r.error().code == Errc::constraint &&
            r.error().message.find("UNIQUE") != std::string::npos) {
            return Error{Errc::constraint, "order '" + order.order_id + "' already exists"};
        }
        return r.error();
    }
    Order stored = order;
    stored.pk = conn.last_insert_rowid();
    stored.version = 1;
    stored.updated_at = order.received_at;
    if (auto r = write_lines(conn, stored.pk, order.lines); !r)
        return r.error();
    if (auto r = write_differences(conn, stored.pk, 1, order.differences); !r)
        return r.error();
    if (auto r = write_attachments(conn, stored.pk, 1, order.attachments); !r)
        return r.error();
    if (auto r = write_version(conn, stored.pk, 1, "new", stored); !r)
        return r.error();
    std::string detail = std::to_string(order.lines.size()) + " lines, total " +
                         order.total.to_string(2) + " " + order.currency;
    if (!order.differences.empty())
        detail += ", " + std::to_string(order.differences.size()) + " differences flagged";
    if (!order.attachments.empty())
        detail += ", " + std::to_string(order.attachments.size()) + " attachments";
    if (auto r = add_order_event(conn, stored.pk, "received", detail, order.received_at); !r)
        return r.error();
    if (auto r = tx->commit(); !r)
        return r.error();
    return stored;
}

Result<Order> change_order(Connection& conn, std::int64_t pk, OrderChange change,
                           const Order& next) {
    auto tx = WriteTransaction::begin(conn);
    if (!tx)
        return tx.error();
    auto current = find_order(conn, pk);
    if (!current)
        return current.error();
    const int version = current->version + 1;
    Order stored = *current;
    stored.version = version;
    stored.order_version = next.order_version;
    stored.payload_id = next.payload_id;
    stored.document = next.document;
    stored.updated_at = next.updated_at;
    if (change == OrderChange::update) {
        stored.order_type = next.order_type;
        stored.order_date = next.order_date;
        stored.currency = next.currency;
        stored.total = next.total;
        stored.subtotal = next.subtotal;
        stored.tax = next.tax;
        stored.shipping = next.shipping;
        stored.ship_to = next.ship_to;
        stored.lines = next.lines;
        stored.differences = next.differences;
        stored.status = next.status;
        stored.confirmation_rule = next.confirmation_rule;
        stored.ship_notice_rule = next.ship_notice_rule;
    } else {
        stored.status = OrderStatus::cancelled;
        stored.differences.clear();
    }
    auto st = conn.prepare(
        "UPDATE purchase_order SET version = ?2, order_version = ?3, order_type = ?4,"
        " order_date = ?5, status = ?6, currency = ?7, total = ?8, subtotal = ?9, tax = ?10,"
        " shipping = ?11, payload_id = ?12, ship_to = ?13, document = ?14,"
        " difference_count = ?15, updated_at = ?16, confirmation_rule = ?17,"
        " ship_notice_rule = ?18 WHERE id = ?1");
    st.bind(1, pk)
        .bind(2, version)
        .bind(3, stored.order_version)
        .bind(4, stored.order_type)
        .bind(5, stored.order_date)
        .bind(6, to_string(stored.status))
        .bind(7, stored.currency)
        .bind(8, stored.total.units())
        .bind(9, stored.subtotal.units())
        .bind(10, stored.tax.units())
        .bind(11, stored.shipping.units())
        .bind(12, stored.payload_id)
        .bind(13, stored.ship_to)
        .bind(14, stored.document)
        .bind(15, static_cast<std::int64_t>(stored.differences.size()))
        .bind(16, to_unix(stored.updated_at))
        .bind(17, to_string(stored.confirmation_rule))
        .bind(18, to_string(stored.ship_notice_rule));
    if (auto r = st.run(); !r)
        return r.error();
    if (auto r = write_attachments(conn, pk, version, next.attachments); !r)
        return r.error();
    if (change == OrderChange::update) {
        auto del = conn.prepare("DELETE FROM order_line WHERE order_pk = ?1");
        del.bind(1, pk);
        if (auto r = del.run(); !r)
            return r.error();
        if (auto r = write_lines(conn, pk, stored.lines); !r)
            return r.error();
        if (auto r = write_differences(conn, pk, version, stored.differences); !r)
            return r.error();
    }
    const char* op = change == OrderChange::update ? "update" : "delete";
    if (auto r = write_version(conn, pk, version, op, stored); !r)
        return r.error();
    std::string detail = "version " + std::to_string(version);
    if (!stored.order_version.empty())
        detail += " (orderVersion " + stored.order_version + ")";
    if (auto r = add_order_event(conn, pk, change == OrderChange::update ? "updated" : "cancelled",
                                 detail, stored.updated_at);
        !r)
        return r.error();
    if (auto r = tx->commit(); !r)
        return r.error();
    return stored;
}

Result<void> set_order_status(Connection& conn, std::int64_t pk, OrderStatus status,
                              std::string_view event, std::string_view detail, Timestamp at) {
    auto st = conn.prepare("UPDATE purchase_order SET status = ?2, updated_at = ?3 WHERE id = ?1");
    st.bind(1, pk).bind(2, to_string(status)).bind(3, to_unix(at));
    if (auto r = st.run(); !r)
        return r;
    if (conn.changes() == 0)
        return Error{Errc::not_found, "no order " + std::to_string(pk)};
    return add_order_event(conn, pk, event, detail, at);
}

Result<std::vector<OrderSummary>> list_orders(Connection& conn, const OrderFilter& filter) {
    auto st = conn.prepare(
        "SELECT o.id, o.buyer_id, o.order_id, o.version, o.status, o.currency, o.total,"
        " (SELECT count(*) FROM order_line l WHERE l.order_pk = o.id), o.difference_count,"
        " o.received_at, o.updated_at,"
        " (SELECT count(*) FROM order_line l WHERE l.order_pk = o.id AND l.non_catalog <> 0),"
        " (SELECT count(*) FROM order_attachment a WHERE a.order_pk = o.id"
        "  AND a.version = o.version), o.deployment_mode"
        " FROM purchase_order o"
        " WHERE (?1 IS NULL OR o.buyer_id = ?1) AND (?2 = '' OR o.status = ?2)"
        " AND (?4 = '' OR o.order_id = ?4) AND (?5 = '' OR o.deployment_mode = ?5)"
        " ORDER BY o.received_at DESC, o.id DESC LIMIT ?3");
    if (filter.buyer)
        st.bind(1, filter.buyer->value);
    else
        st.bind(1, nullptr);
    st.bind(2, filter.status ? to_string(*filter.status) : std::string_view(""))
        .bind(3, static_cast<std::int64_t>(filter.limit))
        .bind(4, filter.order_id)
        .bind(5, filter.mode ? to_string(*filter.mode) : std::string_view(""));
    std::vector<OrderSummary> out;
    if (auto done = st.for_each_row([&](Statement& row) {
            OrderSummary s;
            s.pk = row.int64(0);
            s.buyer = BuyerKey{row.int64(1)};
            s.order_id = row.text(2);
            s.version = static_cast<int>(row.int64(3));
            s.status = parse_order_status(row.text_view(4)).value_or(OrderStatus::received);
            s.currency = row.text(5);
            s.total = Amount::from_units(row.int64(6));
            s.line_count = row.int64(7);
            s.difference_count = row.int64(8);
            s.received_at = from_unix(row.int64(9));
            s.updated_at = from_unix(row.int64(10));
            s.non_catalog_count = row.int64(11);
            s.attachment_count = row.int64(12);
            s.deployment_mode =
                parse_deployment_mode(row.text_view(13)).value_or(DeploymentMode::production);
            out.push_back(std::move(s));
        });
        !done)
        return done.error();
    return out;
}

Result<std::vector<OrderAttachment>> order_attachments(Connection& conn, std::int64_t pk) {
    auto st = conn.prepare(
        "SELECT version, content_id, content_type, filename, size, sha256 FROM order_attachment"
        " WHERE order_pk = ?1 ORDER BY version, content_id");
    st.bind(1, pk);
    std::vector<OrderAttachment> out;
    if (auto done = st.for_each_row([&](Statement& row) {
            out.push_back(OrderAttachment{static_cast<int>(row.int64(0)),
                                          row.text(1),
                                          row.text(2),
                                          row.text(3),
                                          row.int64(4),
                                          row.text(5),
                                          {}});
        });
        !done)
        return done.error();
    return out;
}

Result<OrderAttachment> find_attachment(Connection& conn, std::int64_t pk,
                                        std::string_view content_id) {
    auto st = conn.prepare(
        "SELECT version, content_id, content_type, filename, size, sha256, content"
        " FROM order_attachment WHERE order_pk = ?1 AND content_id = ?2"
        " ORDER BY version DESC LIMIT 1");
    st.bind(1, pk).bind(2, content_id);
    auto r = st.step();
    if (!r)
        return r.error();
    if (!*r)
        return Error{Errc::not_found, "no attachment '" + std::string(content_id) + "'"};
    return OrderAttachment{static_cast<int>(st.int64(0)),
                           st.text(1),
                           st.text(2),
                           st.text(3),
                           st.int64(4),
                           st.text(5),
                           st.blob(6)};
}

Result<std::vector<OrderEvent>> order_events(Connection& conn, std::int64_t pk) {
    auto st =
        conn.prepare("SELECT at, kind, detail FROM order_event WHERE order_pk = ?1 ORDER BY id");
    st.bind(1, pk);
    std::vector<OrderEvent> out;
    if (auto done = st.for_each_row([&](Statement& row) {
            out.push_back(OrderEvent{from_unix(row.int64(0)), row.text(1), row.text(2)});
        });
        !done)
        return done.error();
    return out;
}

Result<void> add_order_event(Connection& conn, std::int64_t pk, std::string_view kind,
                             std::string_view detail, Timestamp at) {
    auto st = conn.prepare(
        "INSERT INTO order_event (order_pk, at, kind, detail) VALUES (?1, ?2, ?3, ?4)");
    st.bind(1, pk).bind(2, to_unix(at)).bind(3, kind).bind(4, detail);
    return st.run();
}

Result<std::vector<std::pair<OrderStatus, std::int64_t>>> count_orders_by_status(Connection& conn) {
    auto st =
        conn.prepare("SELECT status, count(*) FROM purchase_order GROUP BY status ORDER BY status");
    std::vector<std::pair<OrderStatus, std::int64_t>> out;
    if (auto done = st.for_each_row([&](Statement& row) {
            out.emplace_back(parse_order_status(row.text_view(0)).value_or(OrderStatus::received),
                             row.int64(1));
        });
        !done)
        return done.error();
    return out;
}

}  // namespace punchout::catalog
