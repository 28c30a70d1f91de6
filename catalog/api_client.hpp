#pragma once

// Clients of the integration API: who may call /api/v1/, for what, and how often. Tokens
// are made by the caller (random, 256 bits), shown once and stored only as a salted hash.
#include "catalog/connection.hpp"
#include "catalog/result.hpp"
#include "catalog/timestamp.hpp"

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace punchout::catalog {

/// What an API client may do. Each route of /api/v1/ needs one scope.
enum class ApiScope {
    stock,       ///< "stock": PUT /api/v1/stock
    prices,      ///< "prices": list prices and contract entries
    catalog,     ///< "catalog": products
    orders,      ///< "orders": the order feed and webhooks
    fulfilment,  ///< "fulfilment": confirm, ship, invoice, status
};

std::string_view to_string(ApiScope scope) noexcept;
std::optional<ApiScope> parse_api_scope(std::string_view text) noexcept;

/// A set of scopes.
class ApiScopes {
public:
    ApiScopes() = default;
    ApiScopes& add(ApiScope scope) noexcept;
    bool has(ApiScope scope) const noexcept;
    bool empty() const noexcept { return bits_ == 0; }
    /// "stock,prices": the names in the enumeration's order.
    std::string to_string() const;
    /// "stock, prices" or "prices,stock"; Errc::invalid naming an unknown scope, or for none.
    static Result<ApiScopes> parse(std::string_view list);
    bool operator==(const ApiScopes&) const = default;

private:
    unsigned bits_ = 0;
};

/// A bearer token: "pgw." + id + "." + secret. The id is public (it finds the client); the
/// secret is what proves the caller holds the token.
struct ApiToken {
    std::string id;
    std::string secret;
    std::string text() const;
    /// The parts of a token's text; nullopt when it has not that form.
    static std::optional<ApiToken> parse(std::string_view text);
};

/// The database's handle for an API client.
struct ApiClientKey {
    std::int64_t value = 0;
    bool operator==(const ApiClientKey&) const = default;
};

struct ApiClient {
    ApiClientKey key;
    std::string id;
    ApiScopes scopes;
    bool enabled = true;
    int rate_limit = 100;  ///< requests per second
    std::string token_id;
    std::string token_hash;  ///< never the token
    Timestamp created_at{};
    Timestamp updated_at{};
    std::optional<Timestamp> rotated_at;
    std::string webhook_url;     ///< empty: no webhook
    std::string webhook_secret;  ///< signs webhook bodies (HMAC-SHA256); kept in clear
};

/// What `add_api_client` needs.
struct NewApiClient {
    std::string id;
    ApiScopes scopes;
    int rate_limit = 100;
};

/// The most requests per second a client may be given.
inline constexpr int max_api_rate_limit = 100000;

/// Adds a client that authenticates with `token`. Errc::invalid for a bad id, no scope, a
/// rate limit outside 1..max_api_rate_limit or a malformed token; Errc::constraint when the
/// id is taken.
Result<ApiClient> add_api_client(Connection& conn, const NewApiClient& client,
                                 const ApiToken& token);

/// The client with this id, or Errc::not_found.
Result<ApiClient> find_api_client(Connection& conn, std::string_view id);

/// By the database's handle, or Errc::not_found.
Result<ApiClient> find_api_client(Connection& conn, ApiClientKey key);

/// The clients that receive order events: enabled, with the orders scope and a webhook URL.
Result<std::vector<ApiClient>> webhook_receivers(Connection& conn);

/// Every client, by id.
Result<std::vector<ApiClient>> list_api_clients(Connection& conn);

/// The client whose token `text` is, enabled or not (the caller refuses a disabled one with
/// its own words). Errc::not_found for any text that is no current token: unknown id, wrong
/// secret or malformed alike, so a caller learns nothing from the difference.
Result<ApiClient> authenticate_api_client(Connection& conn, std::string_view text);

/// Replaces the client's token; the old one stops working at once.
Result<void> rotate_api_client_token(Connection& conn, std::string_view id, const ApiToken& token);

/// Enables or disables a client.
Result<void> set_api_client_enabled(Connection& conn, std::string_view id, bool enabled);

/// Changes what a client may do (`scopes`) or how often (`rate_limit`); nullopt keeps it.
Result<void> set_api_client(Connection& conn, std::string_view id, std::optional<ApiScopes> scopes,
                            std::optional<int> rate_limit);

/// Sets where the client's order events go (`url` empty: nowhere) and, when given, a new
/// secret to sign them with. Errc::invalid for a URL that is not http(s), or for a URL on a
/// client that has no secret and is given none.
Result<void> set_api_client_webhook(Connection& conn, std::string_view id, std::string_view url,
                                    std::optional<std::string> secret);

}  // namespace punchout::catalog
