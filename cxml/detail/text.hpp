#pragma once

#include <string>
#include <string_view>

// Small text helpers shared inside the cxml library.
namespace punchout::cxml::detail {

inline bool is_xml_space(char c) noexcept {
    return c == ' ' || c == '\t' || c == '\n' || c == '\r';
}

/// `s` without surrounding XML white space.
inline std::string_view trim(std::string_view s) noexcept {
    while (!s.empty() && is_xml_space(s.front()))
        s.remove_prefix(1);
    while (!s.empty() && is_xml_space(s.back()))
        s.remove_suffix(1);
    return s;
}

inline char ascii_lower(char c) noexcept {
    return (c >= 'A' && c <= 'Z') ? static_cast<char>(c - 'A' + 'a') : c;
}

inline std::string to_lower(std::string_view s) {
    std::string out(s);
    for (char& c : out)
        c = ascii_lower(c);
    return out;
}

inline bool iequals(std::string_view a, std::string_view b) noexcept {
    if (a.size() != b.size())
        return false;
    for (std::size_t i = 0; i < a.size(); ++i) {
        if (ascii_lower(a[i]) != ascii_lower(b[i]))
            return false;
    }
    return true;
}

/// Standard base64 (RFC 4648, with padding).
std::string base64_encode(std::string_view bytes);

/// Decodes standard base64, ignoring white space; false on anything else.
bool base64_decode(std::string_view text, std::string& out);

/// Length of the longest prefix of `s` holding at most `max_chars` UTF-8 characters, or at
/// most `max_bytes` bytes, ending on a character boundary.
std::size_t utf8_prefix_chars(std::string_view s, std::size_t max_chars) noexcept;
std::size_t utf8_prefix_bytes(std::string_view s, std::size_t max_bytes) noexcept;

/// Number of UTF-8 characters (lead bytes) in `s`.
std::size_t utf8_length(std::string_view s) noexcept;

/// True when `s` is well-formed UTF-8 (no overlongs, surrogates or values past U+10FFFF).
/// On failure `bad_offset` is the offset of the first bad byte.
bool utf8_valid(std::string_view s, std::size_t& bad_offset) noexcept;

}  // namespace punchout::cxml::detail
