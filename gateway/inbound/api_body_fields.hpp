#pragma once

// Reading the fields of an integration API body, shared by the body readers of each route:
// every field is checked for its JSON type, unknown fields are refused, and what is wrong is
// named by its path (`items[3].quantity`, `lines[0].status`).
#include "catalog/amount.hpp"
#include "catalog/timestamp.hpp"

#include <functional>
#include <initializer_list>
#include <nlohmann/json.hpp>
#include <optional>
#include <string>
#include <string_view>
#include <variant>

namespace punchout::gateway {

/// What is wrong with a body: not JSON at all (`malformed`), or a field (as a path, "" for
/// the body itself) and what is wrong with it.
struct ApiBodyError {
    bool malformed = false;
    std::string field;
    std::string message;
};

namespace api_body {

/// Thrown by the readers below, caught by read(): the field and what is wrong with it.
struct ShapeError {
    std::string field;
    std::string message;
};

/// The path of member `key` of `where` (the body itself when "").
std::string member(const std::string& where, std::string_view key);

/// Refuses members of `object` not in `allowed`.
void only_fields(const nlohmann::json& object, const std::string& where,
                 std::initializer_list<std::string_view> allowed);

/// `object` must be a JSON object.
void need_object(const nlohmann::json& object, const std::string& where);

std::string text(const nlohmann::json& object, const std::string& where, const char* name);
std::optional<std::string> optional_text(const nlohmann::json& object, const std::string& where,
                                         const char* name);

/// A decimal as a JSON number or a string; a number is read from its own text, so 12.5
/// stays 12.5 (no binary floating point in between).
std::optional<catalog::Amount> optional_amount(const nlohmann::json& object,
                                               const std::string& where, const char* name);
catalog::Amount amount(const nlohmann::json& object, const std::string& where, const char* name);

/// A decimal as sent, as text: a JSON number's own text or a string's value, unread (the
/// store checks it, with the words of its file import).
std::optional<std::string> optional_decimal_text(const nlohmann::json& object,
                                                 const std::string& where, const char* name);

/// The rows of a batch body `{"items": [{...}, ...]}`: the body an object with only
/// "items", an array of objects.
const nlohmann::json& batch_items(const nlohmann::json& body);

/// A whole number from `min` to `max`.
std::optional<std::int64_t> optional_integer(const nlohmann::json& object, const std::string& where,
                                             const char* name, std::int64_t min, std::int64_t max);

std::optional<bool> optional_boolean(const nlohmann::json& object, const std::string& where,
                                     const char* name);

/// An ISO 8601 time.
catalog::Timestamp time(const nlohmann::json& object, const std::string& where, const char* name);

/// Parses `body` and hands it to `shape`, turning malformed JSON and ShapeError into an
/// ApiBodyError.
template <typename T>
std::variant<T, ApiBodyError> read(std::string_view body,
                                   const std::function<T(const nlohmann::json&)>& shape) {
    const nlohmann::json doc = nlohmann::json::parse(body, nullptr, false);
    if (doc.is_discarded())
        return ApiBodyError{true, "", "is not well-formed JSON"};
    try {
        return shape(doc);
    } catch (const ShapeError& e) {
        return ApiBodyError{false, e.field, e.message};
    }
}

}  // namespace api_body
}  // namespace punchout::gateway
