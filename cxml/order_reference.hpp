#pragma once

#include "cxml/date_time.hpp"

#include <optional>
#include <string>

namespace punchout::cxml {

/// A cXML `OrderReference`: the order a document is about. Written as `OrderReference`
/// (with its DocumentReference) when `document_payload_id` is set; where the DTD allows the
/// choice, as `OrderIDInfo` otherwise.
struct OrderReference {
    std::string order_id;                ///< `orderID`
    std::optional<DateTime> order_date;  ///< `orderDate`
    std::string document_payload_id;     ///< `DocumentReference@payloadID`

    bool operator==(const OrderReference&) const = default;
};

/// A cXML `SupplierOrderInfo`: the supplier's own order number.
struct SupplierOrderInfo {
    std::string order_id;                ///< `orderID`
    std::optional<DateTime> order_date;  ///< `orderDate`

    bool operator==(const SupplierOrderInfo&) const = default;
};

}  // namespace punchout::cxml
