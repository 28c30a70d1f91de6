#pragma once

#include "cxml/credential_mac.hpp"

#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace punchout::cxml {

/// A cXML `Credential`: who a party is in some domain, and optionally how it proves it.
/// Domain and identity are kept exactly as sent (case, `-T` test suffixes, white space);
/// compare domains with `domain_equals`; how identities compare depends on the domain
/// (catalog::identity_key, where stored credentials are looked up by it).
struct Credential {
    std::string domain;                        ///< `domain`: NetworkID, DUNS, ...
    std::string type;                          ///< `type` (`marketplace`), empty when absent
    std::string identity;                      ///< `Identity` text as sent
    std::optional<std::string> shared_secret;  ///< `SharedSecret` text as sent
    std::optional<CredentialMac> mac;          ///< `CredentialMac`

    bool operator==(const Credential&) const = default;
};

/// Credential domains compare case-insensitively (ASCII): `NetworkID` == `networkid`.
bool domain_equals(std::string_view a, std::string_view b) noexcept;

/// The first credential in `credentials` whose domain equals `domain`, or null.
const Credential* find_credential(const std::vector<Credential>& credentials,
                                  std::string_view domain) noexcept;

}  // namespace punchout::cxml
