#include "catalog/api_client.hpp"

#include "catalog/detail/field_rules.hpp"
#include "catalog/detail/names.hpp"
#include "catalog/detail/secret_hash.hpp"
#include "catalog/write_transaction.hpp"

namespace punchout::catalog {
namespace {

constexpr std::string_view token_prefix = "pgw.";
// Token parts are URL-safe base64 of 128 random bits (22 characters); a little room either
// way, so a later, longer form still parses.
constexpr std::size_t min_part = 16;
constexpr std::size_t max_part = 64;

bool token_part(std::string_view part) {
    if (part.size() < min_part || part.size() > max_part)
        return false;
    for (char c : part) {
        const bool ok = (c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z') ||
                        (c >= '0' && c <= '9') || c == '-' || c == '_';
        if (!ok)
            return false;
    }
    return true;
}

std::optional<Error> check_rate_limit(int rate) {
    if (rate < 1 || rate > max_api_rate_limit) {
        return Error{Errc::invalid, "a rate limit is 1-" + std::to_string(max_api_rate_limit) +
                                        " requests per second, not " + std::to_string(rate)};
    }
    return std::nullopt;
}

std::optional<Error> check_token(const ApiToken& token) {
    if (!token_part(token.id) || !token_part(token.secret))
        return Error{Errc::invalid, "an API token is pgw.<id>.<secret> in URL-safe base64"};
    return std::nullopt;
}

constexpr const char* client_select =
    "SELECT id, code, scopes, enabled, rate_limit, token_id, token_hash, created_at,"
    " updated_at, rotated_at, webhook_url, webhook_secret FROM api_client ";

ApiClient read_client(Statement& st) {
    ApiClient c;
    c.key = ApiClientKey{st.int64(0)};
    c.id = st.text(1);
    // The column is only ever written from ApiScopes::to_string.
    if (auto scopes = ApiScopes::parse(st.text_view(2)))
        c.scopes = *scopes;
    c.enabled = st.int64(3) != 0;
    c.rate_limit = static_cast<int>(st.int64(4));
    c.token_id = st.text(5);
    c.token_hash = st.text(6);
    c.created_at = from_unix(st.int64(7));
    c.updated_at = from_unix(st.int64(8));
    if (auto r = st.optional_int64(9))
        c.rotated_at = from_unix(*r);
    c.webhook_url = st.text(10);
    c.webhook_secret = st.text(11);
    return c;
}

Result<ApiClient> load_one(Statement& st, std::string_view missing) {
    auto row = st.step();
    if (!row)
        return row.error();
    if (!*row)
        return Error{Errc::not_found, std::string(missing)};
    return read_client(st);
}

// Runs an UPDATE of the client `id`, mapping "no row" to not_found.
Result<void> update_one(Connection& conn, Statement& st, std::string_view id) {
    if (auto r = st.run(); !r)
        return r;
    if (conn.changes() == 0)
        return Error{Errc::not_found, "no API client '" + std::string(id) + "'"};
    return {};
}

}  // namespace

std::string_view to_string(ApiScope scope) noexcept {
    return detail::name_of(detail::api_scope_names, scope);
}

std::optional<ApiScope> parse_api_scope(std::string_view text) noexcept {
    return detail::value_of(detail::api_scope_names, text);
}

ApiScopes& ApiScopes::add(ApiScope scope) noexcept {
    bits_ |= 1u << static_cast<unsigned>(scope);
    return *this;
}

bool ApiScopes::has(ApiScope scope) const noexcept {
    return (bits_ & (1u << static_cast<unsigned>(scope))) != 0;
}

std::string ApiScopes::to_string() const {
    std::string out;
    for (const auto& [scope, name] : detail::api_scope_names) {
        if (has(scope))
            out += (out.empty() ? "" : ",") + std::string(name);
    }
    return out;
}

Result<ApiScopes> ApiScopes::parse(std::string_view list) {
    ApiScopes scopes;
    std::size_t start = 0;
    while (start <= list.size()) {
        const auto comma = list.find(',', start);
        const auto end = comma == std::string_view::npos ? list.size() : comma;
        const std::string name(detail::trim(list.substr(start, end - start)));
        if (!name.empty()) {
            auto scope = parse_api_scope(name);
            if (!scope) {
                return Error{Errc::invalid, "no API scope '" + name +
                                                "' (stock, prices, catalog, orders, fulfilment)"};
            }
            scopes.add(*scope);
        }
        if (comma == std::string_view::npos)
            break;
        start = comma + 1;
    }
    if (scopes.empty())
        return Error{Errc::invalid, "an API client needs at least one scope"};
    return scopes;
}

std::string ApiToken::text() const {
    return std::string(token_prefix) + id + "." + secret;
}

std::optional<ApiToken> ApiToken::parse(std::string_view text) {
    if (!text.starts_with(token_prefix))
        return std::nullopt;
    text.remove_prefix(token_prefix.size());
    const auto dot = text.find('.');
    if (dot == std::string_view::npos)
        return std::nullopt;
    ApiToken t{std::string(text.substr(0, dot)), std::string(text.substr(dot + 1))};
    if (check_token(t))
        return std::nullopt;
    return t;
}

Result<ApiClient> add_api_client(Connection& conn, const NewApiClient& c, const ApiToken& token) {
    if (auto p = detail::check_code(c.id))
        return Error{Errc::invalid, "API client id '" + c.id + "' " + *p};
    if (c.scopes.empty())
        return Error{Errc::invalid, "an API client needs at least one scope"};
    if (auto e = check_rate_limit(c.rate_limit))
        return *e;
    if (auto e = check_token(token))
        return *e;
    auto tx = WriteTransaction::begin(conn);
    if (!tx)
        return tx.error();
    {
        auto taken = conn.prepare("SELECT 1 FROM api_client WHERE code = ?1");
        taken.bind(1, c.id);
        auto row = taken.step();
        if (!row)
            return row.error();
        if (*row)
            return Error{Errc::constraint, "API client '" + c.id + "' already exists"};
    }
    auto st = conn.prepare(
        "INSERT INTO api_client (code, scopes, token_id, token_hash, rate_limit, created_at,"
        " updated_at) VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?6)");
    st.bind(1, c.id)
        .bind(2, c.scopes.to_string())
        .bind(3, token.id)
        .bind(4, detail::hash_secret(token.text()))
        .bind(5, c.rate_limit)
        .bind(6, to_unix(now()));
    if (auto r = st.run(); !r)
        return r.error();
    auto added = find_api_client(conn, c.id);
    if (!added)
        return added.error();
    if (auto r = tx->commit(); !r)
        return r.error();
    return added;
}

Result<ApiClient> find_api_client(Connection& conn, std::string_view id) {
    auto st = conn.prepare(std::string(client_select) + "WHERE code = ?1");
    st.bind(1, id);
    return load_one(st, "no API client '" + std::string(id) + "'");
}

Result<ApiClient> find_api_client(Connection& conn, ApiClientKey key) {
    auto st = conn.prepare(std::string(client_select) + "WHERE id = ?1");
    st.bind(1, key.value);
    return load_one(st, "no API client #" + std::to_string(key.value));
}

Result<std::vector<ApiClient>> webhook_receivers(Connection& conn) {
    auto st = conn.prepare(std::string(client_select) +
                           "WHERE enabled = 1 AND webhook_url <> '' ORDER BY id");
    std::vector<ApiClient> out;
    if (auto r = st.for_each_row([&](Statement& row) {
            auto c = read_client(row);
            if (c.scopes.has(ApiScope::orders))
                out.push_back(std::move(c));
        });
        !r)
        return r.error();
    return out;
}

Result<std::vector<ApiClient>> list_api_clients(Connection& conn) {
    auto st = conn.prepare(std::string(client_select) + "ORDER BY code");
    std::vector<ApiClient> out;
    if (auto r = st.for_each_row([&](Statement& row) { out.push_back(read_client(row)); }); !r)
        return r.error();
    return out;
}

Result<ApiClient> authenticate_api_client(Connection& conn, std::string_view text) {
    const Error refused{Errc::not_found, "the token is not a current API token"};
    auto token = ApiToken::parse(text);
    if (!token)
        return refused;
    auto st = conn.prepare(std::string(client_select) + "WHERE token_id = ?1");
    st.bind(1, token->id);
    auto client = load_one(st, refused.message);
    if (!client)
        return client.error();
    if (!detail::verify_hashed(client->token_hash, text))
        return refused;
    return client;
}

Result<void> rotate_api_client_token(Connection& conn, std::string_view id, const ApiToken& token) {
    if (auto e = check_token(token))
        return *e;
    const auto t = to_unix(now());
    auto st = conn.prepare(
        "UPDATE api_client SET token_id = ?2, token_hash = ?3, rotated_at = ?4, updated_at = ?4"
        " WHERE code = ?1");
    st.bind(1, id).bind(2, token.id).bind(3, detail::hash_secret(token.text())).bind(4, t);
    return update_one(conn, st, id);
}

Result<void> set_api_client_enabled(Connection& conn, std::string_view id, bool enabled) {
    auto st = conn.prepare("UPDATE api_client SET enabled = ?2, updated_at = ?3 WHERE code = ?1");
    st.bind(1, id).bind(2, enabled ? 1 : 0).bind(3, to_unix(now()));
    return update_one(conn, st, id);
}

Result<void> set_api_client(Connection& conn, std::string_view id, std::optional<ApiScopes> scopes,
                            std::optional<int> rate_limit) {
    if (scopes && scopes->empty())
        return Error{Errc::invalid, "an API client needs at least one scope"};
    if (rate_limit) {
        if (auto e = check_rate_limit(*rate_limit))
            return *e;
    }
    auto st = conn.prepare(
        "UPDATE api_client SET scopes = coalesce(?2, scopes),"
        " rate_limit = coalesce(?3, rate_limit), updated_at = ?4 WHERE code = ?1");
    st.bind(1, id)
        .bind(2, scopes ? std::optional<std::string>(scopes->to_string()) : std::nullopt)
        .bind(3, rate_limit)
        .bind(4, to_unix(now()));
    return update_one(conn, st, id);
}

Result<void> set_api_client_webhook(Connection& conn, std::string_view id, std::string_view url,
                                    std::optional<std::string> secret) {
    if (!url.empty() && !url.starts_with("https://") && !url.starts_with("http://"))
        return Error{Errc::invalid,
                     "the webhook URL '" + std::string(url) + "' is not an http(s) URL"};
    if (!url.empty() && !secret) {
        // A URL without a secret cannot be signed for: one is made by the caller on first use.
        auto current = find_api_client(conn, id);
        if (!current)
            return current.error();
        if (current->webhook_secret.empty())
            return Error{Errc::invalid, "a webhook needs a secret to sign with"};
    }
    auto st = conn.prepare(
        "UPDATE api_client SET webhook_url = ?2, webhook_secret = coalesce(?3, webhook_secret),"
        " updated_at = ?4 WHERE code = ?1");
    st.bind(1, id).bind(2, url).bind(3, secret).bind(4, to_unix(now()));
    return update_one(conn, st, id);
}

}  // namespace punchout::catalog
