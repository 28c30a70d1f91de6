#include "gateway/inbound/api_price_body.hpp"

namespace punchout::gateway {
namespace {

using nlohmann::json;
using namespace api_body;

std::vector<catalog::PriceUpdate> price_rows(const json& body) {
    const json& items = batch_items(body);
    std::vector<catalog::PriceUpdate> rows;
    rows.reserve(items.size());
    for (std::size_t i = 0; i < items.size(); ++i) {
        const json& row = items[i];
        const std::string where = "items[" + std::to_string(i) + "]";
        only_fields(row, where,
                    {"buyer", "sku", "price", "currency", "min_qty", "valid_from", "valid_to"});
        auto price = optional_decimal_text(row, where, "price");
        if (!price)
            throw ShapeError{where + ".price", "is missing"};
        rows.push_back({optional_text(row, where, "buyer").value_or(""), text(row, where, "sku"),
                        std::move(*price), optional_text(row, where, "currency").value_or(""),
                        optional_decimal_text(row, where, "min_qty").value_or(""),
                        optional_text(row, where, "valid_from").value_or(""),
                        optional_text(row, where, "valid_to").value_or("")});
    }
    return rows;
}

std::vector<catalog::PriceKey> key_rows(const json& body) {
    const json& items = batch_items(body);
    std::vector<catalog::PriceKey> rows;
    rows.reserve(items.size());
    for (std::size_t i = 0; i < items.size(); ++i) {
        const json& row = items[i];
        const std::string where = "items[" + std::to_string(i) + "]";
        only_fields(row, where, {"buyer", "sku", "min_qty", "valid_from"});
        rows.push_back({text(row, where, "buyer"), text(row, where, "sku"),
                        optional_decimal_text(row, where, "min_qty").value_or(""),
                        optional_text(row, where, "valid_from").value_or("")});
    }
    return rows;
}

}  // namespace

std::variant<std::vector<catalog::PriceUpdate>, ApiBodyError> read_price_body(
    std::string_view body) {
    return read<std::vector<catalog::PriceUpdate>>(body, price_rows);
}

std::variant<std::vector<catalog::PriceKey>, ApiBodyError> read_price_keys_body(
    std::string_view body) {
    return read<std::vector<catalog::PriceKey>>(body, key_rows);
}

}  // namespace punchout::gateway
