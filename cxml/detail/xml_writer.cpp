#include "cxml/detail/xml_writer.hpp"

#include <array>
#include <cstdint>

#include <utf8.h>

namespace punchout::cxml::detail {

namespace {

// Byte classes: 0 copy as is, 1 needs escaping in content, 2 only in attributes,
// 3 control character to drop, 4 start of a non-ASCII sequence.
constexpr std::array<std::uint8_t, 256> make_classes() {
    std::array<std::uint8_t, 256> t{};
    for (int c = 0; c < 0x20; ++c)
        t[c] = 3;
    t['\t'] = 2;
    t['\n'] = 2;
    t['\r'] = 1;
    t['&'] = 1;
    t['<'] = 1;
    t['>'] = 1;
    t['"'] = 2;
    for (int c = 0x80; c < 0x100; ++c)
        t[c] = 4;
    return t;
}
constexpr std::array<std::uint8_t, 256> classes = make_classes();

void append_char_ref(std::string& out, std::uint32_t cp) {
    char buf[16];
    char* p = buf + sizeof buf;
    *--p = ';';
    do {
        *--p = static_cast<char>('0' + cp % 10);
        cp /= 10;
    } while (cp != 0);
    *--p = '#';
    *--p = '&';
    out.append(p, static_cast<std::size_t>(buf + sizeof buf - p));
}

// U+FFFE and U+FFFF are valid UTF-8 but not XML 1.0 characters.
bool is_xml_char(std::uint32_t cp) noexcept {
    return cp != 0xFFFE && cp != 0xFFFF;
}

void append_replacement(std::string& out, bool ascii) {
    out.append(ascii ? "&#65533;" : "\xEF\xBF\xBD");
}

}  // namespace

void append_escaped(std::string& out, std::string_view s, bool attribute, bool ascii) {
    std::size_t run = 0;  // start of the pending run of bytes copied as they are
    std::size_t i = 0;
    const std::size_t n = s.size();
    while (i < n) {
        const std::uint8_t cls = classes[static_cast<unsigned char>(s[i])];
        if (cls == 0 || (cls == 2 && !attribute)) {
            ++i;
            continue;
        }
        if (cls == 4) {
            // The run of non-ASCII bytes ends at the next ASCII byte, which no valid
            // sequence contains; utfcpp finds the first invalid sequence in it.
            std::size_t run_end = i + 1;
            while (run_end < n && classes[static_cast<unsigned char>(s[run_end])] == 4)
                ++run_end;
            const char* const base = s.data();
            const char* const bad = utf8::find_invalid(base + i, base + run_end);
            const char* it = base + i;
            while (it != bad) {
                const char* const at = it;
                const std::uint32_t cp = utf8::unchecked::next(it);
                if (!ascii && is_xml_char(cp))
                    continue;  // copied with the run
                out.append(base + run, static_cast<std::size_t>(at - (base + run)));
                if (is_xml_char(cp))
                    append_char_ref(out, cp);
                else
                    append_replacement(out, ascii);
                run = static_cast<std::size_t>(it - base);
            }
            i = static_cast<std::size_t>(bad - base);
            if (i < run_end) {
                // One replacement per byte that starts no valid sequence.
                out.append(base + run, i - run);
                append_replacement(out, ascii);
                ++i;
                run = i;
            }
            continue;
        }
        out.append(s.data() + run, i - run);
        switch (s[i]) {
            case '&':
                out.append("&amp;");
                break;
            case '<':
                out.append("&lt;");
                break;
            case '>':
                out.append("&gt;");
                break;
            case '"':
                out.append("&quot;");
                break;
            case '\t':
                out.append("&#9;");
                break;
            case '\n':
                out.append("&#10;");
                break;
            case '\r':
                out.append("&#13;");
                break;
            default:
                break;  // a control character XML 1.0 cannot carry: dropped
        }
        ++i;
        run = i;
    }
    out.append(s.data() + run, n - run);
}

void XmlWriter::newline_indent() {
    if (!indent_ || mixed_depth_ > 0)
        return;
    out_.push_back('\n');
    out_.append(stack_.size() * 2, ' ');
}

void XmlWriter::close_start_tag() {
    if (tag_open_) {
        out_.push_back('>');
        tag_open_ = false;
    }
}

void XmlWriter::begin(std::string_view name) {
    close_start_tag();
    if (!stack_.empty())
        stack_.back().has_elements = true;
    newline_indent();
    out_.push_back('<');
    out_.append(name);
    tag_open_ = true;
    stack_.push_back(Open{name, false, false, false});
}

void XmlWriter::begin_mixed(std::string_view name) {
    begin(name);
    stack_.back().mixed = true;
    ++mixed_depth_;
}

void XmlWriter::attr(std::string_view name, std::string_view value) {
    out_.push_back(' ');
    out_.append(name);
    out_.append("=\"");
    append_escaped(out_, value, true, ascii_);
    out_.push_back('"');
}

void XmlWriter::attr_raw(std::string_view name, std::string_view value) {
    out_.push_back(' ');
    out_.append(name);
    out_.append("=\"");
    out_.append(value);
    out_.push_back('"');
}

void XmlWriter::text(std::string_view s) {
    if (s.empty())
        return;
    close_start_tag();
    stack_.back().has_text = true;
    append_escaped(out_, s, false, ascii_);
}

void XmlWriter::text_raw(std::string_view s) {
    if (s.empty())
        return;
    close_start_tag();
    stack_.back().has_text = true;
    out_.append(s);
}

void XmlWriter::end() {
    const Open top = stack_.back();
    if (tag_open_) {
        out_.append("/>");
        tag_open_ = false;
        stack_.pop_back();
        if (top.mixed)
            --mixed_depth_;
        return;
    }
    if (top.mixed)
        --mixed_depth_;
    stack_.pop_back();
    if (top.has_elements && !top.has_text && !top.mixed)
        newline_indent();
    out_.append("</");
    out_.append(top.name);
    out_.push_back('>');
}

}  // namespace punchout::cxml::detail
