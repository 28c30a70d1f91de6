#pragma once

#include <string>

namespace punchout::gateway {

/// A 128-bit random key in URL-safe base64 without padding (22 characters), from OpenSSL's
/// RAND_bytes: StartPage keys, storefront session keys, per-session form tokens.
std::string random_key();

/// A cart line token for SupplierPartAuxiliaryID: "L" and 16 Crockford base32 characters
/// (80 random bits). Only letters and digits, so no buyer system mangles it (no `?`, `{`,
/// `}`, no spaces, no case games).
std::string line_token();

/// True for strings of the form line_token() makes (cheap pre-check before a lookup).
bool looks_like_line_token(const std::string& text) noexcept;

/// Compares two secrets in time independent of where they differ.
bool constant_time_equals(const std::string& a, const std::string& b) noexcept;

}  // namespace punchout::gateway
