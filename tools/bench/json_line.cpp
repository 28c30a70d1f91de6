#include "tools/bench/json_line.hpp"

#include <cmath>
#include <cstdio>

namespace punchout::tools {

std::string json_quote(std::string_view text) {
    std::string out = "\"";
    for (unsigned char c : text) {
        switch (c) {
            case '"':
                out += "\\\"";
                break;
            case '\\':
                out += "\\\\";
                break;
            case '\n':
                out += "\\n";
                break;
            case '\r':
                out += "\\r";
                break;
            case '\t':
                out += "\\t";
                break;
            default:
                if (c < 0x20) {
                    char buf[8];
                    std::snprintf(buf, sizeof buf, "\\u%04x", c);
                    out += buf;
                } else {
                    out += static_cast<char>(c);
                }
        }
    }
    return out + "\"";
}

void JsonLine::key(std::string_view k) {
    if (text_.size() > 1)
        text_ += ',';
    text_ += json_quote(k);
    text_ += ':';
}

JsonLine& JsonLine::add(std::string_view k, std::string_view value) {
    key(k);
    text_ += json_quote(value);
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
