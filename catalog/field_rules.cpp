#include "catalog/detail/field_rules.hpp"

#include <cstdio>

#include <utf8.h>

namespace punchout::catalog::detail {
namespace {

bool is_upper(char c) {
    return c >= 'A' && c <= 'Z';
}
bool is_digit(char c) {
    return c >= '0' && c <= '9';
}
bool is_alnum(char c) {
    return is_upper(c) || is_digit(c) || (c >= 'a' && c <= 'z');
}

}  // namespace

bool is_valid_utf8(std::string_view text) noexcept {
    return utf8::is_valid(text.begin(), text.end());
}

Problem check_text(std::string_view text, std::size_t max_bytes, bool multiline) {
    if (text.size() > max_bytes) {
        return "is longer than " + std::to_string(max_bytes) + " bytes";
    }
    for (const char ch : text) {
        const auto c = static_cast<unsigned char>(ch);
        if (c == 0x7F || (c < 0x20 && c != '\t' && !(multiline && (c == '\n' || c == '\r')))) {
            char code[8];
            std::snprintf(code, sizeof code, "0x%02X", c);
            return std::string("contains the control character ") + code;
        }
    }
    if (!is_valid_utf8(text))
        return "is not valid UTF-8";
    return std::nullopt;
}

Problem check_required_text(std::string_view text, std::size_t max_bytes, bool multiline) {
    if (trim(text).empty())
        return "is required";
    return check_text(text, max_bytes, multiline);
}

Problem check_identifier(std::string_view text, std::size_t max_bytes) {
    if (text.empty())
        return "is required";
    if (trim(text).size() != text.size())
        return "has spaces at the start or end";
    return check_text(text, max_bytes);
}

Problem check_code(std::string_view text) {
    if (text.empty() || text.size() > 64)
        return "is not an id (1-64 letters, digits, '.', '_', '-')";
    for (const char c : text) {
        if (!is_alnum(c) && c != '.' && c != '_' && c != '-') {
            return "is not an id (1-64 letters, digits, '.', '_', '-')";
        }
    }
    return std::nullopt;
}

Problem check_unit_code(std::string_view text) {
    if (text.size() < 2 || text.size() > 3) {
        return "is not a UN/CEFACT Rec. 20 unit code (2-3 upper-case letters or digits, e.g. "
               "EA, PK, MTR)";
    }
    for (const char c : text) {
        if (!is_upper(c) && !is_digit(c)) {
            return "is not a UN/CEFACT Rec. 20 unit code (2-3 upper-case letters or digits, e.g. "
                   "EA, PK, MTR)";
        }
    }
    return std::nullopt;
}

Problem check_unspsc(std::string_view text) {
    if (text.size() != 8)
        return "is not a UNSPSC code (exactly 8 digits, no dots or spaces)";
    for (const char c : text) {
        if (!is_digit(c))
            return "is not a UNSPSC code (exactly 8 digits, no dots or spaces)";
    }
    return std::nullopt;
}

Problem check_currency(std::string_view text) {
    if (text.size() != 3 || !is_upper(text[0]) || !is_upper(text[1]) || !is_upper(text[2])) {
        return "is not an ISO 4217 currency code (3 upper-case letters, e.g. EUR)";
    }
    return std::nullopt;
}

Problem check_http_url(std::string_view text) {
    const std::string l = lower(text.substr(0, 8));
    const std::size_t scheme = l.starts_with("https://") ? 8 : l.starts_with("http://") ? 7 : 0;
    if (scheme == 0)
        return "is not an http:// or https:// URL";
    if (text.size() == scheme || text[scheme] == '/')
        return "has no host";
    if (text.size() > 2000)
        return "is longer than 2000 bytes";
    for (const char ch : text) {
        const auto c = static_cast<unsigned char>(ch);
        if (c <= 0x20 || c == 0x7F)
            return "contains a space or control character";
    }
    if (!is_valid_utf8(text))
        return "is not valid UTF-8";
    return std::nullopt;
}

Problem check_host(std::string_view text) {
    if (text.empty() || text.size() > 253)
        return "is not a host name";
    std::size_t colon = text.find(':');
    const std::string_view host = text.substr(0, colon);
    if (host.empty())
        return "is not a host name";
    for (const char c : host) {
        if (!is_alnum(c) && c != '-' && c != '.')
            return "is not a host name";
    }
    if (colon != std::string_view::npos) {
        const std::string_view port = text.substr(colon + 1);
        if (port.empty() || port.size() > 5)
            return "has a bad port";
        for (const char c : port) {
            if (!is_digit(c))
                return "has a bad port";
        }
    }
    return std::nullopt;
}

Problem check_origin(std::string_view text) {
    const std::size_t sep = text.find("://");
    if (sep == std::string_view::npos)
        return "is not an origin (https://host[:port])";
    const std::string_view scheme = text.substr(0, sep);
    if (scheme != "https" && scheme != "http")
        return "is not an http or https origin";
    const std::string_view rest = text.substr(sep + 3);
    if (rest.find('/') != std::string_view::npos)
        return "has a path; an origin ends at the port";
    if (auto p = check_host(rest))
        return "is not an origin: the host " + *p;
    return std::nullopt;
}

Problem check_cxml_version(std::string_view text) {
    bool digit_seen = false;
    for (const char c : text) {
        if (is_digit(c)) {
            digit_seen = true;
        } else if (c == '.' && digit_seen) {
            digit_seen = false;
        } else {
            return "is not a cXML version (e.g. 1.2.071)";
        }
    }
    if (!digit_seen || text.find('.') == std::string_view::npos) {
        return "is not a cXML version (e.g. 1.2.071)";
    }
    return std::nullopt;
}

std::optional<std::string> normalize_category(std::string_view text, std::string& problem) {
    std::string path;
    if (trim(text).empty())
        return path;
    std::size_t start = 0;
    int depth = 0;
    for (;;) {
        const std::size_t gt = text.find('>', start);
        const std::string_view part = trim(text.substr(start, gt - start));
        if (part.empty()) {
            problem = "has an empty level (write levels as 'Tools > Power tools > Drills')";
            return std::nullopt;
        }
        if (auto p = check_text(part, 255)) {
            problem = *p;
            return std::nullopt;
        }
        if (++depth > 16) {
            problem = "is deeper than 16 levels";
            return std::nullopt;
        }
        if (!path.empty())
            path += " > ";
        path += part;
        if (gt == std::string_view::npos)
            return path;
        start = gt + 1;
    }
}

std::optional<long> parse_days(std::string_view text, std::string& problem) {
    if (text.empty() || text.size() > 4) {
        problem = "is not a whole number of days (0-3650)";
        return std::nullopt;
    }
    long days = 0;
    for (const char c : text) {
        if (!is_digit(c)) {
            problem = "is not a whole number of days (0-3650)";
            return std::nullopt;
        }
        days = days * 10 + (c - '0');
    }
    if (days > 3650) {
        problem = "is more than 3650 days";
        return std::nullopt;
    }
    return days;
}

std::optional<bool> parse_flag(std::string_view text) {
    const std::string l = lower(trim(text));
    if (l == "t" || l == "true" || l == "y" || l == "yes" || l == "1")
        return true;
    if (l.empty() || l == "f" || l == "false" || l == "n" || l == "no" || l == "0")
        return false;
    return std::nullopt;
}

std::string lower(std::string_view text) {
    std::string out(text);
    for (char& c : out) {
        if (c >= 'A' && c <= 'Z')
            c = static_cast<char>(c - 'A' + 'a');
    }
    return out;
}

std::string_view trim(std::string_view text) noexcept {
    while (!text.empty() && (text.front() == ' ' || text.front() == '\t'))
        text.remove_prefix(1);
    while (!text.empty() && (text.back() == ' ' || text.back() == '\t'))
        text.remove_suffix(1);
    return text;
}

}  // namespace punchout::catalog::detail
