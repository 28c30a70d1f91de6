#include "tools/bench/json_line.hpp"

#include "catalog/json_text.hpp"

#include <cmath>
#include <cstdio>

namespace punchout::tools {

void JsonLine::key(std::string_view k) {
    if (text_.size() > 1)
        text_ += ',';
    catalog::append_json_string(text_, k);
    text_ += ':';
}

JsonLine& JsonLine::add(std::string_view k, std::string_view value) {
    key(k);
    catalog::append_json_string(text_, value);
    return *this;
}

JsonLine& JsonLine::add(std::string_view k, std::int64_t value) {
    key(k);
    text_ += std::to_string(value);
    return *this;
}

JsonLine& JsonLine::add(std::string_view k, std::uint64_t value) {
    key(k);
    text_ += std::to_string(value);
    return *this;
}

JsonLine& JsonLine::add(std::string_view k, double value, int decimals) {
    key(k);
    if (!std::isfinite(value)) {
        text_ += "null";
        return *this;
    }
    char buf[64];
    std::snprintf(buf, sizeof buf, "%.*f", decimals, value);
    text_ += buf;
    return *this;
}

JsonLine& JsonLine::add_bool(std::string_view k, bool value) {
    key(k);
    text_ += value ? "true" : "false";
    return *this;
}

JsonLine& JsonLine::add(std::string_view k, const JsonLine& nested) {
    key(k);
    text_ += nested.str();
    return *this;
}

}  // namespace punchout::tools
