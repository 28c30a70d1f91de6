#pragma once

// The body of PUT /api/v1/stock read into rows, or what is wrong with its shape. Separate
// from the endpoint so a fuzz target can drive it (tests/fuzz/fuzz_api_stock_body.cpp).
#include "catalog/stock_batch.hpp"
#include "gateway/inbound/api_body_fields.hpp"

#include <string_view>
#include <variant>
#include <vector>

namespace punchout::gateway {

/// `{"items": [{"sku", "warehouse", "quantity", "as_of"}, ...]}`: every field required, no
/// others; quantity a JSON number or a decimal string, as_of ISO 8601. The first shape
/// error found, else the rows in order (the store checks their content).
std::variant<std::vector<catalog::StockUpdate>, ApiBodyError> read_stock_body(
    std::string_view body);

}  // namespace punchout::gateway
