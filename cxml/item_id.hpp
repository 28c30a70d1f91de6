#pragma once

#include <string>

namespace punchout::cxml {

/// A cXML `ItemID`: the supplier's part number, and the buyer's when known.
struct ItemId {
    std::string supplier_part_id;            ///< `SupplierPartID`
    std::string supplier_part_auxiliary_id;  ///< `SupplierPartAuxiliaryID` (often our cart key)
    std::string buyer_part_id;               ///< `BuyerPartID`

    bool operator==(const ItemId&) const = default;
};

}  // namespace punchout::cxml
