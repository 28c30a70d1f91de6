#include "gateway/inbound/api_stock_body.hpp"

namespace punchout::gateway {
namespace {

using nlohmann::json;
using namespace api_body;

std::vector<catalog::StockUpdate> stock_rows(const json& body) {
    const json& items = batch_items(body);
    std::vector<catalog::StockUpdate> rows;
    rows.reserve(items.size());
    for (std::size_t i = 0; i < items.size(); ++i) {
        const json& row = items[i];
        const std::string where = "items[" + std::to_string(i) + "]";
        only_fields(row, where, {"sku", "warehouse", "quantity", "as_of"});
        rows.push_back({text(row, where, "sku"), text(row, where, "warehouse"),
                        amount(row, where, "quantity"), time(row, where, "as_of")});
    }
    return rows;
}

}  // namespace

std::variant<std::vector<catalog::StockUpdate>, ApiBodyError> read_stock_body(
    std::string_view body) {
    return api_body::read<std::vector<catalog::StockUpdate>>(body, stock_rows);
}

}  // namespace punchout::gateway
