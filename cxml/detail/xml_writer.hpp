#pragma once

#include <string>
#include <string_view>
#include <vector>

// Streaming XML output straight into a std::string: no DOM, own escaping. Private to cxml.
namespace punchout::cxml::detail {

/// Appends `s` escaped for element content (`&`, `<`, `>`, CR) or, with `attribute`, for
/// a double-quoted attribute value (also `"`, TAB, LF). Invalid UTF-8 becomes U+FFFD and
/// characters XML 1.0 cannot carry (C0 controls) are dropped. With `ascii`, every
/// non-ASCII character becomes a numeric character reference.
void append_escaped(std::string& out, std::string_view s, bool attribute, bool ascii);

class XmlWriter {
public:
    XmlWriter(std::string& out, bool ascii, bool indent)
        : out_(out), ascii_(ascii), indent_(indent) {}

    /// Starts `<name`; attributes may follow until content or `end`.
    void begin(std::string_view name);
    /// Starts an element with mixed content: its children stay on its line.
    void begin_mixed(std::string_view name);
    /// ` name="value"` (escaped).
    void attr(std::string_view name, std::string_view value);
    /// The attribute only when `value` is not empty.
    void attr_if(std::string_view name, std::string_view value) {
        if (!value.empty())
            attr(name, value);
    }
    /// ` name="value"` for values known to need no escaping (numbers, dates).
    void attr_raw(std::string_view name, std::string_view value);
    /// Escaped character content.
    void text(std::string_view s);
    /// Character content known to need no escaping.
    void text_raw(std::string_view s);
    /// Closes the innermost element (`/>` when it has no content).
    void end();

    /// `<name>text</name>`.
    void leaf(std::string_view name, std::string_view s) {
        begin(name);
        text(s);
        end();
    }
    /// The leaf only when `s` is not empty.
    void leaf_if(std::string_view name, std::string_view s) {
        if (!s.empty())
            leaf(name, s);
    }

private:
    struct Open {
        std::string_view name;
        bool has_elements = false;
        bool has_text = false;
        bool mixed = false;
    };
    void close_start_tag();
    void newline_indent();

    std::string& out_;
    bool ascii_;
    bool indent_;
    bool tag_open_ = false;
    int mixed_depth_ = 0;
    std::vector<Open> stack_;
};

}  // namespace punchout::cxml::detail
