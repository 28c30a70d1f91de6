#pragma once

#include "cxml/address.hpp"
#include "cxml/extrinsic.hpp"

#include <string>
#include <vector>

namespace punchout::cxml {

/// A cXML `Contact`: a person or role (endUser, buyer, shipFrom, ...) and how to reach it.
struct Contact {
    std::string role;                             ///< `role`
    std::string address_id;                       ///< `addressID`
    std::string name;                             ///< `Name`
    std::string name_lang;                        ///< `Name@xml:lang`
    std::vector<PostalAddress> postal_addresses;  ///< `PostalAddress*`
    std::vector<std::string> emails;              ///< `Email*`
    std::vector<Phone> phones;                    ///< `Phone*`
    Extrinsics extrinsics;                        ///< `Extrinsic*`

    bool operator==(const Contact&) const = default;
};

}  // namespace punchout::cxml
