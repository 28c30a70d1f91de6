#pragma once

#include "catalog/connection.hpp"
#include "catalog/order.hpp"
#include "cxml/document_operation.hpp"
#include "gateway/service/outcome.hpp"

#include <cstdint>
#include <string>

namespace punchout::gateway {

/// What storing an order version did.
struct StoredOrder {
    std::int64_t pk = 0;
    int version = 1;      ///< our count of accepted versions, after this one
    std::string message;  ///< for the buyer: "Order PO-1 accepted." / "... updated to version 2."
};

/// The storing rules of an OrderRequest, applied on `conn` inside the caller's
/// transaction: `new` needs an unknown orderID (conflict otherwise); `update` and `delete`
/// need a known one (invalid otherwise) with an `orderVersion` greater than the one in
/// force when both are integers (conflict when stale), and an order whose status allows the
/// change (a cancelled order takes none; a shipped one no update). An update replaces the
/// lines; a delete cancels. A store failure is busy or internal.
Outcome<StoredOrder> store_order(catalog::Connection& conn, const catalog::Order& order,
                                 cxml::DocumentOperation operation);

}  // namespace punchout::gateway
