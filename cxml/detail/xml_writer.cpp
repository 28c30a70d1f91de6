#include "cxml/detail/xml_writer.hpp"

#include <array>
#include <cstdint>

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

// Decodes one UTF-8 sequence at s[i]; returns its length, or 0 when it is not valid.
std::size_t decode_utf8(std::string_view s, std::size_t i, std::uint32_t& cp) {
    const auto c = static_cast<unsigned char>(s[i]);
    std::size_t len;
    if ((c & 0xE0) == 0xC0) {
        len = 2;
        cp = c & 0x1F;
    } else if ((c & 0xF0) == 0xE0) {
        len = 3;
        cp = c & 0x0F;
    } else if ((c & 0xF8) == 0xF0) {
        len = 4;
        cp = c & 0x07;
    } else {
        return 0;
    }
    if (i + len > s.size())
        return 0;
    for (std::size_t k = 1; k < len; ++k) {
        const auto b = static_cast<unsigned char>(s[i + k]);
        if ((b & 0xC0) != 0x80)
            return 0;
        cp = (cp << 6) | (b & 0x3F);
    }
    if ((len == 2 && cp < 0x80) || (len == 3 && cp < 0x800) || (len == 4 && cp < 0x10000) ||
        cp > 0x10FFFF || (cp >= 0xD800 && cp <= 0xDFFF) || cp == 0xFFFE || cp == 0xFFFF) {
        return 0;
    }
    return len;
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
            std::uint32_t cp = 0;
            const std::size_t len = decode_utf8(s, i, cp);
            if (len != 0 && !ascii) {
                i += len;
                continue;
            }
            out.append(s.data() + run, i - run);
            if (len == 0) {
                if (ascii)
                    out.append("&#65533;");
                else
                    out.append("\xEF\xBF\xBD");
                i += 1;
            } else {
                append_char_ref(out, cp);
                i += len;
            }
            run = i;
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
