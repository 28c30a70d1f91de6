#pragma once

#include "cxml/document.hpp"

#include <string>
#include <string_view>

namespace punchout::cxml {

/// SHA-256 of `bytes`, as 64 lower-case hex digits.
std::string sha256_hex(std::string_view bytes);

/// A fingerprint of what a request asks, for telling a retry from another document that
/// reuses its payloadID: SHA-256 of the request body as we write it, so the envelope
/// (payloadID, timestamp, credentials, which a sender may regenerate on a retry) and
/// whitespace do not count, and everything the typed model reads does.
std::string request_fingerprint(const Document& doc);

}  // namespace punchout::cxml
