#pragma once

#include <string>

namespace punchout::catalog {

/// A cXML credential: a domain (NetworkID, DUNS, ...) and an identity within it. Lookups
/// compare the domain without regard to ASCII case and the identity exactly.
struct Credential {
    std::string domain;
    std::string identity;

    /// "DOMAIN:IDENTITY", the form punchoutctl reads and prints.
    std::string to_string() const { return domain + ":" + identity; }

    bool operator==(const Credential&) const = default;
};

}  // namespace punchout::catalog
