#include "catalog/idempotency.hpp"

namespace punchout::catalog {

Result<std::optional<IdempotentAnswer>> find_idempotent_answer(Connection& conn,
                                                               ApiClientKey client,
                                                               std::string_view key) {
    auto st = conn.prepare(
        "SELECT request_hash, status, body, created_at FROM api_idempotency"
        " WHERE client_id = ?1 AND key = ?2");
    st.bind(1, client.value).bind(2, key);
    auto row = st.step();
    if (!row)
        return row.error();
    if (!*row)
        return std::optional<IdempotentAnswer>{};
    return std::optional<IdempotentAnswer>{IdempotentAnswer{
        st.text(0), static_cast<int>(st.int64(1)), st.text(2), from_unix(st.int64(3))}};
}

Result<void> store_idempotent_answer(Connection& conn, ApiClientKey client, std::string_view key,
                                     const IdempotentAnswer& answer) {
    auto st = conn.prepare(
        "INSERT INTO api_idempotency (client_id, key, request_hash, status, body, created_at)"
        " VALUES (?1, ?2, ?3, ?4, ?5, ?6)");
    st.bind(1, client.value)
        .bind(2, key)
        .bind(3, answer.request_hash)
        .bind(4, answer.status)
        .bind(5, answer.body)
        .bind(6, to_unix(answer.created_at));
    return st.run();
}

Result<std::int64_t> purge_idempotent_answers(Connection& conn, Timestamp before) {
    auto st = conn.prepare("DELETE FROM api_idempotency WHERE created_at < ?1");
    st.bind(1, to_unix(before));
    if (auto r = st.run(); !r)
        return r.error();
    return conn.changes();
}

}  // namespace punchout::catalog
