#include "gateway/inbound/api_body_fields.hpp"

namespace punchout::gateway::api_body {
namespace {

using nlohmann::json;

std::string path(const std::string& where, const char* name) {
    return member(where, name);
}

}  // namespace

std::string member(const std::string& where, std::string_view key) {
    const std::string name = key.empty() ? "\"\"" : std::string(key);
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

void need_object(const json& object, const std::string& where) {
    if (!object.is_object()) {
        throw ShapeError{where, std::string(where.empty() ? "the body must be" : "must be") +
                                    " a JSON object, not " + object.type_name()};
    }
}

std::optional<std::string> optional_text(const json& object, const std::string& where,
                                         const char* name) {
    const auto it = object.find(name);
    if (it == object.end())
        return std::nullopt;
    if (!it->is_string())
        throw ShapeError{path(where, name),
                         std::string("must be a string, not ") + it->type_name()};
    return it->get<std::string>();
}

std::string text(const json& object, const std::string& where, const char* name) {
    auto t = optional_text(object, where, name);
    if (!t)
        throw ShapeError{path(where, name), "is missing"};
    return std::move(*t);
}

std::optional<catalog::Amount> optional_amount(const json& object, const std::string& where,
                                               const char* name) {
    const auto it = object.find(name);
    if (it == object.end())
        return std::nullopt;
    std::string text;
    if (it->is_number())
        text = it->dump();
    else if (it->is_string())
        text = it->get<std::string>();
    else
        throw ShapeError{path(where, name),
                         std::string("must be a number, not ") + it->type_name()};
    auto a = catalog::Amount::parse(text);
    if (!a)
        throw ShapeError{path(where, name), a.error().message};
    return *a;
}

std::optional<std::string> optional_decimal_text(const json& object, const std::string& where,
                                                 const char* name) {
    const auto it = object.find(name);
    if (it == object.end())
        return std::nullopt;
    if (it->is_number())
        return it->dump();
    if (it->is_string())
        return it->get<std::string>();
    throw ShapeError{path(where, name), std::string("must be a number, not ") + it->type_name()};
}

const json& batch_items(const json& body) {
    if (!body.is_object()) {
        throw ShapeError{"", std::string("the body must be a JSON object with \"items\", not ") +
                                 body.type_name()};
    }
    only_fields(body, "", {"items"});
    const auto items = body.find("items");
    if (items == body.end())
        throw ShapeError{"items", "is missing"};
    if (!items->is_array())
        throw ShapeError{"items", std::string("must be an array, not ") + items->type_name()};
    for (std::size_t i = 0; i < items->size(); ++i)
        need_object((*items)[i], "items[" + std::to_string(i) + "]");
    return *items;
}

catalog::Amount amount(const json& object, const std::string& where, const char* name) {
    auto a = optional_amount(object, where, name);
    if (!a)
        throw ShapeError{path(where, name), "is missing"};
    return *a;
}

std::optional<std::int64_t> optional_integer(const json& object, const std::string& where,
                                             const char* name, std::int64_t min, std::int64_t max) {
    const auto it = object.find(name);
    if (it == object.end())
        return std::nullopt;
    const auto range =
        "must be a whole number from " + std::to_string(min) + " to " + std::to_string(max);
    if (!it->is_number_integer())
        throw ShapeError{path(where, name), range + ", not " + it->dump()};
    std::int64_t v = 0;
    if (it->is_number_unsigned()) {
        // nlohmann keeps every non-negative integer unsigned; above max it cannot fit.
        const auto u = it->get<std::uint64_t>();
        if (u > static_cast<std::uint64_t>(max))
            throw ShapeError{path(where, name), range};
        v = static_cast<std::int64_t>(u);
    } else {
        v = it->get<std::int64_t>();
    }
    if (v < min || v > max)
        throw ShapeError{path(where, name), range};
    return v;
}

std::optional<bool> optional_boolean(const json& object, const std::string& where,
                                     const char* name) {
    const auto it = object.find(name);
    if (it == object.end())
        return std::nullopt;
    if (!it->is_boolean())
        throw ShapeError{path(where, name),
                         std::string("must be true or false, not ") + it->type_name()};
    return it->get<bool>();
}

catalog::Timestamp time(const json& object, const std::string& where, const char* name) {
    const std::string t = text(object, where, name);
    auto parsed = catalog::parse_timestamp(t);
    if (!parsed)
        throw ShapeError{path(where, name), parsed.error().message};
    return *parsed;
}

}  // namespace punchout::gateway::api_body
