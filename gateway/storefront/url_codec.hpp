#pragma once

#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace punchout::gateway::storefront {

/// Percent-encodes `s` for use as one path segment or one query value: everything but the
/// RFC 3986 unreserved characters (A-Z a-z 0-9 - . _ ~) becomes %XX.
std::string percent_encode(std::string_view s);

/// Decodes %XX escapes in a path segment; nothing when an escape is malformed or decodes
/// to a NUL byte.
std::optional<std::string> percent_decode(std::string_view s);

/// The origin (`scheme://host[:port]`) of an http(s) URL, as CSP `form-action` wants it;
/// empty when `url` is not one.
std::string origin_of(std::string_view url);

/// True when `host_list` is empty (no restriction) or names the host of `url`, ASCII case
/// ignored; an entry with a port (`buyer.example:8443`) also requires that port.
bool host_allowed(std::string_view url, const std::vector<std::string>& host_list);

}  // namespace punchout::gateway::storefront
