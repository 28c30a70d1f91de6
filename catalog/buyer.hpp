#pragma once

#include "catalog/connection.hpp"
#include "catalog/credential.hpp"
#include "catalog/result.hpp"
#include "catalog/timestamp.hpp"

#include <compare>
#include <cstdint>
#include <optional>
#include <span>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

namespace punchout::catalog {

/// The database's handle for a buyer, for the per-request lookups (price, search, ...).
struct BuyerKey {
    std::int64_t value = 0;
    auto operator<=>(const BuyerKey&) const = default;
};

/// How the cart goes back to the buyer's system.
enum class CartTransport {
    cxml_base64,      ///< "cxml-base64": cxml-base64 form field (the default)
    cxml_urlencoded,  ///< "cxml-urlencoded": cxml-urlencoded form field
    oci,              ///< "oci": SAP OCI NEW_ITEM-* fields
};

/// What the gateway does when an order line differs from the cart or the contract.
enum class OrderPolicy {
    accept_and_flag,  ///< "accept-and-flag": accept, store the differences (the default)
    reject,           ///< "reject": refuse the order with a Status listing the differences
};

/// Which HTTP status carries a cXML answer to the buyer's requests.
enum class HttpStatusRule {
    cxml,    ///< "cxml": HTTP 200 with the cXML Status (the specification; Ariba, Coupa)
    mirror,  ///< "mirror": a refusal is also HTTP 4xx/5xx (platforms that read only HTTP)
};

std::string_view to_string(CartTransport t) noexcept;
std::optional<CartTransport> parse_cart_transport(std::string_view text) noexcept;
std::string_view to_string(OrderPolicy p) noexcept;
std::optional<OrderPolicy> parse_order_policy(std::string_view text) noexcept;
std::string_view to_string(HttpStatusRule r) noexcept;
std::optional<HttpStatusRule> parse_http_status_rule(std::string_view text) noexcept;

/// An organisation we sell to, with everything the gateway and the storefront need to
/// serve it.
struct Buyer {
    BuyerKey key;      ///< set by the database
    std::string id;    ///< the admin's name for it, e.g. "acme"
    std::string name;  ///< display name
    bool enabled = true;
    std::vector<Credential> credentials;  ///< From credentials that name this buyer
    std::string default_currency = "EUR";
    std::string cxml_version = "1.2.071";  ///< preferred cXML version for what we send
    CartTransport cart_transport = CartTransport::cxml_base64;
    /// Our UN/CEFACT unit code -> the buyer's code (EA -> ST for SAP SRM, EA -> EACH for
    /// Oracle), sorted by our code.
    std::vector<std::pair<std::string, std::string>> unit_map;
    /// Catalog view: category paths (with their subtrees) the buyer may see. Together with
    /// the pre-approved SKUs (catalog_view.hpp); both empty means everything.
    std::vector<std::string> view_categories;
    std::int64_t view_sku_count = 0;  ///< how many pre-approved SKUs (read-only here)
    OrderPolicy order_policy = OrderPolicy::accept_and_flag;
    std::string document_url;                 ///< where confirmations, ship notices, invoices go
    std::vector<std::string> frame_origins;   ///< may frame the storefront (CSP frame-ancestors)
    std::vector<std::string> postback_hosts;  ///< BrowserFormPost / HOOK_URL hosts; empty: any
    /// Who we are in the documents we send this buyer (From and Sender) and the secret we
    /// send; empty: the gateway's [supplier] credential and outbound secret. A test-mode
    /// document carries `outbound_test_identity` (e.g. the -T ANID) when one is set.
    Credential outbound_credential;
    std::string outbound_test_identity;
    std::string outbound_secret;  ///< in clear: it is sent (database file 0600)
    std::string oci_username;     ///< empty: no OCI login
    std::string oci_hook_field;   ///< the OCI return-URL field; empty: HOOK_URL
    /// The buyer's eProcurement system (cxml::Platform's names: generic, ariba, coupa,
    /// jaggaer, oracle, sap-srm); the database refuses any other.
    std::string platform = "generic";
    /// How answers to its requests use HTTP (an authenticated request's answer only: before
    /// that the buyer is not known, and every sender gets the same answer).
    HttpStatusRule http_status = HttpStatusRule::cxml;
    bool has_oci_password = false;  ///< the password itself is stored hashed only
    Timestamp created_at{};
    Timestamp updated_at{};

    /// The buyer's code for one of our unit codes (our own code when none is mapped).
    std::string unit_for(std::string_view our_code) const;
    /// True when a catalog view restricts what the buyer sees.
    bool restricted_view() const noexcept { return !view_categories.empty() || view_sku_count > 0; }
};

/// Adds a buyer (`key`, `has_oci_password`, the timestamps and `view_sku_count` are
/// ignored). Errc::invalid for a bad field, Errc::constraint when the id or a credential is
/// taken (the message names the buyer that has it).
Result<Buyer> add_buyer(Connection& conn, const Buyer& buyer);

/// Rewrites a buyer's settings, lists included, from `buyer` (found by `buyer.key`).
Result<Buyer> update_buyer(Connection& conn, const Buyer& buyer);

/// The buyer with this id, or Errc::not_found.
Result<Buyer> find_buyer(Connection& conn, std::string_view id);
Result<Buyer> find_buyer(Connection& conn, BuyerKey key);

/// The buyer that any of these From credentials names (a cXML header may carry several,
/// e.g. NetworkID and DUNS). Errc::not_found when none does; Errc::invalid when they name
/// different buyers. Disabled buyers are found too: check `enabled`.
Result<Buyer> find_buyer_by_credentials(Connection& conn, std::span<const Credential> from);

/// Every buyer, ordered by id.
Result<std::vector<Buyer>> list_buyers(Connection& conn);

/// Enables or disables a buyer.
Result<void> set_buyer_enabled(Connection& conn, std::string_view id, bool enabled);

/// Sets (or with nullopt removes) the buyer's OCI password; it is stored as a PBKDF2 hash.
Result<void> set_oci_password(Connection& conn, BuyerKey key,
                              std::optional<std::string_view> password);

/// The buyer an OCI login names, when the password matches; Errc::not_found otherwise
/// (the same answer for an unknown user and a wrong password).
Result<Buyer> find_buyer_by_oci_login(Connection& conn, std::string_view username,
                                      std::string_view password);

}  // namespace punchout::catalog
