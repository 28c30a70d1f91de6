#pragma once

#include "cxml/contact.hpp"
#include "cxml/extrinsic.hpp"
#include "cxml/item_id.hpp"
#include "cxml/item_out.hpp"
#include "cxml/ship_to.hpp"

#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace punchout::cxml {

/// What a punchout session is for (`operation`, `operationAllowed`).
enum class PunchOutOperation {
    create,   ///< a new cart
    edit,     ///< change a cart sent earlier (ItemOut lines carry it)
    inspect,  ///< look at a cart without changing it
    source,   ///< sourcing (RFQ) punchout
};

/// The cXML word: "create", "edit", "inspect", "source".
std::string_view to_string(PunchOutOperation op) noexcept;

/// A cXML `PunchOutSetupRequest`: a buyer's user wants to shop in our storefront.
struct PunchOutSetupRequest {
    PunchOutOperation operation = PunchOutOperation::create;  ///< `operation`
    std::string buyer_cookie;             ///< `BuyerCookie`: echo it in the PunchOutOrderMessage
    Extrinsics extrinsics;                ///< `Extrinsic*` (UserEmail, UniqueName, ...)
    std::string browser_form_post_url;    ///< `BrowserFormPost/URL`: where the cart goes back
    std::vector<Contact> contacts;        ///< `Contact*`
    std::string supplier_setup_url;       ///< `SupplierSetup/URL`
    std::optional<ShipTo> ship_to;        ///< `ShipTo`
    std::optional<ItemId> selected_item;  ///< `SelectedItem/ItemID`
    std::vector<ItemOut> items;           ///< `ItemOut*` (edit and inspect)

    bool operator==(const PunchOutSetupRequest&) const = default;
};

}  // namespace punchout::cxml
