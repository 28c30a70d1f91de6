#pragma once

#include "catalog/buyer.hpp"
#include "catalog/connection.hpp"
#include "catalog/credential.hpp"
#include "catalog/result.hpp"
#include "catalog/timestamp.hpp"

#include <compare>
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace punchout::catalog {

/// The database's handle for a sender.
struct SenderKey {
    std::int64_t value = 0;
    auto operator<=>(const SenderKey&) const = default;
};

/// Who may authenticate a post: a buyer's own system (direct connection) or a network hub
/// acting for many buyers (SAP Ariba's AribaNetworkUserId:sysadmin@ariba.com).
struct Sender {
    SenderKey key;
    std::string id;
    Credential credential;
    bool enabled = true;
    bool any_buyer = false;  ///< may act for every buyer; else only for its listed ones
    /// Never the secret: its salted SHA-256 hash, for verify_shared_secret.
    std::string secret_hash;
    /// The secret before the last rotation, still valid until retired ("" when none).
    std::string previous_secret_hash;
    /// The TLS client certificate this sender must present (SHA-256, lower-case hex), ""
    /// when it authenticates by SharedSecret or CredentialMac alone.
    std::string client_certificate_sha256;
    /// The CredentialMac key, stored in clear because computing the MAC needs it (the
    /// database file is created 0600 for this reason). Empty when not set.
    std::optional<std::string> mac_key;
    Timestamp created_at{};
    Timestamp updated_at{};
};

/// What `add_sender` needs.
struct NewSender {
    std::string id;
    Credential credential;
    std::string shared_secret;  ///< hashed before it is stored
    std::optional<std::string> mac_key;
    bool any_buyer = false;
    std::vector<std::string> buyer_ids;  ///< the buyers it may act for (when not any_buyer)
};

/// Adds a sender. Errc::invalid for a bad field (secret shorter than 8 bytes ...),
/// Errc::not_found for an unknown buyer id, Errc::constraint when the id or credential
/// is taken.
Result<Sender> add_sender(Connection& conn, const NewSender& sender);

/// The sender with this id, or Errc::not_found.
Result<Sender> find_sender(Connection& conn, std::string_view id);

/// The sender a cXML Sender credential names (domain without regard to case, identity
/// exactly), or Errc::not_found. Disabled senders are found too: check `enabled`.
Result<Sender> find_sender_by_credential(Connection& conn, const Credential& credential);

/// Every sender, ordered by id.
Result<std::vector<Sender>> list_senders(Connection& conn);

/// The ids of the buyers a sender is linked to (empty for an any-buyer sender).
Result<std::vector<std::string>> sender_buyers(Connection& conn, SenderKey key);

/// Whether the sender may act for the buyer: it is enabled, and it is an any-buyer sender
/// or linked to that buyer.
Result<bool> sender_may_act_for(Connection& conn, SenderKey sender, BuyerKey buyer);

/// True when `secret` is the sender's shared secret, or the previous one while it is not
/// retired. Compares hashes in constant time.
bool verify_shared_secret(const Sender& sender, std::string_view secret) noexcept;

/// Enables or disables a sender.
Result<void> set_sender_enabled(Connection& conn, std::string_view id, bool enabled);

/// Replaces the shared secret (rotation). With `keep_previous` the secret it replaces stays
/// valid beside the new one until `retire_previous_secret`, so the network can switch over
/// without a window of refused documents.
Result<void> set_sender_secret(Connection& conn, std::string_view id, std::string_view secret,
                               bool keep_previous = false);
/// Pins (or, with "", unpins) the TLS client certificate the sender must present. The
/// fingerprint is 64 hex digits, colons allowed (as `openssl x509 -fingerprint -sha256`
/// prints it); Errc::invalid otherwise.
Result<void> set_sender_client_certificate(Connection& conn, std::string_view id,
                                           std::string_view sha256);
/// Ends the overlap: only the current secret is valid.
Result<void> retire_previous_secret(Connection& conn, std::string_view id);

/// Sets or (nullopt) removes the CredentialMac key.
Result<void> set_sender_mac_key(Connection& conn, std::string_view id,
                                std::optional<std::string_view> key);

/// Replaces the buyers a sender may act for.
Result<void> set_sender_buyers(Connection& conn, std::string_view id, bool any_buyer,
                               const std::vector<std::string>& buyer_ids);

}  // namespace punchout::catalog
