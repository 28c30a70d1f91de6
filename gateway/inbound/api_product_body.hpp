#pragma once

// The body of PUT /api/v1/products read into rows, or what is wrong with its shape. The
// values stay text: catalog::apply_product_batch checks them with the words of the catalog
// file import. Separate from the endpoint for the fuzz target
// (tests/fuzz/fuzz_api_product_body.cpp).
#include "catalog/product_batch.hpp"
#include "gateway/inbound/api_body_fields.hpp"

#include <string_view>
#include <variant>
#include <vector>

namespace punchout::gateway {

/// `{"items": [{"sku", "description", "uom", "price", "currency", "unspsc", ...,
/// "attributes": {"NAME": "value"}}]}`: the fields of the catalog CSV, each a string or a
/// number ("" clears an optional field); `attributes` an object of strings.
std::variant<std::vector<catalog::ProductUpdate>, ApiBodyError> read_product_body(
    std::string_view body);

}  // namespace punchout::gateway
