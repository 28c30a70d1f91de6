#include "gateway/inbound/api_product_body.hpp"

#include <algorithm>

namespace punchout::gateway {
namespace {

using nlohmann::json;
using namespace api_body;

std::string field_list() {
    std::string list;
    for (auto name : catalog::product_field_names())
        list += std::string(name) + ", ";
    return list + "attributes";
}

std::vector<catalog::ProductUpdate> product_rows(const json& body) {
    const json& items = batch_items(body);
    const auto names = catalog::product_field_names();
    std::vector<catalog::ProductUpdate> rows;
    rows.reserve(items.size());
    for (std::size_t i = 0; i < items.size(); ++i) {
        const std::string where = "items[" + std::to_string(i) + "]";
        catalog::ProductUpdate row;
        for (const auto& [key, value] : items[i].items()) {
            const std::string at = member(where, key);
            if (key == "attributes") {
                need_object(value, at);
                row.attributes.emplace();
                for (const auto& [name, v] : value.items()) {
                    if (!v.is_string()) {
                        throw ShapeError{member(at, name),
                                         std::string("must be a string, not ") + v.type_name()};
                    }
                    row.attributes->emplace_back(name, v.get<std::string>());
                }
                continue;
            }
            if (std::find(names.begin(), names.end(), key) == names.end())
                throw ShapeError{at,
                                 "is not a product field (the fields are " + field_list() + ")"};
            if (value.is_string())
                row.fields.emplace_back(key, value.get<std::string>());
            else if (value.is_number())
                row.fields.emplace_back(key, value.dump());
            else
                throw ShapeError{at, std::string("must be a string or a number, not ") +
                                         value.type_name() + " (\"\" clears an optional field)"};
        }
        rows.push_back(std::move(row));
    }
    return rows;
}

}  // namespace

std::variant<std::vector<catalog::ProductUpdate>, ApiBodyError> read_product_body(
    std::string_view body) {
    return read<std::vector<catalog::ProductUpdate>>(body, product_rows);
}

}  // namespace punchout::gateway
