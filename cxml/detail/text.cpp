#include "cxml/detail/text.hpp"

#include <cstdint>
#include <cstring>

#include <utf8.h>

namespace punchout::cxml::detail {

namespace {

constexpr char alphabet[] = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/";

int base64_value(char c) noexcept {
    if (c >= 'A' && c <= 'Z')
        return c - 'A';
    if (c >= 'a' && c <= 'z')
        return c - 'a' + 26;
    if (c >= '0' && c <= '9')
        return c - '0' + 52;
    if (c == '+')
        return 62;
    if (c == '/')
        return 63;
    return -1;
}

bool is_continuation(unsigned char c) noexcept {
    return (c & 0xC0) == 0x80;
}

}  // namespace

std::string base64_encode(std::string_view bytes) {
    std::string out;
    out.reserve((bytes.size() + 2) / 3 * 4);
    std::size_t i = 0;
    const auto* p = reinterpret_cast<const unsigned char*>(bytes.data());
    for (; i + 3 <= bytes.size(); i += 3) {
        const std::uint32_t v = (p[i] << 16) | (p[i + 1] << 8) | p[i + 2];
        out.push_back(alphabet[(v >> 18) & 63]);
        out.push_back(alphabet[(v >> 12) & 63]);
        out.push_back(alphabet[(v >> 6) & 63]);
        out.push_back(alphabet[v & 63]);
    }
    const std::size_t rest = bytes.size() - i;
    if (rest == 1) {
        const std::uint32_t v = p[i] << 16;
        out.push_back(alphabet[(v >> 18) & 63]);
        out.push_back(alphabet[(v >> 12) & 63]);
        out.append("==");
    } else if (rest == 2) {
        const std::uint32_t v = (p[i] << 16) | (p[i + 1] << 8);
        out.push_back(alphabet[(v >> 18) & 63]);
        out.push_back(alphabet[(v >> 12) & 63]);
        out.push_back(alphabet[(v >> 6) & 63]);
        out.push_back('=');
    }
    return out;
}

bool base64_decode(std::string_view text, std::string& out) {
    out.clear();
    std::uint32_t acc = 0;
    int bits = 0;
    int padding = 0;
    for (char c : text) {
        if (is_xml_space(c))
            continue;
        if (c == '=') {
            ++padding;
            continue;
        }
        if (padding > 0)
            return false;  // data after padding
        const int v = base64_value(c);
        if (v < 0)
            return false;
        acc = (acc << 6) | static_cast<std::uint32_t>(v);
        bits += 6;
        if (bits >= 8) {
            bits -= 8;
            out.push_back(static_cast<char>((acc >> bits) & 0xFF));
        }
    }
    return padding <= 2;
}

std::size_t utf8_prefix_chars(std::string_view s, std::size_t max_chars) noexcept {
    std::size_t chars = 0;
    for (std::size_t i = 0; i < s.size(); ++i) {
        if (!is_continuation(static_cast<unsigned char>(s[i]))) {
            if (chars == max_chars)
                return i;
            ++chars;
        }
    }
    return s.size();
}

std::size_t utf8_prefix_bytes(std::string_view s, std::size_t max_bytes) noexcept {
    if (s.size() <= max_bytes)
        return s.size();
    std::size_t end = max_bytes;
    // Step back over continuation bytes so the cut falls before a lead byte.
    while (end > 0 && is_continuation(static_cast<unsigned char>(s[end])))
        --end;
    return end;
}

std::size_t utf8_length(std::string_view s) noexcept {
    std::size_t n = 0;
    for (char c : s) {
        if (!is_continuation(static_cast<unsigned char>(c)))
            ++n;
    }
    return n;
}

bool utf8_valid(std::string_view s, std::size_t& bad_offset) noexcept {
    const auto* p = reinterpret_cast<const unsigned char*>(s.data());
    const std::size_t n = s.size();
    std::size_t i = 0;
    while (i < n) {
        // Fast path: 32 ASCII bytes at a time, then 8.
        if (i + 32 <= n) {
            std::uint64_t w[4];
            std::memcpy(w, p + i, 32);
            if (((w[0] | w[1] | w[2] | w[3]) & 0x8080808080808080ULL) == 0) {
                i += 32;
                continue;
            }
        }
        if (i + 8 <= n) {
            std::uint64_t word;
            std::memcpy(&word, p + i, 8);
            if ((word & 0x8080808080808080ULL) == 0) {
                i += 8;
                continue;
            }
        }
        if (p[i] < 0x80) {
            ++i;
            continue;
        }
        // A run of non-ASCII bytes ends at the next ASCII byte, which no valid sequence
        // contains, so utfcpp can check the run on its own.
        std::size_t run_end = i + 1;
        while (run_end < n && p[run_end] >= 0x80)
            ++run_end;
        const char* const bad = utf8::find_invalid(s.data() + i, s.data() + run_end);
        if (bad != s.data() + run_end) {
            bad_offset = static_cast<std::size_t>(bad - s.data());
            return false;
        }
        i = run_end;
    }
    return true;
}

}  // namespace punchout::cxml::detail
