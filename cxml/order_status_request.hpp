#pragma once

#include "cxml/comments.hpp"
#include "cxml/contact.hpp"
#include "cxml/date_time.hpp"
#include "cxml/description.hpp"
#include "cxml/extrinsic.hpp"
#include "cxml/item_id.hpp"
#include "cxml/order_reference.hpp"

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

namespace punchout::cxml {

/// A cXML `OrderStatusRequestItem`: one order line whose status is asked for.
struct OrderStatusRequestItem {
    std::uint32_t line_number = 0;           ///< `ItemReference@lineNumber`
    ItemId item_id;                          ///< `ItemReference/ItemID`
    std::optional<Description> description;  ///< `ItemReference/Description`
    std::optional<Comments> comments;        ///< `Comments`

    bool operator==(const OrderStatusRequestItem&) const = default;
};

/// A cXML `OrderStatusRequestHeader`.
struct OrderStatusRequestHeader {
    std::string request_id;            ///< `orderStatusRequestID`
    DateTime request_date;             ///< `orderStatusRequestDate`
    OrderReference order_reference;    ///< `OrderReference`, or `OrderIDInfo` without payloadID
    std::vector<Contact> contacts;     ///< `Contact+`
    std::optional<Comments> comments;  ///< `Comments`
    Extrinsics extrinsics;             ///< `Extrinsic*`

    bool operator==(const OrderStatusRequestHeader&) const = default;
};

/// A cXML `OrderStatusRequest`: a buyer asks where an order stands. The 1.2.071 DTD has
/// no matching response element: the answer is a plain Response with a Status.
struct OrderStatusRequest {
    OrderStatusRequestHeader header;
    std::vector<OrderStatusRequestItem> items;  ///< `OrderStatusRequestItem*`

    bool operator==(const OrderStatusRequest&) const = default;
};

}  // namespace punchout::cxml
