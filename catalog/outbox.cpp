#include "catalog/outbox.hpp"

#include "catalog/order.hpp"
#include "catalog/write_transaction.hpp"

namespace punchout::catalog {
namespace {

constexpr std::string_view columns =
    "id, buyer_id, order_pk, document_type, payload_id, target_url, origin, status, attempts,"
    " next_attempt_at, last_error, last_http_status, last_cxml_status, coalesce(lease_owner, ''),"
    " lease_until, created_at, updated_at, delivered_at, api_client_id";

std::optional<Timestamp> optional_time(const Statement& st, int column) {
    if (auto v = st.optional_int64(column))
        return from_unix(*v);
    return std::nullopt;
}

std::optional<int> optional_int(const Statement& st, int column) {
    if (auto v = st.optional_int64(column))
        return static_cast<int>(*v);
    return std::nullopt;
}

// `columns`, then the body at column 19 when asked for.
OutboxEntry read_entry(const Statement& st, bool with_body) {
    OutboxEntry e;
    e.id = st.int64(0);
    e.buyer = BuyerKey{st.int64(1)};
    e.order_pk = st.optional_int64(2);
    e.document_type = st.text(3);
    e.payload_id = st.text(4);
    e.target_url = st.text(5);
    e.origin = st.text(6);
    e.status = parse_outbox_status(st.text_view(7)).value_or(OutboxStatus::pending);
    e.attempts = static_cast<int>(st.int64(8));
    e.next_attempt_at = from_unix(st.int64(9));
    e.last_error = st.text(10);
    e.last_http_status = optional_int(st, 11);
    e.last_cxml_status = optional_int(st, 12);
    e.lease_owner = st.text(13);
    e.lease_until = optional_time(st, 14);
    e.created_at = from_unix(st.int64(15));
    e.updated_at = from_unix(st.int64(16));
    e.delivered_at = optional_time(st, 17);
    if (auto client = st.optional_int64(18))
        e.api_client = ApiClientKey{*client};
    if (with_body)
        e.body = st.text(19);
    return e;
}

std::string select_sql(bool with_body) {
    return "SELECT " + std::string(columns) + (with_body ? ", body" : "") + " FROM outbox";
}

}  // namespace

Result<OutboxEntry> enqueue_document(Connection& conn, const NewOutboxDocument& doc, Timestamp at) {
    if (doc.document_type.empty() || doc.payload_id.empty() || doc.body.empty())
        return Error{Errc::invalid, "an outbound document needs a type, a payloadID and a body"};
    if (doc.target_url.empty())
        return Error{Errc::invalid, "an outbound document needs a target URL"};
    if (doc.origin != "admin" && doc.origin != "status-request" && doc.origin != "webhook")
        return Error{Errc::invalid, "unknown outbox origin '" + doc.origin + "'"};
    if ((doc.origin == "webhook") != doc.api_client.has_value())
        return Error{Errc::invalid, "a webhook delivery, and only one, names its API client"};
    auto st = conn.prepare(
        "INSERT INTO outbox (buyer_id, order_pk, document_type, payload_id, target_url, body,"
        " origin, next_attempt_at, created_at, updated_at, api_client_id)"
        " VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?8, ?8, ?9)");
    st.bind(1, doc.buyer.value)
        .bind(2, doc.order_pk)
        .bind(3, doc.document_type)
        .bind(4, doc.payload_id)
        .bind(5, doc.target_url)
        .bind(6, doc.body)
        .bind(7, doc.origin)
        .bind(8, to_unix(at))
        .bind(9,
              doc.api_client ? std::optional<std::int64_t>(doc.api_client->value) : std::nullopt);
    if (auto r = st.run(); !r) {
        if (r.error().code == Errc::constraint) {
            return Error{Errc::constraint,
                         "payloadID '" + doc.payload_id + "' is already in the outbox"};
        }
        return r.error();
    }
    OutboxEntry e;
    e.id = conn.last_insert_rowid();
    e.buyer = doc.buyer;
    e.order_pk = doc.order_pk;
    e.document_type = doc.document_type;
    e.payload_id = doc.payload_id;
    e.target_url = doc.target_url;
    e.body = doc.body;
    e.origin = doc.origin;
    e.api_client = doc.api_client;
    e.next_attempt_at = e.created_at = e.updated_at = at;
    return e;
}

Result<std::vector<OutboxEntry>> lease_due_documents(Connection& conn, std::string_view owner,
                                                     Timestamp now, std::chrono::seconds lease_for,
                                                     std::size_t limit) {
    std::vector<OutboxEntry> out;
    if (limit == 0)
        return out;
    auto tx = WriteTransaction::begin(conn);
    if (!tx)
        return tx.error();
    auto due = conn.prepare(select_sql(true) +
                            " WHERE status = 'pending' AND next_attempt_at <= ?1"
                            " AND (lease_until IS NULL OR lease_until <= ?1)"
                            " ORDER BY next_attempt_at, id LIMIT ?2");
    due.bind(1, to_unix(now)).bind(2, static_cast<std::int64_t>(limit));
    if (auto r = due.for_each_row([&](Statement& row) { out.push_back(read_entry(row, true)); });
        !r)
        return r.error();
    due.reset();
    auto lease = conn.prepare(
        "UPDATE outbox SET lease_owner = ?2, lease_until = ?3, attempts = attempts + 1,"
        " updated_at = ?4 WHERE id = ?1");
    const Timestamp until = now + lease_for;
    for (auto& e : out) {
        lease.bind(1, e.id).bind(2, owner).bind(3, to_unix(until)).bind(4, to_unix(now));
        if (auto r = lease.run(); !r)
            return r.error();
        lease.reset();
        e.lease_owner = std::string(owner);
        e.lease_until = until;
        e.attempts += 1;
        e.updated_at = now;
    }
    if (auto r = tx->commit(); !r)
        return r.error();
    return out;
}

Result<bool> record_attempt(Connection& conn, std::int64_t id, std::string_view owner,
                            const AttemptOutcome& outcome, Timestamp at) {
    auto tx = WriteTransaction::begin(conn);
    if (!tx)
        return tx.error();
    const bool delivered = outcome.status == OutboxStatus::delivered;
    auto st = conn.prepare(
        "UPDATE outbox SET status = ?3, next_attempt_at = ?4, last_error = ?5,"
        " last_http_status = ?6, last_cxml_status = ?7, lease_owner = NULL, lease_until = NULL,"
        " updated_at = ?8, delivered_at = CASE WHEN ?3 = 'delivered' THEN ?8 ELSE delivered_at END"
        " WHERE id = ?1 AND lease_owner = ?2");
    st.bind(1, id)
        .bind(2, owner)
        .bind(3, to_string(outcome.status))
        .bind(4, to_unix(delivered ? at : outcome.next_attempt_at))
        .bind(5, outcome.error)
        .bind(6, outcome.http_status ? std::optional<std::int64_t>(*outcome.http_status)
                                     : std::nullopt)
        .bind(7, outcome.cxml_status ? std::optional<std::int64_t>(*outcome.cxml_status)
                                     : std::nullopt)
        .bind(8, to_unix(at));
    if (auto r = st.run(); !r)
        return r.error();
    if (conn.changes() == 0)
        return false;
    st.reset();
    if (outcome.status != OutboxStatus::pending) {
        auto doc = conn.prepare(
            "SELECT order_pk, document_type, payload_id, target_url, attempts FROM outbox"
            " WHERE id = ?1");
        doc.bind(1, id);
        auto row = doc.step();
        if (!row)
            return row.error();
        if (*row && !doc.is_null(0)) {
            const std::int64_t order_pk = doc.int64(0);
            std::string detail = doc.text(1) + " " + doc.text(2) + " to " + doc.text(3);
            const std::string attempts = std::to_string(doc.int64(4));
            doc.reset();
            if (delivered) {
                detail += " (attempt " + attempts + ")";
            } else {
                detail += ": " + outcome.error;
            }
            if (auto r = add_order_event(conn, order_pk,
                                         delivered ? "document-delivered" : "document-failed",
                                         detail, at);
                !r) {
                return r.error();
            }
        }
    }
    if (auto r = tx->commit(); !r)
        return r.error();
    return true;
}

Result<std::int64_t> release_leases(Connection& conn, std::string_view owner, Timestamp at) {
    auto st = conn.prepare(
        "UPDATE outbox SET lease_owner = NULL, lease_until = NULL, next_attempt_at = ?2,"
        " updated_at = ?2 WHERE lease_owner = ?1 AND status = 'pending'");
    st.bind(1, owner).bind(2, to_unix(at));
    if (auto r = st.run(); !r)
        return r.error();
    return conn.changes();
}

Result<std::vector<std::string>> outbox_lease_owners(Connection& conn) {
    auto st = conn.prepare(
        "SELECT DISTINCT lease_owner FROM outbox WHERE status = 'pending'"
        " AND lease_owner IS NOT NULL ORDER BY lease_owner");
    std::vector<std::string> out;
    if (auto r = st.for_each_row([&](Statement& row) { out.push_back(row.text(0)); }); !r)
        return r.error();
    return out;
}

Result<std::optional<Timestamp>> next_outbox_wakeup(Connection& conn) {
    // Two indexed lookups rather than one scan of every pending row: the earliest document
    // nobody leases (outbox_due, stops at the first row), and the earliest a lease runs out
    // (outbox_leased: only the few documents in flight).
    std::optional<Timestamp> earliest;
    auto free = conn.prepare(
        "SELECT next_attempt_at FROM outbox WHERE status = 'pending' AND lease_until IS NULL"
        " ORDER BY next_attempt_at LIMIT 1");
    auto r = free.step();
    if (!r)
        return r.error();
    if (*r)
        earliest = from_unix(free.int64(0));
    free.reset();
    auto leased = conn.prepare(
        "SELECT min(max(next_attempt_at, lease_until)) FROM outbox"
        " WHERE lease_until IS NOT NULL AND status = 'pending'");
    r = leased.step();
    if (!r)
        return r.error();
    if (auto t = optional_time(leased, 0); t && (!earliest || *t < *earliest))
        earliest = t;
    return earliest;
}

Result<std::vector<OutboxEntry>> list_outbox(Connection& conn, const OutboxFilter& filter) {
    auto st = conn.prepare(select_sql(filter.with_body) +
                           " WHERE (?1 IS NULL OR status = ?1) AND (?2 IS NULL OR buyer_id = ?2)"
                           " AND (?3 IS NULL OR order_pk = ?3) AND (?4 = '' OR origin = ?4)"
                           " ORDER BY id DESC LIMIT ?5");
    if (filter.status)
        st.bind(1, to_string(*filter.status));
    else
        st.bind(1, nullptr);
    if (filter.buyer)
        st.bind(2, filter.buyer->value);
    else
        st.bind(2, nullptr);
    st.bind(3, filter.order_pk)
        .bind(4, filter.origin)
        .bind(5, static_cast<std::int64_t>(filter.limit));
    std::vector<OutboxEntry> out;
    if (auto r = st.for_each_row(
            [&](Statement& row) { out.push_back(read_entry(row, filter.with_body)); });
        !r)
        return r.error();
    return out;
}

Result<OutboxEntry> find_outbox_document(Connection& conn, std::int64_t id) {
    auto st = conn.prepare(select_sql(true) + " WHERE id = ?1");
    st.bind(1, id);
    auto r = st.step();
    if (!r)
        return r.error();
    if (!*r)
        return Error{Errc::not_found, "no outbox document " + std::to_string(id)};
    return read_entry(st, true);
}

Result<OutboxEntry> retry_outbox_document(Connection& conn, std::int64_t id,
                                          std::string_view target_url, Timestamp now) {
    auto tx = WriteTransaction::begin(conn);
    if (!tx)
        return tx.error();
    auto current = find_outbox_document(conn, id);
    if (!current)
        return current.error();
    if (current->status == OutboxStatus::delivered) {
        return Error{Errc::invalid, "outbox document " + std::to_string(id) +
                                        " was delivered already; " + "there is nothing to retry"};
    }
    if (current->lease_until && *current->lease_until > now) {
        return Error{Errc::invalid, "outbox document " + std::to_string(id) +
                                        " is being sent right now; look again shortly"};
    }
    if (target_url.empty())
        return Error{Errc::invalid, "the buyer has no document URL to send to"};
    auto st = conn.prepare(
        "UPDATE outbox SET status = 'pending', attempts = 0, next_attempt_at = ?2,"
        " target_url = ?3, lease_owner = NULL, lease_until = NULL, updated_at = ?2"
        " WHERE id = ?1");
    st.bind(1, id).bind(2, to_unix(now)).bind(3, target_url);
    if (auto r = st.run(); !r)
        return r.error();
    if (current->order_pk) {
        if (auto r = add_order_event(
                conn, *current->order_pk, "document-retry",
                current->document_type + " " + current->payload_id + " queued again by an admin",
                now);
            !r) {
            return r.error();
        }
    }
    auto updated = find_outbox_document(conn, id);
    if (!updated)
        return updated.error();
    if (auto r = tx->commit(); !r)
        return r.error();
    return updated;
}

Result<std::vector<std::pair<std::string, std::int64_t>>> count_outbox_by_status(Connection& conn) {
    auto st = conn.prepare("SELECT status, count(*) FROM outbox GROUP BY status");
    std::vector<std::pair<std::string, std::int64_t>> out{
        {"pending", 0}, {"delivered", 0}, {"failed", 0}};
    for (;;) {
        auto r = st.step();
        if (!r)
            return r.error();
        if (!*r)
            return out;
        for (auto& [status, n] : out) {
            if (status == st.text_view(0))
                n = st.int64(1);
        }
    }
}

}  // namespace punchout::catalog
