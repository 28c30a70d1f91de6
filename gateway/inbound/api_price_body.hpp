#pragma once

// The bodies of PUT and DELETE /api/v1/prices read into rows, or what is wrong with their
// shape. The values stay text: catalog::apply_price_batch checks them with the words of the
// price file import. Separate from the endpoint for the fuzz target
// (tests/fuzz/fuzz_api_price_body.cpp).
#include "catalog/price_batch.hpp"
#include "gateway/inbound/api_body_fields.hpp"

#include <string_view>
#include <variant>
#include <vector>

namespace punchout::gateway {

/// `{"items": [{"buyer", "sku", "price", "currency", "min_qty", "valid_from", "valid_to"}]}`:
/// sku and price required; without buyer, a list price. price and min_qty a JSON number or
/// a decimal string, the times ISO 8601.
std::variant<std::vector<catalog::PriceUpdate>, ApiBodyError> read_price_body(
    std::string_view body);

/// `{"items": [{"buyer", "sku", "min_qty", "valid_from"}]}`: buyer and sku required.
std::variant<std::vector<catalog::PriceKey>, ApiBodyError> read_price_keys_body(
    std::string_view body);

}  // namespace punchout::gateway
