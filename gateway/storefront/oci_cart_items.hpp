#pragma once

#include "catalog/buyer.hpp"
#include "cxml/oci_cart.hpp"
#include "gateway/storefront/cart_message.hpp"

#include <vector>

namespace punchout::gateway::storefront {

/// The OCI line for a cart line, from the same ItemIn the cXML cart would carry (see
/// cxml::oci_item_from): DESCRIPTION (the short name, else the description), QUANTITY, UNIT
/// in the buyer's code, PRICE per PRICEUNIT, CURRENCY, LEADTIME, VENDORMAT (our SKU),
/// EXT_PRODUCT_ID (our line token), MANUFACTCODE (the manufacturer's name: OCI has no
/// other place for it), MANUFACTMAT, MATGROUP and EXT_CATEGORY_ID (UNSPSC), MATNR (the
/// buyer's part number when known), LONGTEXT (the description and long description).
cxml::OciItem oci_item_for(const MessageLine& line, const catalog::Buyer& buyer,
                           std::uint32_t line_number);

/// Every line of a cart, in order.
std::vector<cxml::OciItem> oci_items_for(const std::vector<MessageLine>& lines,
                                         const catalog::Buyer& buyer);

}  // namespace punchout::gateway::storefront
