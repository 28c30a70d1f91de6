#include "gateway/service/url_policy.hpp"

#include "cxml/form_post.hpp"

#include <string>

namespace punchout::gateway {
namespace {

bool ascii_iequals(std::string_view a, std::string_view b) {
    if (a.size() != b.size())
        return false;
    for (std::size_t i = 0; i < a.size(); ++i) {
        auto lower = [](char c) {
            return c >= 'A' && c <= 'Z' ? static_cast<char>(c - 'A' + 'a') : c;
        };
        if (lower(a[i]) != lower(b[i]))
            return false;
    }
    return true;
}

}  // namespace

std::optional<Url> Url::parse(std::string_view text) {
    Url url;
    if (text.rfind("https://", 0) == 0) {
        url.tls = true;
        text.remove_prefix(8);
    } else if (text.rfind("http://", 0) == 0) {
        text.remove_prefix(7);
    } else {
        return std::nullopt;
    }
    const auto slash = text.find_first_of("/?#");
    std::string_view authority = text.substr(0, slash);
    std::string_view rest = slash == std::string_view::npos ? "" : text.substr(slash);
    if (authority.empty() || authority.find('@') != std::string_view::npos)
        return std::nullopt;
    if (rest.find('#') != std::string_view::npos)
        return std::nullopt;
    if (authority.front() == '[') {
        const auto close = authority.find(']');
        if (close == std::string_view::npos)
            return std::nullopt;
        url.host = std::string(authority.substr(1, close - 1));
        authority.remove_prefix(close + 1);
        if (!authority.empty()) {
            if (authority.front() != ':')
                return std::nullopt;
            url.port = std::string(authority.substr(1));
        }
    } else {
        const auto colon = authority.rfind(':');
        url.host = std::string(authority.substr(0, colon));
        if (colon != std::string_view::npos)
            url.port = std::string(authority.substr(colon + 1));
    }
    if (url.host.empty())
        return std::nullopt;
    if (url.port.empty())
        url.port = url.tls ? "443" : "80";
    for (char c : url.port) {
        if (c < '0' || c > '9')
            return std::nullopt;
    }
    if (url.port.size() > 5 || std::stoul(url.port) > 65535)
        return std::nullopt;
    url.target =
        rest.empty() ? "/" : std::string(rest.front() == '?' ? "/" : "") + std::string(rest);
    return url;
}

std::string Url::authority() const {
    const bool v6 = host.find(':') != std::string::npos;
    std::string out = v6 ? "[" + host + "]" : host;
    if (port != (tls ? "443" : "80"))
        out += ":" + port;
    return out;
}

bool host_allowed(std::string_view url, const std::vector<std::string>& host_list) {
    if (host_list.empty())
        return true;
    const auto parsed = Url::parse(url);
    if (!parsed)
        return false;
    for (const auto& entry : host_list) {
        const auto colon = entry.find(':');
        const std::string_view host = std::string_view(entry).substr(0, colon);
        if (!ascii_iequals(host, parsed->host))
            continue;
        if (colon == std::string::npos || entry.substr(colon + 1) == parsed->port)
            return true;
    }
    return false;
}

PostbackCheck check_postback_url(std::string_view url, const catalog::Buyer& buyer) {
    if (!cxml::is_http_url(url) || !Url::parse(url))
        return PostbackCheck::not_a_web_address;
    if (!host_allowed(url, buyer.postback_hosts))
        return PostbackCheck::host_not_allowed;
    return PostbackCheck::allowed;
}

}  // namespace punchout::gateway
