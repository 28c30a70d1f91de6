#pragma once

#include "cxml/credential.hpp"

#include <string>
#include <vector>

namespace punchout::cxml {

/// `From` or `To`: one or more credentials naming the same party in several domains
/// (Ariba sends a NetworkID and a DUNS, for instance).
struct Party {
    std::vector<Credential> credentials;

    /// The first credential in `domain` (case-insensitive), or null.
    const Credential* find(std::string_view domain) const noexcept {
        return find_credential(credentials, domain);
    }
    bool operator==(const Party&) const = default;
};

/// `Sender`: who sends the document (a network hub, or the buyer itself) and its software.
struct Sender {
    std::vector<Credential> credentials;
    std::string user_agent;  ///< `UserAgent`

    const Credential* find(std::string_view domain) const noexcept {
        return find_credential(credentials, domain);
    }
    bool operator==(const Sender&) const = default;
};

/// The cXML `Header` of a Request or Message.
struct Header {
    Party from;     ///< `From`: the originator
    Party to;       ///< `To`: the destination
    Sender sender;  ///< `Sender`: the one who transmits it and authenticates

    bool operator==(const Header&) const = default;
};

}  // namespace punchout::cxml
