#pragma once

#include "cxml/comments.hpp"
#include "cxml/contact.hpp"
#include "cxml/date_time.hpp"
#include "cxml/decimal.hpp"
#include "cxml/document_operation.hpp"
#include "cxml/extrinsic.hpp"
#include "cxml/item_in.hpp"
#include "cxml/money.hpp"
#include "cxml/order_reference.hpp"
#include "cxml/shipping.hpp"
#include "cxml/tax.hpp"

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace punchout::cxml {

/// `ConfirmationHeader@type`: what the supplier says about the whole order.
enum class ConfirmationType {
    accept,
    all_detail,
    detail,
    backordered,
    except,
    reject,
    request_to_pay,
    replace,
};

/// `ConfirmationStatus@type`: what the supplier says about part of a line.
enum class ConfirmationStatusType {
    accept,
    all_detail,
    detail,
    backordered,
    reject,
    unknown,
    request_to_pay,
};

/// The cXML words ("accept", "allDetail", "requestToPay", ...).
std::string_view to_string(ConfirmationType type) noexcept;
std::string_view to_string(ConfirmationStatusType type) noexcept;

/// A cXML `ConfirmationStatus`: a quantity of a line and what happens to it.
struct ConfirmationStatus {
    Decimal quantity;                                              ///< `quantity`
    ConfirmationStatusType type = ConfirmationStatusType::accept;  ///< `type`
    std::optional<DateTime> shipment_date;                         ///< `shipmentDate`
    std::optional<DateTime> delivery_date;                         ///< `deliveryDate`
    std::string unit_of_measure;                                   ///< `UnitOfMeasure`
    std::optional<ItemIn> item_in;     ///< `ItemIn` (replacement detail)
    std::optional<Money> unit_price;   ///< `UnitPrice/Money` (without ItemIn)
    std::optional<Tax> tax;            ///< `Tax` (without ItemIn)
    std::optional<Shipping> shipping;  ///< `Shipping` (without ItemIn)
    std::vector<Comments> comments;    ///< `Comments*`
    Extrinsics extrinsics;             ///< `Extrinsic*`

    bool operator==(const ConfirmationStatus&) const = default;
};

/// A cXML `ConfirmationItem`: the confirmation of one order line.
struct ConfirmationItem {
    Decimal quantity;                          ///< `quantity`
    std::uint32_t line_number = 0;             ///< `lineNumber`
    std::string unit_of_measure;               ///< `UnitOfMeasure`
    std::vector<Contact> contacts;             ///< `Contact*`
    std::vector<ConfirmationStatus> statuses;  ///< `ConfirmationStatus+`

    bool operator==(const ConfirmationItem&) const = default;
};

/// A cXML `ConfirmationHeader`.
struct ConfirmationHeader {
    std::string confirm_id;                                 ///< `confirmID`
    DocumentOperation operation = DocumentOperation::new_;  ///< `operation`: new or update
    ConfirmationType type = ConfirmationType::accept;       ///< `type`
    DateTime notice_date;                                   ///< `noticeDate`
    std::string invoice_id;                                 ///< `invoiceID`
    std::string document_reference;                         ///< `DocumentReference@payloadID`
    std::optional<Money> total;                             ///< `Total/Money`
    std::optional<Shipping> shipping;                       ///< `Shipping`
    std::optional<Tax> tax;                                 ///< `Tax`
    std::vector<Contact> contacts;                          ///< `Contact*`
    std::vector<Comments> comments;                         ///< `Comments*`
    Extrinsics extrinsics;                                  ///< `Extrinsic*`

    bool operator==(const ConfirmationHeader&) const = default;
};

/// A cXML `ConfirmationRequest`: the supplier confirms (or rejects) an order.
struct ConfirmationRequest {
    ConfirmationHeader header;
    OrderReference order_reference;       ///< `OrderReference` (its payloadID is required)
    std::vector<ConfirmationItem> items;  ///< `ConfirmationItem*`

    bool operator==(const ConfirmationRequest&) const = default;
};

}  // namespace punchout::cxml
