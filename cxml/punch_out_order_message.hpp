#pragma once

#include "cxml/item_in.hpp"
#include "cxml/money.hpp"
#include "cxml/order_reference.hpp"
#include "cxml/punch_out_setup_request.hpp"
#include "cxml/ship_to.hpp"
#include "cxml/shipping.hpp"
#include "cxml/tax.hpp"

#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace punchout::cxml {

/// Whether the cart is a firm quote (`quoteStatus`).
enum class QuoteStatus {
    pending,  ///< prices may still change
    final,    ///< the default
};

/// The cXML word: "pending", "final".
std::string_view to_string(QuoteStatus status) noexcept;

/// A cXML `PunchOutOrderMessageHeader`.
struct PunchOutOrderMessageHeader {
    PunchOutOperation operation_allowed = PunchOutOperation::create;  ///< `operationAllowed`
    QuoteStatus quote_status = QuoteStatus::final;                    ///< `quoteStatus`
    Money total;                                                      ///< `Total/Money`
    std::optional<ShipTo> ship_to;                                    ///< `ShipTo`
    std::optional<Shipping> shipping;                                 ///< `Shipping`
    std::optional<Tax> tax;                                           ///< `Tax`
    std::optional<SupplierOrderInfo> supplier_order_info;             ///< `SupplierOrderInfo`

    bool operator==(const PunchOutOrderMessageHeader&) const = default;
};

/// A cXML `PunchOutOrderMessage`: the cart going back to the buyer's system.
struct PunchOutOrderMessage {
    std::string buyer_cookie;           ///< `BuyerCookie` from the setup request
    PunchOutOrderMessageHeader header;  ///< `PunchOutOrderMessageHeader`
    std::vector<ItemIn> items;          ///< `ItemIn*`

    bool operator==(const PunchOutOrderMessage&) const = default;
};

}  // namespace punchout::cxml
