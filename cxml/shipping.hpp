#pragma once

#include "cxml/description.hpp"
#include "cxml/money.hpp"

#include <string>

namespace punchout::cxml {

/// A cXML `Shipping` charge.
struct Shipping {
    Money money;
    Description description;      ///< required by the DTD
    std::string tracking_domain;  ///< `trackingDomain`
    std::string tracking_id;      ///< `trackingId`

    bool operator==(const Shipping&) const = default;
};

}  // namespace punchout::cxml
