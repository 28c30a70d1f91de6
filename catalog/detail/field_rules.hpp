#pragma once

// The rules a value must follow before it enters the catalog, shared by the importers and
// the single-row setters. Each returns an empty optional when the value is fine and a
// message (without the value itself) when it is not.
#include <cstddef>
#include <optional>
#include <string>
#include <string_view>

namespace punchout::catalog::detail {

using Problem = std::optional<std::string>;

/// Valid UTF-8 (no overlong forms, no surrogates, nothing above U+10FFFF).
bool is_valid_utf8(std::string_view text) noexcept;

/// Text: valid UTF-8, at most `max_bytes`, no control characters except tab (and line
/// breaks when `multiline`).
Problem check_text(std::string_view text, std::size_t max_bytes, bool multiline = false);

/// Text that must not be empty.
Problem check_required_text(std::string_view text, std::size_t max_bytes, bool multiline = false);

/// A SKU / identifier: 1..255 bytes of text without line breaks and without spaces at
/// either end.
Problem check_identifier(std::string_view text, std::size_t max_bytes = 255);

/// An admin-chosen id (buyer, sender): 1..64 of letters, digits, '.', '_', '-'.
Problem check_code(std::string_view text);

/// A UN/CEFACT Rec. 20 unit code: 2 or 3 upper-case letters or digits (EA, PK, MTR, C62).
Problem check_unit_code(std::string_view text);

/// A UNSPSC commodity code: exactly 8 digits.
Problem check_unspsc(std::string_view text);

/// An ISO 4217 currency code: 3 upper-case letters.
Problem check_currency(std::string_view text);

/// An absolute http:// or https:// URL without spaces or control characters.
Problem check_http_url(std::string_view text);

/// A web origin: scheme://host[:port] with http or https and nothing after.
Problem check_origin(std::string_view text);

/// A host name (letters, digits, '-', '.'), optionally with a port.
Problem check_host(std::string_view text);

/// A cXML version such as 1.2.071: digits separated by dots.
Problem check_cxml_version(std::string_view text);

/// A category path "A > B > C" normalized: parts trimmed, joined by " > ". Empty input
/// gives an empty path. Fails on an empty part or a part that is not clean text.
std::optional<std::string> normalize_category(std::string_view text, std::string& problem);

/// A non-negative whole number of days, at most 3650.
std::optional<long> parse_days(std::string_view text, std::string& problem);

/// "T"/"TRUE"/"Y"/"YES"/"1" and "F"/"FALSE"/"N"/"NO"/"0"/"" (any case).
std::optional<bool> parse_flag(std::string_view text);

/// ASCII lower case.
std::string lower(std::string_view text);

/// Text without spaces and tabs at either end.
std::string_view trim(std::string_view text) noexcept;

}  // namespace punchout::catalog::detail
