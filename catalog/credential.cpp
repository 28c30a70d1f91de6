#include "catalog/credential.hpp"

#include <algorithm>
#include <array>
#include <cctype>

namespace punchout::catalog {
namespace {

std::string_view trim(std::string_view s) {
    const auto space = [](char c) { return c == ' ' || c == '\t' || c == '\r' || c == '\n'; };
    while (!s.empty() && space(s.front()))
        s.remove_prefix(1);
    while (!s.empty() && space(s.back()))
        s.remove_suffix(1);
    return s;
}

std::string lower(std::string_view s) {
    std::string out(s);
    std::transform(out.begin(), out.end(), out.begin(),
                   [](unsigned char c) { return static_cast<char>(std::tolower(c)); });
    return out;
}

// Domains whose identities the networks assign and compare without case.
constexpr std::array<std::string_view, 4> network_domains{"networkid", "networkuserid",
                                                          "aribanetworkuserid", "aribanetworkid"};

}  // namespace

std::string identity_key(std::string_view domain, std::string_view identity) {
    const std::string d = lower(trim(domain));
    identity = trim(identity);
    if (std::find(network_domains.begin(), network_domains.end(), d) != network_domains.end())
        return lower(identity);
    if (d == "duns" || d == "duns+4") {
        std::string digits;
        for (char c : identity) {
            if (c >= '0' && c <= '9')
                digits += c;
        }
        // An identity without digits is no DUNS number; it keeps its own text.
        return digits.empty() ? std::string(identity) : digits;
    }
    return std::string(identity);
}

bool same_credential(const Credential& a, const Credential& b) {
    return lower(trim(a.domain)) == lower(trim(b.domain)) &&
           identity_key(a.domain, a.identity) == identity_key(b.domain, b.identity);
}

}  // namespace punchout::catalog
