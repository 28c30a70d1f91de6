#pragma once

#include <cstdint>
#include <iosfwd>
#include <map>
#include <memory>
#include <string>
#include <utility>
#include <variant>
#include <vector>

namespace punchout::tools {

/// A JSON value for --json output. Numbers that must stay exact (money, quantities) are
/// written from their decimal text with `Json::number`, never through a double.
class Json {
public:
    using Array = std::vector<Json>;
    using Object = std::vector<std::pair<std::string, Json>>;  // keeps insertion order

    Json() = default;  // null
    Json(std::nullptr_t) {}
    Json(bool b) : value_(b) {}
    Json(int v) : value_(static_cast<std::int64_t>(v)) {}
    Json(long v) : value_(static_cast<std::int64_t>(v)) {}
    Json(long long v) : value_(static_cast<std::int64_t>(v)) {}
    Json(unsigned v) : value_(static_cast<std::int64_t>(v)) {}
    Json(const char* s) : value_(std::string(s)) {}
    Json(std::string s) : value_(std::move(s)) {}
    Json(Array a) : value_(std::move(a)) {}
    Json(Object o) : value_(std::move(o)) {}

    /// A number written exactly as given (e.g. "12.5000"); the text must be a JSON number.
    static Json number(std::string text);
    static Json array() { return Json(Array{}); }
    static Json object() { return Json(Object{}); }

    /// Appends to an array value.
    Json& push(Json v);
    /// Sets a key on an object value (appends; keys are expected to be unique).
    Json& set(std::string key, Json v);

    /// Pretty-printed with two-space indentation and a trailing newline.
    void print(std::ostream& os) const;
    std::string dump() const;

private:
    struct Number {
        std::string text;
    };
    void write(std::ostream& os, int indent) const;
    std::variant<std::nullptr_t, bool, std::int64_t, Number, std::string, Array, Object> value_ =
        nullptr;
};

/// A plain text table with a header row, columns padded to their widest cell.
class Table {
public:
    explicit Table(std::vector<std::string> headers);
    void add_row(std::vector<std::string> cells);
    bool empty() const { return rows_.empty(); }
    void print(std::ostream& os) const;

private:
    std::vector<std::string> headers_;
    std::vector<std::vector<std::string>> rows_;
};

/// Prints `key: value` lines aligned on the colon (for `show` commands).
void print_fields(std::ostream& os, const std::vector<std::pair<std::string, std::string>>& fields);

}  // namespace punchout::tools
