#pragma once

#include <cstdint>
#include <string>
#include <string_view>

namespace punchout::tools {

/// A flat-or-nested JSON object written in one pass, for the figures the bench tools print
/// on stdout (the harness reads them). Keys keep their order.
class JsonLine {
public:
    /// Adds "key": "value".
    JsonLine& add(std::string_view key, std::string_view value);
    /// Adds "key": "value" (a literal is text, not a boolean).
    JsonLine& add(std::string_view key, const char* value) {
        return add(key, std::string_view(value));
    }
    /// Adds "key": integer.
    JsonLine& add(std::string_view key, std::int64_t value);
    /// Adds "key": integer.
    JsonLine& add(std::string_view key, std::uint64_t value);
    /// Adds "key": integer.
    JsonLine& add(std::string_view key, int value) { return add(key, std::int64_t{value}); }
    /// Adds "key": number with up to `decimals` decimals.
    JsonLine& add(std::string_view key, double value, int decimals = 3);
    /// Adds "key": true/false.
    JsonLine& add_bool(std::string_view key, bool value);
    /// Adds "key": {nested object}.
    JsonLine& add(std::string_view key, const JsonLine& nested);

    /// The object's text.
    std::string str() const { return text_ + "}"; }

private:
    void key(std::string_view k);
    std::string text_ = "{";
};

}  // namespace punchout::tools
