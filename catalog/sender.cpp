#include "catalog/sender.hpp"

#include "catalog/detail/field_rules.hpp"
#include "catalog/detail/secret_hash.hpp"
#include "catalog/write_transaction.hpp"

namespace punchout::catalog {
namespace {

constexpr std::size_t min_secret = 8;
constexpr std::size_t max_secret = 1024;

std::optional<Error> check_secret(std::string_view secret) {
    if (secret.size() < min_secret || secret.size() > max_secret) {
        return Error{Errc::invalid, "a shared secret must be " + std::to_string(min_secret) + "-" +
                                        std::to_string(max_secret) + " bytes"};
    }
    if (!detail::is_valid_utf8(secret)) {
        return Error{Errc::invalid, "a shared secret must be UTF-8 text"};
    }
    return std::nullopt;
}

std::optional<Error> check_mac_key(std::string_view key) {
    if (key.size() < 16 || key.size() > max_secret) {
        return Error{Errc::invalid, "a MAC key must be 16-1024 bytes"};
    }
    return std::nullopt;
}

constexpr const char* sender_select =
    "SELECT id, code, domain, identity, enabled, any_buyer, secret_hash, mac_key, created_at,"
    " updated_at, previous_secret_hash, client_certificate_sha256 FROM sender ";

Result<Sender> load_one(Statement& st, std::string_view what) {
    auto row = st.step();
    if (!row)
        return row.error();
    if (!*row)
        return Error{Errc::not_found, "no sender " + std::string(what)};
    Sender s;
    s.key = SenderKey{st.int64(0)};
    s.id = st.text(1);
    s.credential = {st.text(2), st.text(3)};
    s.enabled = st.int64(4) != 0;
    s.any_buyer = st.int64(5) != 0;
    s.secret_hash = st.text(6);
    s.mac_key = st.optional_text(7);
    s.created_at = from_unix(st.int64(8));
    s.updated_at = from_unix(st.int64(9));
    s.previous_secret_hash = st.text(10);
    s.client_certificate_sha256 = st.text(11);
    return s;
}

Result<void> write_links(Connection& conn, SenderKey key, bool any_buyer,
                         const std::vector<std::string>& buyer_ids) {
    auto clear = conn.prepare("DELETE FROM sender_buyer WHERE sender_id = ?1");
    clear.bind(1, key.value);
    if (auto r = clear.run(); !r)
        return r;
    if (any_buyer)
        return {};
    for (const auto& id : buyer_ids) {
        auto st = conn.prepare(
            "INSERT OR IGNORE INTO sender_buyer (sender_id, buyer_id)"
            " SELECT ?1, id FROM buyer WHERE code = ?2");
        st.bind(1, key.value).bind(2, id);
        if (auto r = st.run(); !r)
            return r;
        if (conn.changes() == 0) {
            auto exists = conn.prepare("SELECT 1 FROM buyer WHERE code = ?1");
            exists.bind(1, id);
            auto row = exists.step();
            if (!row)
                return row.error();
            if (!*row)
                return Error{Errc::not_found, "no buyer '" + id + "'"};
        }
    }
    return {};
}

Result<SenderKey> key_of(Connection& conn, std::string_view id) {
    auto st = conn.prepare("SELECT id FROM sender WHERE code = ?1");
    st.bind(1, id);
    auto row = st.step();
    if (!row)
        return row.error();
    if (!*row)
        return Error{Errc::not_found, "no sender '" + std::string(id) + "'"};
    return SenderKey{st.int64(0)};
}

// Runs an UPDATE on the sender `id` and maps "no row" to not_found.
Result<void> update_one(Connection& conn, Statement& st, std::string_view id) {
    if (auto r = st.run(); !r)
        return r;
    if (conn.changes() == 0)
        return Error{Errc::not_found, "no sender '" + std::string(id) + "'"};
    return {};
}

}  // namespace

Result<Sender> add_sender(Connection& conn, const NewSender& s) {
    if (auto p = detail::check_code(s.id)) {
        return Error{Errc::invalid, "sender id '" + s.id + "' " + *p};
    }
    for (const auto* part : {&s.credential.domain, &s.credential.identity}) {
        if (auto p = detail::check_identifier(*part)) {
            return Error{Errc::invalid, "credential '" + s.credential.to_string() + "' " + *p};
        }
    }
    if (auto e = check_secret(s.shared_secret))
        return *e;
    if (s.mac_key) {
        if (auto e = check_mac_key(*s.mac_key))
            return *e;
    }
    if (!s.any_buyer && s.buyer_ids.empty()) {
        return Error{Errc::invalid, "a sender acts for listed buyers or for any buyer; none given"};
    }
    auto tx = WriteTransaction::begin(conn);
    if (!tx)
        return tx.error();
    {
        auto taken = conn.prepare(
            "SELECT code FROM sender WHERE (domain = ?1 AND identity_key = ?2) OR code = ?3");
        taken.bind(1, s.credential.domain)
            .bind(2, identity_key(s.credential.domain, s.credential.identity))
            .bind(3, s.id);
        auto row = taken.step();
        if (!row)
            return row.error();
        if (*row) {
            return Error{Errc::constraint, taken.text(0) == s.id
                                               ? "sender '" + s.id + "' already exists"
                                               : "credential " + s.credential.to_string() +
                                                     " already belongs to sender '" +
                                                     taken.text(0) + "'"};
        }
    }
    const auto t = to_unix(now());
    auto st = conn.prepare(
        "INSERT INTO sender (code, domain, identity, secret_hash, mac_key, any_buyer, enabled,"
        " created_at, updated_at, identity_key) VALUES (?1, ?2, ?3, ?4, ?5, ?6, 1, ?7, ?7, ?8)");
    st.bind(1, s.id)
        .bind(2, s.credential.domain)
        .bind(3, s.credential.identity)
        .bind(4, detail::hash_secret(s.shared_secret))
        .bind(5, s.mac_key)
        .bind(6, s.any_buyer ? 1 : 0)
        .bind(7, t)
        .bind(8, identity_key(s.credential.domain, s.credential.identity));
    if (auto r = st.run(); !r)
        return r.error();
    const SenderKey key{conn.last_insert_rowid()};
    if (auto r = write_links(conn, key, s.any_buyer, s.buyer_ids); !r)
        return r.error();
    if (auto r = tx->commit(); !r)
        return r.error();
    return find_sender(conn, s.id);
}

Result<Sender> find_sender(Connection& conn, std::string_view id) {
    auto st = conn.prepare(std::string(sender_select) + "WHERE code = ?1");
    st.bind(1, id);
    return load_one(st, "'" + std::string(id) + "'");
}

Result<Sender> find_sender_by_credential(Connection& conn, const Credential& credential) {
    auto st = conn.prepare(std::string(sender_select) + "WHERE domain = ?1 AND identity_key = ?2");
    st.bind(1, credential.domain).bind(2, identity_key(credential.domain, credential.identity));
    return load_one(st, "with credential " + credential.to_string());
}

Result<std::vector<Sender>> list_senders(Connection& conn) {
    auto st = conn.prepare(std::string(sender_select) + "ORDER BY code");
    std::vector<Sender> out;
    for (;;) {
        auto s = load_one(st, "");
        if (!s) {
            if (s.error().code == Errc::not_found)
                return out;
            return s.error();
        }
        out.push_back(std::move(*s));
    }
}

Result<std::vector<std::string>> sender_buyers(Connection& conn, SenderKey key) {
    auto st = conn.prepare(
        "SELECT b.code FROM sender_buyer sb JOIN buyer b ON b.id = sb.buyer_id"
        " WHERE sb.sender_id = ?1 ORDER BY b.code");
    st.bind(1, key.value);
    std::vector<std::string> out;
    for (;;) {
        auto r = st.step();
        if (!r)
            return r.error();
        if (!*r)
            return out;
        out.push_back(st.text(0));
    }
}

Result<bool> sender_may_act_for(Connection& conn, SenderKey sender, BuyerKey buyer) {
    auto st = conn.prepare(
        "SELECT s.enabled AND (s.any_buyer OR EXISTS (SELECT 1 FROM sender_buyer sb"
        " WHERE sb.sender_id = s.id AND sb.buyer_id = ?2)) FROM sender s WHERE s.id = ?1");
    st.bind(1, sender.value).bind(2, buyer.value);
    auto row = st.step();
    if (!row)
        return row.error();
    return *row && st.int64(0) != 0;
}

bool verify_shared_secret(const Sender& sender, std::string_view secret) noexcept {
    // Both are checked every time, so the answer takes as long either way.
    const bool current = detail::verify_hashed(sender.secret_hash, secret);
    const bool previous = !sender.previous_secret_hash.empty() &&
                          detail::verify_hashed(sender.previous_secret_hash, secret);
    return current || previous;
}

Result<void> set_sender_enabled(Connection& conn, std::string_view id, bool enabled) {
    auto st = conn.prepare("UPDATE sender SET enabled = ?2, updated_at = ?3 WHERE code = ?1");
    st.bind(1, id).bind(2, enabled ? 1 : 0).bind(3, to_unix(now()));
    return update_one(conn, st, id);
}

Result<void> set_sender_secret(Connection& conn, std::string_view id, std::string_view secret,
                               bool keep_previous) {
    if (auto e = check_secret(secret))
        return *e;
    auto st = conn.prepare(
        "UPDATE sender SET previous_secret_hash = CASE WHEN ?4 THEN secret_hash ELSE '' END,"
        " secret_hash = ?2, updated_at = ?3 WHERE code = ?1");
    st.bind(1, id)
        .bind(2, detail::hash_secret(secret))
        .bind(3, to_unix(now()))
        .bind(4, keep_previous ? 1 : 0);
    return update_one(conn, st, id);
}

Result<void> set_sender_client_certificate(Connection& conn, std::string_view id,
                                           std::string_view sha256) {
    std::string hex;
    for (char c : sha256) {
        if (c == ':')
            continue;
        const bool digit =
            (c >= '0' && c <= '9') || (c >= 'a' && c <= 'f') || (c >= 'A' && c <= 'F');
        if (!digit) {
            return Error{Errc::invalid, "a certificate fingerprint is 64 hex digits (SHA-256)"};
        }
        hex += static_cast<char>(c >= 'A' && c <= 'F' ? c - 'A' + 'a' : c);
    }
    if (!hex.empty() && hex.size() != 64)
        return Error{Errc::invalid, "a certificate fingerprint is 64 hex digits (SHA-256)"};
    auto st = conn.prepare(
        "UPDATE sender SET client_certificate_sha256 = ?2, updated_at = ?3 WHERE code = ?1");
    st.bind(1, id).bind(2, hex).bind(3, to_unix(now()));
    return update_one(conn, st, id);
}

Result<void> retire_previous_secret(Connection& conn, std::string_view id) {
    auto st = conn.prepare(
        "UPDATE sender SET previous_secret_hash = '', updated_at = ?2 WHERE code = ?1");
    st.bind(1, id).bind(2, to_unix(now()));
    return update_one(conn, st, id);
}

Result<void> set_sender_mac_key(Connection& conn, std::string_view id,
                                std::optional<std::string_view> key) {
    if (key) {
        if (auto e = check_mac_key(*key))
            return *e;
    }
    auto st = conn.prepare("UPDATE sender SET mac_key = ?2, updated_at = ?3 WHERE code = ?1");
    st.bind(1, id).bind(2, key).bind(3, to_unix(now()));
    return update_one(conn, st, id);
}

Result<void> set_sender_buyers(Connection& conn, std::string_view id, bool any_buyer,
                               const std::vector<std::string>& buyer_ids) {
    if (!any_buyer && buyer_ids.empty()) {
        return Error{Errc::invalid, "a sender acts for listed buyers or for any buyer; none given"};
    }
    auto tx = WriteTransaction::begin(conn);
    if (!tx)
        return tx.error();
    auto key = key_of(conn, id);
    if (!key)
        return key.error();
    auto st = conn.prepare("UPDATE sender SET any_buyer = ?2, updated_at = ?3 WHERE id = ?1");
    st.bind(1, key->value).bind(2, any_buyer ? 1 : 0).bind(3, to_unix(now()));
    if (auto r = st.run(); !r)
        return r;
    if (auto r = write_links(conn, *key, any_buyer, buyer_ids); !r)
        return r;
    return tx->commit();
}

}  // namespace punchout::catalog
