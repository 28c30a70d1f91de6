#pragma once

#include "cxml/comments.hpp"
#include "cxml/contact.hpp"
#include "cxml/date_time.hpp"
#include "cxml/decimal.hpp"
#include "cxml/distribution.hpp"
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

/// A cXML `ItemOut`: a line the buyer sends to the supplier (order, punchout edit).
struct ItemOut {
    Decimal quantity;                                 ///< `quantity` (may be fractional)
    std::optional<std::uint32_t> line_number;         ///< `lineNumber`
    std::optional<std::uint32_t> parent_line_number;  ///< `parentLineNumber`
    std::optional<DateTime> requested_delivery_date;  ///< `requestedDeliveryDate`
    std::string requisition_id;                       ///< `requisitionID`
    std::string item_type;                            ///< `itemType` (item, composite)
    std::string item_category;                        ///< `itemCategory` (text, limit, ...)
    std::string item_classification;                  ///< `itemClassification` (material, service)
    bool is_ad_hoc = false;                           ///< `isAdHoc="yes"`: a free-form line
    bool is_return = false;            ///< `isReturn="yes"`: goods coming back, not in the total
    ItemId item_id;                    ///< `ItemID`
    std::optional<ItemDetail> detail;  ///< `ItemDetail` (optional in the DTD)
    std::optional<ShipTo> ship_to;     ///< `ShipTo`
    std::optional<Shipping> shipping;  ///< `Shipping`
    std::optional<Tax> tax;            ///< `Tax`
    std::vector<Distribution> distributions;  ///< `Distribution*`
    std::vector<Contact> contacts;            ///< `Contact*`
    std::vector<Comments> comments;           ///< `Comments*`

    bool operator==(const ItemOut&) const = default;
};

}  // namespace punchout::cxml
