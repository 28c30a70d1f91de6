#include "catalog/buyer.hpp"

#include "catalog/detail/field_rules.hpp"
#include "catalog/detail/secret_hash.hpp"
#include "catalog/write_transaction.hpp"

#include <algorithm>
#include <set>

namespace punchout::catalog {
namespace {

using detail::Problem;

Error invalid(const std::string& what, std::string_view value, const std::string& problem) {
    return Error{Errc::invalid, what + " '" + std::string(value) + "' " + problem};
}

std::optional<Error> check_buyer(const Buyer& b) {
    if (auto p = detail::check_code(b.id))
        return invalid("buyer id", b.id, *p);
    if (auto p = detail::check_required_text(b.name, 255))
        return invalid("name", b.name, *p);
    if (b.credentials.empty()) {
        return Error{Errc::invalid, "a buyer needs at least one From credential"};
    }
    for (const auto& c : b.credentials) {
        if (auto p = detail::check_identifier(c.domain)) {
            return invalid("credential domain", c.domain, *p);
        }
        if (auto p = detail::check_identifier(c.identity)) {
            return invalid("credential identity", c.identity, *p);
        }
    }
    if (auto p = detail::check_currency(b.default_currency)) {
        return invalid("currency", b.default_currency, *p);
    }
    if (auto p = detail::check_cxml_version(b.cxml_version)) {
        return invalid("cXML version", b.cxml_version, *p);
    }
    for (const auto& [ours, theirs] : b.unit_map) {
        if (auto p = detail::check_unit_code(ours))
            return invalid("unit code", ours, *p);
        if (auto p = detail::check_identifier(theirs, 32)) {
            return invalid("buyer unit code", theirs, *p);
        }
    }
    for (const auto& path : b.view_categories) {
        std::string problem;
        auto normal = detail::normalize_category(path, problem);
        if (!normal || normal->empty() || *normal != path) {
            return invalid("category", path,
                           problem.empty() ? "is not a normalized path ('A > B > C')" : problem);
        }
    }
    if (!b.document_url.empty()) {
        if (auto p = detail::check_http_url(b.document_url)) {
            return invalid("document URL", b.document_url, *p);
        }
    }
    for (const auto& o : b.frame_origins) {
        if (auto p = detail::check_origin(o))
            return invalid("frame origin", o, *p);
    }
    for (const auto& h : b.postback_hosts) {
        if (auto p = detail::check_host(h))
            return invalid("post-back host", h, *p);
    }
    if (b.outbound_credential.domain.empty() != b.outbound_credential.identity.empty()) {
        return Error{Errc::invalid, "the outbound credential needs a domain and an identity"};
    }
    for (const auto* part : {&b.outbound_credential.domain, &b.outbound_credential.identity,
                             &b.outbound_test_identity}) {
        if (part->empty())
            continue;
        if (auto p = detail::check_text(*part, 256))
            return invalid("outbound credential", *part, *p);
    }
    if (!b.outbound_test_identity.empty() && b.outbound_credential.domain.empty()) {
        return Error{Errc::invalid,
                     "an outbound test identity needs the outbound credential's domain"};
    }
    if (!b.outbound_secret.empty() && b.outbound_secret.size() < 8) {
        return Error{Errc::invalid, "the outbound secret must be at least 8 bytes"};
    }
    if (auto p = detail::check_identifier(b.platform, 16))
        return invalid("platform", b.platform, *p);
    if (!b.oci_hook_field.empty()) {
        if (auto p = detail::check_identifier(b.oci_hook_field, 64))
            return invalid("OCI return-URL field", b.oci_hook_field, *p);
    }
    if (!b.oci_username.empty()) {
        if (auto p = detail::check_identifier(b.oci_username, 64)) {
            return invalid("OCI username", b.oci_username, *p);
        }
    }
    return std::nullopt;
}

// Runs a statement that returns text rows into `out`.
Result<void> collect(Statement& st, std::vector<std::string>& out) {
    return st.for_each_row([&](Statement& row) { out.push_back(row.text(0)); });
}

Result<Buyer> load_lists(Connection& conn, Buyer b) {
    {
        auto st = conn.prepare(
            "SELECT domain, identity FROM buyer_credential WHERE buyer_id = ?1 ORDER BY rowid");
        st.bind(1, b.key.value);
        if (auto r = st.for_each_row([&](Statement& row) {
                b.credentials.push_back({row.text(0), row.text(1)});
            });
            !r)
            return r.error();
    }
    {
        auto st = conn.prepare(
            "SELECT our_code, their_code FROM buyer_unit_map WHERE buyer_id = ?1 ORDER BY "
            "our_code");
        st.bind(1, b.key.value);
        if (auto r = st.for_each_row(
                [&](Statement& row) { b.unit_map.emplace_back(row.text(0), row.text(1)); });
            !r)
            return r.error();
    }
    struct List {
        const char* sql;
        std::vector<std::string>* out;
    };
    const List lists[] = {
        {"SELECT path FROM buyer_view_category WHERE buyer_id = ?1 ORDER BY path",
         &b.view_categories},
        {"SELECT origin FROM buyer_frame_origin WHERE buyer_id = ?1 ORDER BY origin",
         &b.frame_origins},
        {"SELECT host FROM buyer_postback_host WHERE buyer_id = ?1 ORDER BY host",
         &b.postback_hosts},
    };
    for (const auto& list : lists) {
        auto st = conn.prepare(list.sql);
        st.bind(1, b.key.value);
        if (auto r = collect(st, *list.out); !r)
            return r.error();
    }
    auto count = conn.prepare("SELECT count(*) FROM buyer_view_sku WHERE buyer_id = ?1");
    count.bind(1, b.key.value);
    if (auto r = count.step(); !r)
        return r.error();
    b.view_sku_count = count.int64(0);
    return b;
}

constexpr const char* buyer_select =
    "SELECT id, code, name, enabled, default_currency, cxml_version, cart_transport,"
    " order_policy, document_url, coalesce(oci_username, ''), oci_password_hash IS NOT NULL,"
    " created_at, updated_at, outbound_domain, outbound_identity, outbound_test_identity,"
    " outbound_secret, oci_hook_field, platform, http_status FROM buyer ";

Result<Buyer> load_one(Connection& conn, Statement& st, std::string_view what) {
    auto row = st.step();
    if (!row)
        return row.error();
    if (!*row)
        return Error{Errc::not_found, "no buyer " + std::string(what)};
    Buyer b;
    b.key = BuyerKey{st.int64(0)};
    b.id = st.text(1);
    b.name = st.text(2);
    b.enabled = st.int64(3) != 0;
    b.default_currency = st.text(4);
    b.cxml_version = st.text(5);
    b.cart_transport = parse_cart_transport(st.text_view(6)).value_or(CartTransport::cxml_base64);
    b.order_policy = parse_order_policy(st.text_view(7)).value_or(OrderPolicy::accept_and_flag);
    b.document_url = st.text(8);
    b.oci_username = st.text(9);
    b.has_oci_password = st.int64(10) != 0;
    b.created_at = from_unix(st.int64(11));
    b.updated_at = from_unix(st.int64(12));
    b.outbound_credential = {st.text(13), st.text(14)};
    b.outbound_test_identity = st.text(15);
    b.outbound_secret = st.text(16);
    b.oci_hook_field = st.text(17);
    b.platform = st.text(18);
    b.http_status = parse_http_status_rule(st.text_view(19)).value_or(HttpStatusRule::cxml);
    st.reset();
    return load_lists(conn, std::move(b));
}

// The columns later migrations added (010, 011, 013).
Result<void> write_added_columns(Connection& conn, const Buyer& b) {
    auto st = conn.prepare(
        "UPDATE buyer SET outbound_domain = ?2, outbound_identity = ?3,"
        " outbound_test_identity = ?4, outbound_secret = ?5, oci_hook_field = ?6,"
        " platform = ?7, http_status = ?8 WHERE id = ?1");
    st.bind(1, b.key.value)
        .bind(2, b.outbound_credential.domain)
        .bind(3, b.outbound_credential.identity)
        .bind(4, b.outbound_test_identity)
        .bind(5, b.outbound_secret)
        .bind(6, b.oci_hook_field)
        .bind(7, b.platform)
        .bind(8, to_string(b.http_status));
    return st.run();
}

// Writes every list of `b` (the buyer row exists), replacing what was there.
Result<void> write_lists(Connection& conn, const Buyer& b) {
    for (const char* table : {"buyer_credential", "buyer_unit_map", "buyer_view_category",
                              "buyer_frame_origin", "buyer_postback_host"}) {
        auto st = conn.prepare(std::string("DELETE FROM ") + table + " WHERE buyer_id = ?1");
        st.bind(1, b.key.value);
        if (auto r = st.run(); !r)
            return r;
    }
    for (const auto& c : b.credentials) {
        auto owner = conn.prepare(
            "SELECT b.code FROM buyer_credential c JOIN buyer b ON b.id = c.buyer_id"
            " WHERE c.domain = ?1 AND c.identity_key = ?2");
        owner.bind(1, c.domain).bind(2, identity_key(c.domain, c.identity));
        auto found = owner.step();
        if (!found)
            return found.error();
        if (*found) {
            if (owner.text_view(0) == b.id)
                continue;  // listed twice (domains ignore case)
            return Error{Errc::constraint, "credential " + c.to_string() +
                                               " already names buyer '" + owner.text(0) + "'"};
        }
        owner.reset();
        auto st = conn.prepare(
            "INSERT INTO buyer_credential (buyer_id, domain, identity, identity_key)"
            " VALUES (?1, ?2, ?3, ?4)");
        st.bind(1, b.key.value)
            .bind(2, c.domain)
            .bind(3, c.identity)
            .bind(4, identity_key(c.domain, c.identity));
        if (auto r = st.run(); !r)
            return r;
    }
    for (const auto& [ours, theirs] : b.unit_map) {
        auto st = conn.prepare(
            "INSERT OR REPLACE INTO buyer_unit_map (buyer_id, our_code, their_code)"
            " VALUES (?1, ?2, ?3)");
        st.bind(1, b.key.value).bind(2, ours).bind(3, theirs);
        if (auto r = st.run(); !r)
            return r;
    }
    struct List {
        const char* sql;
        const std::vector<std::string>* values;
    };
    const List lists[] = {
        {"INSERT OR IGNORE INTO buyer_view_category (buyer_id, path) VALUES (?1, ?2)",
         &b.view_categories},
        {"INSERT OR IGNORE INTO buyer_frame_origin (buyer_id, origin) VALUES (?1, ?2)",
         &b.frame_origins},
        {"INSERT OR IGNORE INTO buyer_postback_host (buyer_id, host) VALUES (?1, ?2)",
         &b.postback_hosts},
    };
    for (const auto& list : lists) {
        for (const auto& v : *list.values) {
            auto st = conn.prepare(list.sql);
            st.bind(1, b.key.value).bind(2, v);
            if (auto r = st.run(); !r)
                return r;
        }
    }
    return {};
}

Result<BuyerKey> key_of(Connection& conn, std::string_view id) {
    auto st = conn.prepare("SELECT id FROM buyer WHERE code = ?1");
    st.bind(1, id);
    auto row = st.step();
    if (!row)
        return row.error();
    if (!*row)
        return Error{Errc::not_found, "no buyer '" + std::string(id) + "'"};
    return BuyerKey{st.int64(0)};
}

}  // namespace

std::string Buyer::unit_for(std::string_view our_code) const {
    for (const auto& [ours, theirs] : unit_map) {
        if (ours == our_code)
            return theirs;
    }
    return std::string(our_code);
}

Result<Buyer> add_buyer(Connection& conn, const Buyer& buyer) {
    if (auto e = check_buyer(buyer))
        return *e;
    auto tx = WriteTransaction::begin(conn);
    if (!tx)
        return tx.error();
    if (key_of(conn, buyer.id)) {
        return Error{Errc::constraint, "buyer '" + buyer.id + "' already exists"};
    }
    const auto t = to_unix(now());
    auto st = conn.prepare(
        "INSERT INTO buyer (code, name, enabled, default_currency, cxml_version, cart_transport,"
        " order_policy, document_url, oci_username, created_at, updated_at)"
        " VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?10)");
    st.bind(1, buyer.id)
        .bind(2, buyer.name)
        .bind(3, buyer.enabled ? 1 : 0)
        .bind(4, buyer.default_currency)
        .bind(5, buyer.cxml_version)
        .bind(6, to_string(buyer.cart_transport))
        .bind(7, to_string(buyer.order_policy))
        .bind(8, buyer.document_url)
        .bind(10, t);
    if (buyer.oci_username.empty())
        st.bind(9, nullptr);
    else
        st.bind(9, buyer.oci_username);
    if (auto r = st.run(); !r) {
        if (r.error().code == Errc::constraint) {
            return Error{Errc::constraint, "OCI username '" + buyer.oci_username +
                                               "' is already used by another buyer"};
        }
        return r.error();
    }
    Buyer stored = buyer;
    stored.key = BuyerKey{conn.last_insert_rowid()};
    if (auto r = write_lists(conn, stored); !r)
        return r.error();
    if (auto r = write_added_columns(conn, stored); !r)
        return r.error();
    if (auto r = tx->commit(); !r)
        return r.error();
    return find_buyer(conn, stored.key);
}

Result<Buyer> update_buyer(Connection& conn, const Buyer& buyer) {
    if (auto e = check_buyer(buyer))
        return *e;
    auto tx = WriteTransaction::begin(conn);
    if (!tx)
        return tx.error();
    auto st = conn.prepare(
        "UPDATE buyer SET code = ?2, name = ?3, enabled = ?4, default_currency = ?5,"
        " cxml_version = ?6, cart_transport = ?7, order_policy = ?8, document_url = ?9,"
        " oci_username = ?10, updated_at = ?11 WHERE id = ?1");
    st.bind(1, buyer.key.value)
        .bind(2, buyer.id)
        .bind(3, buyer.name)
        .bind(4, buyer.enabled ? 1 : 0)
        .bind(5, buyer.default_currency)
        .bind(6, buyer.cxml_version)
        .bind(7, to_string(buyer.cart_transport))
        .bind(8, to_string(buyer.order_policy))
        .bind(9, buyer.document_url)
        .bind(11, to_unix(now()));
    if (buyer.oci_username.empty())
        st.bind(10, nullptr);
    else
        st.bind(10, buyer.oci_username);
    if (auto r = st.run(); !r) {
        if (r.error().code == Errc::constraint) {
            return Error{Errc::constraint,
                         "the id or OCI username is already used by another "
                         "buyer"};
        }
        return r.error();
    }
    if (conn.changes() == 0)
        return Error{Errc::not_found, "no buyer '" + buyer.id + "'"};
    if (buyer.oci_username.empty()) {
        auto clear = conn.prepare("UPDATE buyer SET oci_password_hash = NULL WHERE id = ?1");
        clear.bind(1, buyer.key.value);
        if (auto r = clear.run(); !r)
            return r.error();
    }
    if (auto r = write_lists(conn, buyer); !r)
        return r.error();
    if (auto r = write_added_columns(conn, buyer); !r)
        return r.error();
    if (auto r = tx->commit(); !r)
        return r.error();
    return find_buyer(conn, buyer.key);
}

Result<Buyer> find_buyer(Connection& conn, std::string_view id) {
    auto st = conn.prepare(std::string(buyer_select) + "WHERE code = ?1");
    st.bind(1, id);
    return load_one(conn, st, "'" + std::string(id) + "'");
}

Result<Buyer> find_buyer(Connection& conn, BuyerKey key) {
    auto st = conn.prepare(std::string(buyer_select) + "WHERE id = ?1");
    st.bind(1, key.value);
    return load_one(conn, st, "with key " + std::to_string(key.value));
}

Result<Buyer> find_buyer_by_credentials(Connection& conn, std::span<const Credential> from) {
    std::optional<std::int64_t> found;
    for (const auto& c : from) {
        auto st = conn.prepare(
            "SELECT buyer_id FROM buyer_credential WHERE domain = ?1 AND identity_key = ?2");
        st.bind(1, c.domain).bind(2, identity_key(c.domain, c.identity));
        auto row = st.step();
        if (!row)
            return row.error();
        if (!*row)
            continue;
        if (found && *found != st.int64(0)) {
            return Error{Errc::invalid, "the From credentials name more than one buyer"};
        }
        found = st.int64(0);
    }
    if (!found)
        return Error{Errc::not_found, "no buyer has these From credentials"};
    return find_buyer(conn, BuyerKey{*found});
}

Result<std::vector<Buyer>> list_buyers(Connection& conn) {
    std::vector<std::int64_t> keys;
    {
        auto st = conn.prepare("SELECT id FROM buyer ORDER BY code");
        if (auto r = st.for_each_row([&](Statement& row) { keys.push_back(row.int64(0)); }); !r)
            return r.error();
    }
    std::vector<Buyer> out;
    for (const auto k : keys) {
        auto b = find_buyer(conn, BuyerKey{k});
        if (!b)
            return b.error();
        out.push_back(std::move(*b));
    }
    return out;
}

Result<void> set_buyer_enabled(Connection& conn, std::string_view id, bool enabled) {
    auto st = conn.prepare("UPDATE buyer SET enabled = ?2, updated_at = ?3 WHERE code = ?1");
    st.bind(1, id).bind(2, enabled ? 1 : 0).bind(3, to_unix(now()));
    if (auto r = st.run(); !r)
        return r;
    if (conn.changes() == 0)
        return Error{Errc::not_found, "no buyer '" + std::string(id) + "'"};
    return {};
}

Result<void> set_oci_password(Connection& conn, BuyerKey key,
                              std::optional<std::string_view> password) {
    if (password && (password->empty() || password->size() > 256)) {
        return Error{Errc::invalid, "an OCI password must be 1-256 bytes"};
    }
    auto st =
        conn.prepare("UPDATE buyer SET oci_password_hash = ?2, updated_at = ?3 WHERE id = ?1");
    st.bind(1, key.value).bind(3, to_unix(now()));
    if (password)
        st.bind(2, detail::hash_password(*password));
    else
        st.bind(2, nullptr);
    if (auto r = st.run(); !r)
        return r;
    if (conn.changes() == 0)
        return Error{Errc::not_found, "no such buyer"};
    return {};
}

Result<Buyer> find_buyer_by_oci_login(Connection& conn, std::string_view username,
                                      std::string_view password) {
    auto st = conn.prepare("SELECT id, oci_password_hash FROM buyer WHERE oci_username = ?1");
    st.bind(1, username);
    auto row = st.step();
    if (!row)
        return row.error();
    const Error refused{Errc::not_found, "unknown OCI username or wrong password"};
    if (!*row || st.is_null(1)) {
        // Spend the same effort as a real check, so timing does not tell which users exist.
        static const std::string decoy = detail::hash_password("decoy");
        (void)detail::verify_hashed(decoy, password);
        return refused;
    }
    const BuyerKey key{st.int64(0)};
    const std::string stored = st.text(1);
    st.reset();
    if (!detail::verify_hashed(stored, password))
        return refused;
    return find_buyer(conn, key);
}

}  // namespace punchout::catalog
