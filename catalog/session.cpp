#include "catalog/session.hpp"

#include "catalog/write_transaction.hpp"

namespace punchout::catalog {
namespace {

constexpr std::string_view session_columns =
    "id, start_key, session_key, csrf_token, buyer_id, sender_id, protocol, operation,"
    " buyer_cookie, return_url, return_target, deployment_mode, cxml_version, buyer_domain,"
    " buyer_identity, user_email, user_name, selected_item, setup_document, created_at,"
    " start_expires_at, started_at, expires_at, state, closed_at";

// Stored words not in a name table can only come from a hand-edited row; they read as the
// default rather than failing the whole read (the same in cart.cpp and order.cpp).
PunchoutSession read_session(const Statement& st) {
    PunchoutSession s;
    s.id = st.int64(0);
    s.start_key = st.text(1);
    s.session_key = st.text(2);
    s.csrf_token = st.text(3);
    s.buyer = BuyerKey{st.int64(4)};
    if (auto sender = st.optional_int64(5))
        s.sender = SenderKey{*sender};
    s.protocol = parse_session_protocol(st.text_view(6)).value_or(SessionProtocol::cxml);
    s.operation = parse_session_operation(st.text_view(7)).value_or(SessionOperation::create);
    s.buyer_cookie = st.text(8);
    s.return_url = st.text(9);
    s.return_target = st.text(10);
    s.deployment_mode =
        parse_deployment_mode(st.text_view(11)).value_or(DeploymentMode::production);
    s.cxml_version = st.text(12);
    s.buyer_credential = Credential{st.text(13), st.text(14)};
    s.user_email = st.text(15);
    s.user_name = st.text(16);
    s.selected_item = st.text(17);
    s.setup_document = st.text(18);
    s.created_at = from_unix(st.int64(19));
    s.start_expires_at = from_unix(st.int64(20));
    if (auto t = st.optional_int64(21))
        s.started_at = from_unix(*t);
    s.expires_at = from_unix(st.int64(22));
    s.state = parse_session_state(st.text_view(23)).value_or(SessionState::open);
    if (auto t = st.optional_int64(24))
        s.closed_at = from_unix(*t);
    return s;
}

Result<void> load_extrinsics(Connection& conn, PunchoutSession& s) {
    auto st = conn.prepare(
        "SELECT name, value FROM session_extrinsic WHERE session_id = ?1 ORDER BY position");
    st.bind(1, s.id);
    return st.for_each_row(
        [&](Statement& row) { s.extrinsics.emplace_back(row.text(0), row.text(1)); });
}

Result<PunchoutSession> find_by(Connection& conn, std::string_view where, auto bind) {
    auto st = conn.prepare(std::string("SELECT ") + std::string(session_columns) +
                           " FROM punchout_session WHERE " + std::string(where));
    bind(st);
    auto r = st.step();
    if (!r)
        return r.error();
    if (!*r)
        return Error{Errc::not_found, "no such punchout session"};
    auto session = read_session(st);
    st.reset();
    if (auto e = load_extrinsics(conn, session); !e)
        return e.error();
    return session;
}

}  // namespace

Result<PunchoutSession> create_session(Connection& conn, const PunchoutSession& session) {
    auto tx = WriteTransaction::begin(conn);
    if (!tx)
        return tx.error();
    auto st = conn.prepare(
        "INSERT INTO punchout_session (start_key, session_key, csrf_token, buyer_id, sender_id,"
        " protocol, operation, buyer_cookie, return_url, return_target, deployment_mode,"
        " cxml_version, buyer_domain, buyer_identity, user_email, user_name, selected_item,"
        " setup_document, created_at, start_expires_at, expires_at)"
        " VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12, ?13, ?14, ?15, ?16, ?17,"
        " ?18, ?19, ?20, ?21)");
    st.bind(1, session.start_key)
        .bind(2, session.session_key)
        .bind(3, session.csrf_token)
        .bind(4, session.buyer.value)
        .bind(6, to_string(session.protocol))
        .bind(7, to_string(session.operation))
        .bind(8, session.buyer_cookie)
        .bind(9, session.return_url)
        .bind(10, session.return_target)
        .bind(11, to_string(session.deployment_mode))
        .bind(12, session.cxml_version)
        .bind(13, session.buyer_credential.domain)
        .bind(14, session.buyer_credential.identity)
        .bind(15, session.user_email)
        .bind(16, session.user_name)
        .bind(17, session.selected_item)
        .bind(18, session.setup_document)
        .bind(19, to_unix(session.created_at))
        .bind(20, to_unix(session.start_expires_at))
        .bind(21, to_unix(session.expires_at));
    if (session.sender)
        st.bind(5, session.sender->value);
    else
        st.bind(5, nullptr);
    if (auto r = st.run(); !r)
        return r.error();
    PunchoutSession stored = session;
    stored.id = conn.last_insert_rowid();
    stored.state = SessionState::open;
    stored.started_at.reset();
    stored.closed_at.reset();

    auto ext = conn.prepare(
        "INSERT INTO session_extrinsic (session_id, position, name, value) VALUES (?1, ?2, ?3, "
        "?4)");
    for (std::size_t i = 0; i < session.extrinsics.size(); ++i) {
        ext.bind(1, stored.id)
            .bind(2, static_cast<std::int64_t>(i))
            .bind(3, session.extrinsics[i].first)
            .bind(4, session.extrinsics[i].second);
        if (auto r = ext.run(); !r)
            return r.error();
        ext.reset();
    }
    if (auto r = tx->commit(); !r)
        return r.error();
    return stored;
}

Result<StartOutcome> start_session(Connection& conn, std::string_view start_key, Timestamp now) {
    // One UPDATE decides: two browsers racing on the same key cannot both win.
    auto use = conn.prepare(
        "UPDATE punchout_session SET started_at = ?2 WHERE start_key = ?1"
        " AND started_at IS NULL AND start_expires_at > ?2 AND state = 'open'");
    use.bind(1, start_key).bind(2, to_unix(now));
    if (auto r = use.run(); !r)
        return r.error();
    const bool won = conn.changes() == 1;

    auto found = find_by(conn, "start_key = ?1", [&](Statement& st) { st.bind(1, start_key); });
    if (!found) {
        if (found.error().code == Errc::not_found)
            return StartOutcome{std::nullopt, StartRefusal::unknown};
        return found.error();
    }
    if (won)
        return StartOutcome{std::move(*found), StartRefusal::unknown};
    if (found->started_at || found->state != SessionState::open)
        return StartOutcome{std::nullopt, StartRefusal::already_used};
    return StartOutcome{std::nullopt, StartRefusal::expired};
}

Result<PunchoutSession> find_session(Connection& conn, std::string_view session_key) {
    return find_by(conn, "session_key = ?1", [&](Statement& st) { st.bind(1, session_key); });
}

Result<PunchoutSession> find_session(Connection& conn, std::int64_t id) {
    return find_by(conn, "id = ?1", [&](Statement& st) { st.bind(1, id); });
}

Result<void> close_session(Connection& conn, std::int64_t id, SessionState state, Timestamp at) {
    auto st = conn.prepare("UPDATE punchout_session SET state = ?2, closed_at = ?3 WHERE id = ?1");
    st.bind(1, id).bind(2, to_string(state)).bind(3, to_unix(at));
    if (auto r = st.run(); !r)
        return r;
    if (conn.changes() == 0)
        return Error{Errc::not_found, "no punchout session " + std::to_string(id)};
    return {};
}

Result<std::int64_t> purge_sessions(Connection& conn, Timestamp cutoff) {
    // Sessions that sent a cart stay: orders are checked against the transferred lines.
    auto st = conn.prepare(
        "DELETE FROM punchout_session WHERE expires_at < ?1"
        " AND NOT EXISTS (SELECT 1 FROM cart_transfer t WHERE t.session_id = punchout_session.id"
        " AND t.kind = 'cart')");
    st.bind(1, to_unix(cutoff));
    if (auto r = st.run(); !r)
        return r.error();
    return conn.changes();
}

Result<std::int64_t> count_open_sessions(Connection& conn, Timestamp now) {
    auto st = conn.prepare(
        "SELECT count(*) FROM punchout_session WHERE state = 'open' AND expires_at > ?1");
    st.bind(1, to_unix(now));
    auto r = st.step();
    if (!r)
        return r.error();
    return st.int64(0);
}

}  // namespace punchout::catalog
