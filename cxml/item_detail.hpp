#pragma once

#include "cxml/decimal.hpp"
#include "cxml/description.hpp"
#include "cxml/extrinsic.hpp"
#include "cxml/money.hpp"

#include <optional>
#include <string>
#include <vector>

namespace punchout::cxml {

/// A cXML `Classification`: a commodity code in some domain (UNSPSC, eCl@ss, ...).
struct Classification {
    std::string domain;  ///< `domain`
    std::string code;    ///< `code`, empty when absent
    std::string value;   ///< the text

    bool operator==(const Classification&) const = default;
};

/// A cXML `PriceBasisQuantity`: the unit price is for `quantity` of `unit_of_measure`.
struct PriceBasisQuantity {
    Decimal quantity;                        ///< `quantity`
    Decimal conversion_factor;               ///< `conversionFactor`
    std::string unit_of_measure;             ///< `UnitOfMeasure`
    std::optional<Description> description;  ///< `Description`

    bool operator==(const PriceBasisQuantity&) const = default;
};

/// A cXML `ItemDetail`: what an item is and what it costs.
struct ItemDetail {
    Money unit_price;                                        ///< `UnitPrice/Money`
    std::vector<Description> descriptions;                   ///< `Description+`
    std::string unit_of_measure;                             ///< `UnitOfMeasure` (UN/CEFACT)
    std::optional<PriceBasisQuantity> price_basis_quantity;  ///< `PriceBasisQuantity`
    std::vector<Classification> classifications;             ///< `Classification+`
    std::string manufacturer_part_id;                        ///< `ManufacturerPartID`
    std::string manufacturer_name;                           ///< `ManufacturerName`
    std::string url;                                         ///< `URL`
    std::string lead_time;                                   ///< `LeadTime` (days)
    Extrinsics extrinsics;                                   ///< `Extrinsic*`

    bool operator==(const ItemDetail&) const = default;
};

}  // namespace punchout::cxml
