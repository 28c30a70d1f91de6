#pragma once

#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace punchout::gateway {

/// Percent-encodes `s` for use as one path segment or one query value: everything but the
/// RFC 3986 unreserved characters (A-Z a-z 0-9 - . _ ~) becomes %XX.
std::string percent_encode(std::string_view s);

/// Decodes %XX escapes in a path segment; nothing when an escape is malformed or decodes
/// to a NUL byte.
std::optional<std::string> percent_decode(std::string_view s);

/// The origin (`scheme://host[:port]`) of an http(s) URL, as CSP `form-action` wants it;
/// empty when `url` is not one.
std::string origin_of(std::string_view url);

}  // namespace punchout::gateway
