#pragma once

#include "catalog/cart.hpp"
#include "catalog/connection.hpp"
#include "gateway/storefront/action_result.hpp"
#include "gateway/storefront/form_data.hpp"
#include "gateway/storefront/shop_context.hpp"

#include <vector>

namespace punchout::gateway::storefront {

/// POST /transfer: returns the cart to the buyer's system. Builds the PunchOutOrderMessage
/// (or, for OCI, the NEW_ITEM fields), records it with catalog::record_transfer (which
/// ends the session) in the caller's write transaction, and answers the page whose form
/// posts it to the BrowserFormPost URL / HOOK_URL: it submits itself, with a visible button
/// for browsers without scripts. Inspect sessions send the original lines back. Refused
/// with the cart page when the cart is empty, in several currencies, or has lines that
/// cannot go back; refused when the return URL is not http(s) or not on the buyer's hosts.
ActionResult transfer_cart(catalog::Connection& conn, const ShopContext& shop,
                           const std::vector<catalog::CartLine>& lines);

/// POST /cancel: leaves without a cart. A create session (and OCI) returns an empty cart;
/// an edit session returns its original lines unchanged, unless the user asked for an
/// empty cart (`empty=1`) and confirmed it (`confirm=yes`), since an empty cart deletes
/// the requisition's lines; an inspect session returns its lines as they were.
ActionResult cancel_session(catalog::Connection& conn, const ShopContext& shop,
                            const std::vector<catalog::CartLine>& lines, const FormData& form);

}  // namespace punchout::gateway::storefront
