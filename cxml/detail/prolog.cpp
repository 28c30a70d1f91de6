#include "cxml/detail/prolog.hpp"

#include "cxml/detail/text.hpp"

#include <algorithm>
#include <cstring>

namespace punchout::cxml::detail {

namespace {

bool starts_with(std::string_view s, std::size_t at, std::string_view prefix) {
    return s.size() >= at + prefix.size() && s.compare(at, prefix.size(), prefix) == 0;
}

bool is_name_char(char c) {
    return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || c == '_' ||
           c == ':' || c == '-' || c == '.' || static_cast<unsigned char>(c) >= 0x80;
}

std::size_t skip_space(std::string_view s, std::size_t i) {
    while (i < s.size() && is_xml_space(s[i]))
        ++i;
    return i;
}

// A quoted literal at `i`; returns the offset after it, or npos.
std::size_t read_literal(std::string_view s, std::size_t i, std::string& out) {
    if (i >= s.size() || (s[i] != '"' && s[i] != '\''))
        return std::string_view::npos;
    const char q = s[i];
    const std::size_t end = s.find(q, i + 1);
    if (end == std::string_view::npos)
        return end;
    out.assign(s.substr(i + 1, end - i - 1));
    return end + 1;
}

std::string attribute_in(std::string_view decl, std::string_view name) {
    std::size_t at = decl.find(name);
    while (at != std::string_view::npos) {
        std::size_t i = skip_space(decl, at + name.size());
        if (i < decl.size() && decl[i] == '=') {
            i = skip_space(decl, i + 1);
            std::string v;
            if (read_literal(decl, i, v) != std::string_view::npos)
                return v;
        }
        at = decl.find(name, at + 1);
    }
    return {};
}

// Scans an internal subset starting after '['; returns the offset of the closing ']'.
std::size_t scan_internal_subset(std::string_view s, std::size_t i, Prolog& p) {
    while (i < s.size()) {
        const char c = s[i];
        if (c == ']')
            return i;
        if (c == '"' || c == '\'') {
            const std::size_t end = s.find(c, i + 1);
            if (end == std::string_view::npos)
                break;
            i = end + 1;
            continue;
        }
        if (starts_with(s, i, "<!--")) {
            const std::size_t end = s.find("-->", i + 4);
            if (end == std::string_view::npos)
                break;
            i = end + 3;
            continue;
        }
        if (starts_with(s, i, "<!ENTITY")) {
            const std::size_t after = skip_space(s, i + 8);
            const bool parameter = after < s.size() && s[after] == '%';
            if (p.unsafe.empty()) {
                p.unsafe = parameter
                               ? "the DOCTYPE declares a parameter entity; entity declarations "
                                 "are refused (XXE and entity-expansion protection)"
                               : "the DOCTYPE declares an entity; entity declarations are refused "
                                 "(XXE and entity-expansion protection)";
                p.unsafe_offset = i;
            }
        } else if (c == '%' && i + 1 < s.size() && is_name_char(s[i + 1])) {
            if (p.unsafe.empty()) {
                p.unsafe =
                    "the DOCTYPE uses a parameter entity reference; refused (external DTD "
                    "and entity-expansion protection)";
                p.unsafe_offset = i;
            }
        }
        ++i;
    }
    p.malformed = "the DOCTYPE internal subset is not closed with ']'";
    p.malformed_offset = i;
    return std::string_view::npos;
}

}  // namespace

Prolog scan_prolog(std::string_view s) {
    Prolog p;
    std::size_t i = 0;
    for (;;) {
        i = skip_space(s, i);
        if (starts_with(s, i, "<?")) {
            const std::size_t end = s.find("?>", i + 2);
            if (end == std::string_view::npos) {
                p.malformed = "processing instruction not closed with '?>'";
                p.malformed_offset = i;
                return p;
            }
            if (starts_with(s, i, "<?xml") && i + 5 < s.size() && is_xml_space(s[i + 5])) {
                p.encoding = attribute_in(s.substr(i, end - i), "encoding");
            }
            i = end + 2;
        } else if (starts_with(s, i, "<!--")) {
            const std::size_t end = s.find("-->", i + 4);
            if (end == std::string_view::npos) {
                p.malformed = "comment not closed with '-->'";
                p.malformed_offset = i;
                return p;
            }
            i = end + 3;
        } else if (starts_with(s, i, "<!DOCTYPE")) {
            p.has_doctype = true;
            p.doctype_offset = i;
            std::size_t j = skip_space(s, i + 9);
            const std::size_t name_start = j;
            while (j < s.size() && is_name_char(s[j]))
                ++j;
            p.doctype_name.assign(s.substr(name_start, j - name_start));
            j = skip_space(s, j);
            std::string literal;
            if (starts_with(s, j, "SYSTEM")) {
                j = read_literal(s, skip_space(s, j + 6), p.system_id);
            } else if (starts_with(s, j, "PUBLIC")) {
                j = read_literal(s, skip_space(s, j + 6), literal);
                if (j != std::string_view::npos)
                    j = read_literal(s, skip_space(s, j), p.system_id);
            }
            if (j == std::string_view::npos) {
                p.malformed = "DOCTYPE with an unterminated identifier";
                p.malformed_offset = i;
                return p;
            }
            j = skip_space(s, j);
            if (j < s.size() && s[j] == '[') {
                p.internal_subset = true;
                j = scan_internal_subset(s, j + 1, p);
                if (j == std::string_view::npos)
                    return p;
                j = skip_space(s, j + 1);
            }
            if (j >= s.size() || s[j] != '>') {
                p.malformed = "DOCTYPE not closed with '>'";
                p.malformed_offset = i;
                return p;
            }
            i = j + 1;
        } else {
            break;
        }
    }
    p.end = i;
    return p;
}

void split_system_id(std::string_view id, std::string& version, std::string& module) {
    version.clear();
    module.clear();
    const std::size_t slash = id.rfind('/');
    module.assign(slash == std::string_view::npos ? id : id.substr(slash + 1));
    if (slash == std::string_view::npos)
        return;
    const std::size_t prev = id.rfind('/', slash - 1);
    if (prev == std::string_view::npos)
        return;
    const std::string_view v = id.substr(prev + 1, slash - prev - 1);
    if (!v.empty() && v[0] >= '0' && v[0] <= '9')
        version.assign(v);
}

std::size_t find_undeclared_entity(std::string_view s, std::size_t from, std::string& name) {
    constexpr auto npos = std::string_view::npos;
    std::size_t scanned = from;  // everything before this offset has been classified
    for (std::size_t amp = s.find('&', from); amp != npos; amp = s.find('&', amp + 1)) {
        if (amp < scanned)
            continue;
        std::size_t i = amp + 1;
        bool ok = false;
        if (i < s.size() && s[i] == '#') {
            ++i;
            const bool hex = i < s.size() && s[i] == 'x';
            if (hex)
                ++i;
            const std::size_t digits = i;
            while (i < s.size() &&
                   ((s[i] >= '0' && s[i] <= '9') ||
                    (hex && ((s[i] >= 'a' && s[i] <= 'f') || (s[i] >= 'A' && s[i] <= 'F'))))) {
                ++i;
            }
            ok = i > digits && i < s.size() && s[i] == ';';
        } else {
            for (std::string_view e : {"lt;", "gt;", "amp;", "quot;", "apos;"}) {
                if (starts_with(s, i, e))
                    ok = true;
            }
        }
        if (ok)
            continue;

        // Walk the markup between `scanned` and the '&': inside a comment, CDATA section or
        // processing instruction a '&' is plain text.
        bool inside = false;
        for (;;) {
            const std::size_t lt = s.find('<', scanned);
            if (lt == npos || lt >= amp)
                break;
            std::size_t end = lt + 1;
            if (starts_with(s, lt, "<!--")) {
                end = s.find("-->", lt + 4);
                if (end != npos)
                    end += 3;
            } else if (starts_with(s, lt, "<![CDATA[")) {
                end = s.find("]]>", lt + 9);
                if (end != npos)
                    end += 3;
            } else if (starts_with(s, lt, "<?")) {
                end = s.find("?>", lt + 2);
                if (end != npos)
                    end += 2;
            }
            // An unterminated section runs to the end; pugixml reports it.
            if (end == npos)
                return npos;
            scanned = end;
            if (end > amp) {
                inside = true;
                break;
            }
        }
        if (inside)
            continue;

        // Only `&name;` is a reference; a bare '&' (AT&T) is kept as text, as pugixml does.
        std::size_t j = amp + 1;
        while (j < s.size() && is_name_char(s[j]))
            ++j;
        if (j == amp + 1 || j >= s.size() || s[j] != ';')
            continue;
        name.assign(s.substr(amp, std::min<std::size_t>(j + 1 - amp, 60)));
        return amp;
    }
    return npos;
}

}  // namespace punchout::cxml::detail
