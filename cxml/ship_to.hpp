#pragma once

#include "cxml/address.hpp"

#include <string>
#include <vector>

namespace punchout::cxml {

/// A cXML `CarrierIdentifier`: a carrier named in some domain (SCAC, companyName, ...).
struct CarrierIdentifier {
    std::string domain;  ///< `domain`
    std::string value;   ///< the text

    bool operator==(const CarrierIdentifier&) const = default;
};

/// A cXML `ShipTo`: where goods go, and by which carriers.
struct ShipTo {
    Address address;
    std::vector<CarrierIdentifier> carriers;  ///< `CarrierIdentifier*`

    bool operator==(const ShipTo&) const = default;
};

}  // namespace punchout::cxml
