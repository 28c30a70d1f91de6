#pragma once

#include "cxml/address.hpp"
#include "cxml/comments.hpp"
#include "cxml/contact.hpp"
#include "cxml/control_keys.hpp"
#include "cxml/date_time.hpp"
#include "cxml/document_operation.hpp"
#include "cxml/extrinsic.hpp"
#include "cxml/item_out.hpp"
#include "cxml/money.hpp"
#include "cxml/order_reference.hpp"
#include "cxml/ship_to.hpp"
#include "cxml/shipping.hpp"
#include "cxml/tax.hpp"

#include <optional>
#include <string>
#include <vector>

namespace punchout::cxml {

/// A cXML `PCard`: a purchasing card (`Payment/PCard`).
struct PCard {
    std::string number;      ///< `number`
    std::string expiration;  ///< `expiration` (a date, kept as sent)
    std::string name;        ///< `name`

    bool operator==(const PCard&) const = default;
};

/// A cXML `OrderRequestHeader`.
struct OrderRequestHeader {
    std::string order_id;                                  ///< `orderID`: the buyer's PO number
    DateTime order_date;                                   ///< `orderDate`
    DocumentOperation type = DocumentOperation::new_;      ///< `type`: new, update, delete
    std::string order_type;                                ///< `orderType` (regular, release, ...)
    std::string order_version;                             ///< `orderVersion`
    std::optional<DateTime> requested_delivery_date;       ///< `requestedDeliveryDate`
    Money total;                                           ///< `Total/Money`
    std::optional<ShipTo> ship_to;                         ///< `ShipTo`
    Address bill_to;                                       ///< `BillTo/Address` (required)
    std::optional<Shipping> shipping;                      ///< `Shipping`
    std::optional<Tax> tax;                                ///< `Tax`
    std::optional<PCard> pcard;                            ///< `Payment/PCard`
    std::vector<Contact> contacts;                         ///< `Contact*`
    std::vector<Comments> comments;                        ///< `Comments*`
    std::optional<ControlKeys> control_keys;               ///< `ControlKeys`
    std::string document_reference;                        ///< `DocumentReference@payloadID`
    std::optional<SupplierOrderInfo> supplier_order_info;  ///< `SupplierOrderInfo`
    Extrinsics extrinsics;                                 ///< `Extrinsic*`

    bool operator==(const OrderRequestHeader&) const = default;
};

/// A cXML `OrderRequest`: a purchase order.
struct OrderRequest {
    OrderRequestHeader header;
    std::vector<ItemOut> items;  ///< `ItemOut+`

    bool operator==(const OrderRequest&) const = default;
};

}  // namespace punchout::cxml
