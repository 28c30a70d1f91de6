#pragma once

#include "cxml/comments.hpp"
#include "cxml/contact.hpp"
#include "cxml/date_time.hpp"
#include "cxml/decimal.hpp"
#include "cxml/document_operation.hpp"
#include "cxml/extrinsic.hpp"
#include "cxml/item_id.hpp"
#include "cxml/order_reference.hpp"
#include "cxml/ship_to.hpp"

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

namespace punchout::cxml {

/// A cXML `ShipmentIdentifier`: a tracking number.
struct ShipmentIdentifier {
    std::string value;         ///< the text
    std::string domain;        ///< `domain`
    std::string tracking_url;  ///< `trackingURL`

    bool operator==(const ShipmentIdentifier&) const = default;
};

/// A cXML `ShipControl`: who carries the shipment and how to track it.
struct ShipControl {
    std::vector<CarrierIdentifier> carriers;               ///< `CarrierIdentifier+`
    std::vector<ShipmentIdentifier> shipment_identifiers;  ///< `ShipmentIdentifier+`
    std::optional<DateTime> start_date;                    ///< `startDate`

    bool operator==(const ShipControl&) const = default;
};

/// A cXML `ShipNoticeItem`: a quantity of one order line in the shipment.
struct ShipNoticeItem {
    Decimal quantity;                ///< `quantity`
    std::uint32_t line_number = 0;   ///< `lineNumber` of the order line
    std::optional<ItemId> item_id;   ///< `ItemID`
    std::string unit_of_measure;     ///< `UnitOfMeasure`
    std::vector<Comments> comments;  ///< `Comments*`
    Extrinsics extrinsics;           ///< `Extrinsic*`

    bool operator==(const ShipNoticeItem&) const = default;
};

/// A cXML `ShipNoticePortion`: the part of the shipment belonging to one order.
struct ShipNoticePortion {
    OrderReference order_reference;     ///< `OrderReference`
    std::vector<Contact> contacts;      ///< `Contact*`
    std::vector<Comments> comments;     ///< `Comments*`
    Extrinsics extrinsics;              ///< `Extrinsic*`
    std::vector<ShipNoticeItem> items;  ///< `ShipNoticeItem*`

    bool operator==(const ShipNoticePortion&) const = default;
};

/// A cXML `ShipNoticeHeader`.
struct ShipNoticeHeader {
    std::string shipment_id;                                ///< `shipmentID`
    DocumentOperation operation = DocumentOperation::new_;  ///< `operation`
    DateTime notice_date;                                   ///< `noticeDate`
    std::optional<DateTime> shipment_date;                  ///< `shipmentDate`
    std::optional<DateTime> delivery_date;                  ///< `deliveryDate`
    std::string shipment_type;                              ///< `shipmentType` (actual, planned)
    std::string document_reference;                         ///< `DocumentReference@payloadID`
    std::vector<Contact> contacts;                          ///< `Contact*`
    std::vector<Comments> comments;                         ///< `Comments*`
    Extrinsics extrinsics;                                  ///< `Extrinsic*`

    bool operator==(const ShipNoticeHeader&) const = default;
};

/// A cXML `ShipNoticeRequest` (advance ship notice).
struct ShipNoticeRequest {
    ShipNoticeHeader header;
    std::vector<ShipControl> controls;        ///< `ShipControl*`
    std::vector<ShipNoticePortion> portions;  ///< `ShipNoticePortion*`

    bool operator==(const ShipNoticeRequest&) const = default;
};

}  // namespace punchout::cxml
