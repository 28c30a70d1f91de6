#pragma once

#include <string>
#include <string_view>

namespace punchout::catalog {

/// A cXML credential: a domain (NetworkID, DUNS, ...) and an identity within it. Lookups
/// compare the domain without regard to ASCII case and the identity by `identity_key`.
struct Credential {
    std::string domain;
    std::string identity;

    /// "DOMAIN:IDENTITY", the form punchoutctl reads and prints.
    std::string to_string() const { return domain + ":" + identity; }

    bool operator==(const Credential&) const = default;
};

/// How the networks compare identities within a domain, as one comparable key (surrounding
/// white space never counts):
/// - network ids (`NetworkID`, `NetworkId`, `AribaNetworkUserId`, `AribaNetworkId`,
///   `NetworkUserId`) ignore ASCII case: Ariba Buyer relays our ANID lower-cased in To
///   (`an01000000001-t`);
/// - `DUNS` (and `DUNS+4`) compare by their digits: `12-345-6789` is `123456789`;
/// - every other domain compares exactly (buyer-defined ids are case-sensitive).
std::string identity_key(std::string_view domain, std::string_view identity);

/// True when both name the same party: domains equal ignoring case, identities by key.
bool same_credential(const Credential& a, const Credential& b);

}  // namespace punchout::catalog
