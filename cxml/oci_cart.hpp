#pragma once

#include "cxml/decimal.hpp"
#include "cxml/form_post.hpp"
#include "cxml/item_in.hpp"

#include <array>
#include <string>
#include <vector>

namespace punchout::cxml {

/// One line of an SAP OCI 4.0/5.0 outbound cart (`NEW_ITEM-<FIELD>[n]`). Lengths are the
/// OCI field lengths the encoder enforces (see README.md).
struct OciItem {
    std::string description;                ///< DESCRIPTION (40)
    std::string matnr;                      ///< MATNR (40): the buyer's product number
    Decimal quantity;                       ///< QUANTITY (15)
    std::string unit;                       ///< UNIT (3): ISO/SAP unit code
    Decimal price;                          ///< PRICE (15): per `price_unit` units
    Decimal price_unit{1};                  ///< PRICEUNIT (5)
    std::string currency;                   ///< CURRENCY (5)
    std::string leadtime;                   ///< LEADTIME (5): days
    std::string vendor;                     ///< VENDOR (10)
    std::string vendormat;                  ///< VENDORMAT (40): our part number
    std::string manufactcode;               ///< MANUFACTCODE (10)
    std::string manufactmat;                ///< MANUFACTMAT (40)
    std::string matgroup;                   ///< MATGROUP (10)
    std::string service;                    ///< SERVICE (1): "X" for a service
    std::string contract;                   ///< CONTRACT (10)
    std::string contract_item;              ///< CONTRACT_ITEM (5)
    std::string ext_quote_id;               ///< EXT_QUOTE_ID (35)
    std::string ext_quote_item;             ///< EXT_QUOTE_ITEM (10)
    std::string ext_product_id;             ///< EXT_PRODUCT_ID (40)
    std::string attachment;                 ///< ATTACHMENT (255)
    std::string attachment_title;           ///< ATTACHMENT_TITLE (255)
    std::string attachment_purpose;         ///< ATTACHMENT_PURPOSE (1)
    std::string ext_schema_type;            ///< EXT_SCHEMA_TYPE (10): UNSPSC, ECLASS, ...
    std::string ext_category_id;            ///< EXT_CATEGORY_ID (60)
    std::string ext_category;               ///< EXT_CATEGORY (40)
    std::string sld_sys_name;               ///< SLD_SYS_NAME (60)
    std::array<std::string, 5> cust_field;  ///< CUST_FIELD1..5 (10, 10, 10, 20, 50)
    std::string parent_id;                  ///< PARENT_ID (10, OCI 5)
    std::string item_type;                  ///< ITEM_TYPE (1, OCI 5)
    std::string longtext;                   ///< LONGTEXT_n:132[] (no limit)

    bool operator==(const OciItem&) const = default;
};

/// Options for encoding.
struct OciOptions {
    /// Count field lengths in bytes (for non-Unicode SAP systems) instead of characters.
    /// Either way a value is cut only between UTF-8 characters.
    bool count_bytes = false;
};

/// Encoded cart fields and what had to give.
struct OciForm {
    std::vector<FormField> fields;   ///< in item order, then field order
    std::vector<std::string> notes;  ///< truncations, rescaled prices, oversize numbers
};

/// The OCI fields for `items` (n counts from 1). Text is cut to the OCI length at a
/// character boundary; QUANTITY has at most 3 decimals; PRICE is per PRICEUNIT with at most
/// 3 decimals, PRICEUNIT growing by tens first when the price needs more precision; dots
/// as decimal separators. DESCRIPTION, QUANTITY, UNIT, PRICE, PRICEUNIT and CURRENCY are
/// always sent, the rest when not empty.
OciForm encode_oci(const std::vector<OciItem>& items, const OciOptions& options = {});

/// Decoded cart and what did not fit.
struct OciCart {
    std::vector<OciItem> items;      ///< by index n, gaps left out
    std::vector<std::string> notes;  ///< unknown fields, bad numbers, bad indexes
};

/// Reads `NEW_ITEM-<FIELD>[n]` and `NEW_ITEM-LONGTEXT_n:132[]` fields back (the parts of a
/// LONGTEXT are joined). Never throws.
OciCart decode_oci(const std::vector<FormField>& fields);

/// The OCI line for a cXML cart line: DESCRIPTION from the short name (or the description),
/// VENDORMAT and EXT_PRODUCT_ID from SupplierPartID (EXT_PRODUCT_ID prefers the auxiliary
/// id), PRICEUNIT from PriceBasisQuantity, MATGROUP/EXT_CATEGORY_ID and EXT_SCHEMA_TYPE
/// from the first Classification, MANUFACTMAT from ManufacturerPartID, LONGTEXT from the
/// description text.
OciItem oci_item_from(const ItemIn& item);

}  // namespace punchout::cxml
