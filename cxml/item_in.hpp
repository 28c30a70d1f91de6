#pragma once

#include "cxml/comments.hpp"
#include "cxml/contact.hpp"
#include "cxml/decimal.hpp"
#include "cxml/distribution.hpp"
#include "cxml/extrinsic.hpp"
#include "cxml/item_detail.hpp"
#include "cxml/item_id.hpp"
#include "cxml/ship_to.hpp"
#include "cxml/shipping.hpp"
#include "cxml/tax.hpp"

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

namespace punchout::cxml {

/// A cXML `ItemIn`: a line the supplier sends to the buyer (the punchout cart).
struct ItemIn {
    Decimal quantity;                                 ///< `quantity` (may be fractional)
    std::optional<Decimal> open_quantity;             ///< `openQuantity`
    std::optional<Decimal> promised_quantity;         ///< `promisedQuantity`
    std::optional<std::uint32_t> line_number;         ///< `lineNumber`
    std::optional<std::uint32_t> parent_line_number;  ///< `parentLineNumber`
    std::string item_type;                            ///< `itemType` (item, composite)
    std::string composite_item_type;                  ///< `compositeItemType`
    std::string item_classification;                  ///< `itemClassification`
    ItemId item_id;                                   ///< `ItemID`
    ItemDetail detail;                                ///< `ItemDetail`
    std::optional<ShipTo> ship_to;                    ///< `ShipTo`
    std::optional<Shipping> shipping;                 ///< `Shipping`
    std::optional<Tax> tax;                           ///< `Tax`
    std::vector<Distribution> distributions;          ///< `Distribution*`
    std::vector<Contact> contacts;                    ///< `Contact*`
    std::optional<Comments> comments;                 ///< `Comments`
    Extrinsics extrinsics;                            ///< `Extrinsic*`

    bool operator==(const ItemIn&) const = default;
};

}  // namespace punchout::cxml
