#include "cxml/form_post.hpp"

namespace punchout::cxml {

namespace {

bool starts_with_icase(std::string_view s, std::string_view prefix) {
    if (s.size() < prefix.size())
        return false;
    for (std::size_t i = 0; i < prefix.size(); ++i) {
        char c = s[i];
        if (c >= 'A' && c <= 'Z')
            c = static_cast<char>(c - 'A' + 'a');
        if (c != prefix[i])
            return false;
    }
    return true;
}

int hex_value(char c) {
    if (c >= '0' && c <= '9')
        return c - '0';
    if (c >= 'a' && c <= 'f')
        return c - 'a' + 10;
    if (c >= 'A' && c <= 'F')
        return c - 'A' + 10;
    return -1;
}

std::string form_decode(std::string_view s) {
    std::string out;
    out.reserve(s.size());
    for (std::size_t i = 0; i < s.size(); ++i) {
        const char c = s[i];
        if (c == '+') {
            out.push_back(' ');
        } else if (c == '%' && i + 2 < s.size() && hex_value(s[i + 1]) >= 0 &&
                   hex_value(s[i + 2]) >= 0) {
            out.push_back(static_cast<char>(hex_value(s[i + 1]) * 16 + hex_value(s[i + 2])));
            i += 2;
        } else {
            out.push_back(c);
        }
    }
    return out;
}

}  // namespace

bool is_http_url(std::string_view url) noexcept {
    std::size_t rest;
    if (starts_with_icase(url, "https://"))
        rest = 8;
    else if (starts_with_icase(url, "http://"))
        rest = 7;
    else
        return false;
    if (rest >= url.size() || url[rest] == '/' || url[rest] == '?' || url[rest] == '#') {
        return false;  // no host
    }
    for (char c : url) {
        const auto u = static_cast<unsigned char>(c);
        if (u <= 0x20 || u == 0x7F)
            return false;
    }
    return true;
}

std::vector<FormField> parse_form_urlencoded(std::string_view body) {
    std::vector<FormField> fields;
    std::size_t start = 0;
    while (start <= body.size()) {
        std::size_t end = body.find('&', start);
        if (end == std::string_view::npos)
            end = body.size();
        const std::string_view pair = body.substr(start, end - start);
        if (!pair.empty()) {
            const std::size_t eq = pair.find('=');
            if (eq == std::string_view::npos) {
                fields.push_back(FormField{form_decode(pair), {}});
            } else {
                fields.push_back(
                    FormField{form_decode(pair.substr(0, eq)), form_decode(pair.substr(eq + 1))});
            }
        }
        start = end + 1;
    }
    return fields;
}

}  // namespace punchout::cxml
