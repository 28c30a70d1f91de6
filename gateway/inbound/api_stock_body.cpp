#include "gateway/inbound/api_stock_body.hpp"

#include <initializer_list>
#include <nlohmann/json.hpp>

namespace punchout::gateway {
namespace {

using nlohmann::json;

// What the caller sent is not the shape the route takes: the field and what was wrong.
struct ShapeError {
    std::string field;
    std::string message;
};

std::string json_type(const json& v) {
    return v.type_name();
}

std::string text_field(const json& row, const std::string& where, const char* name) {
    const auto it = row.find(name);
    if (it == row.end())
        throw ShapeError{where + "." + name, "is missing"};
    if (!it->is_string())
        throw ShapeError{where + "." + name, "must be a string, not " + json_type(*it)};
    return it->get<std::string>();
}

// A quantity as a JSON number or a decimal string; a number is read from its own text, so
// 12.5 stays 12.5.
catalog::Amount quantity_field(const json& row, const std::string& where) {
    const auto it = row.find("quantity");
    if (it == row.end())
        throw ShapeError{where + ".quantity", "is missing"};
    std::string text;
    if (it->is_number())
        text = it->dump();
    else if (it->is_string())
        text = it->get<std::string>();
    else
        throw ShapeError{where + ".quantity", "must be a number, not " + json_type(*it)};
    auto a = catalog::Amount::parse(text);
    if (!a)
        throw ShapeError{where + ".quantity", a.error().message};
    return *a;
}

catalog::Timestamp time_field(const json& row, const std::string& where, const char* name) {
    const std::string text = text_field(row, where, name);
    auto t = catalog::parse_timestamp(text);
    if (!t)
        throw ShapeError{where + "." + name, t.error().message};
    return *t;
}

// The path of member `key` of `where` (the body itself when ""), an empty key shown as "".
std::string member(const std::string& where, const std::string& key) {
    const std::string name = key.empty() ? "\"\"" : key;
    return where.empty() ? name : where + "." + name;
}

void only_fields(const json& object, const std::string& where,
                 std::initializer_list<std::string_view> allowed) {
    for (const auto& [key, value] : object.items()) {
        bool known = false;
        for (auto a : allowed)
            known = known || key == a;
        if (!known) {
            std::string list;
            for (auto a : allowed)
                list += (list.empty() ? "" : ", ") + std::string(a);
            throw ShapeError{member(where, key),
                             "is not a field here (the fields are " + list + ")"};
        }
    }
}

std::vector<catalog::StockUpdate> stock_rows(const json& body) {
    if (!body.is_object())
        throw ShapeError{"",
                         "the body must be a JSON object with \"items\", not " + json_type(body)};
    only_fields(body, "", {"items"});
    const auto items = body.find("items");
    if (items == body.end())
        throw ShapeError{"items", "is missing"};
    if (!items->is_array())
        throw ShapeError{"items", "must be an array, not " + json_type(*items)};
    std::vector<catalog::StockUpdate> rows;
    rows.reserve(items->size());
    for (std::size_t i = 0; i < items->size(); ++i) {
        const json& row = (*items)[i];
        const std::string where = "items[" + std::to_string(i) + "]";
        if (!row.is_object())
            throw ShapeError{where, "must be an object, not " + json_type(row)};
        only_fields(row, where, {"sku", "warehouse", "quantity", "as_of"});
        rows.push_back({text_field(row, where, "sku"), text_field(row, where, "warehouse"),
                        quantity_field(row, where), time_field(row, where, "as_of")});
    }
    return rows;
}

}  // namespace

std::variant<std::vector<catalog::StockUpdate>, ApiBodyError> read_stock_body(
    std::string_view body) {
    const json doc = json::parse(body, nullptr, false);
    if (doc.is_discarded())
        return ApiBodyError{true, "", "is not well-formed JSON"};
    try {
        return stock_rows(doc);
    } catch (const ShapeError& e) {
        return ApiBodyError{false, e.field, e.message};
    }
}

}  // namespace punchout::gateway
