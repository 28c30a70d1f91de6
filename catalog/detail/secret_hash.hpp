#pragma once

// Storing secrets without keeping them: salted hashes in a self-describing text form, so
// the scheme can change later without a schema change.
#include <string>
#include <string_view>

namespace punchout::catalog::detail {

/// "sha256$<salt hex>$<SHA-256(salt || secret) hex>" with a fresh 16-byte salt. Used for
/// shared secrets: they are long random strings checked on every request, so one fast
/// hash is right (a slow KDF would only slow the gateway).
std::string hash_secret(std::string_view secret);

/// "pbkdf2-sha256$<iterations>$<salt hex>$<hash hex>". Used for OCI passwords, which people
/// choose and which may be weak, so guessing them from a stolen file must be slow.
std::string hash_password(std::string_view password, unsigned iterations = 310000);

/// `bytes` bytes from the system's random generator, as lower-case hex.
std::string random_hex(std::size_t bytes);

/// Whether `candidate` matches a stored form of either kind. The final comparison takes
/// the same time wherever the bytes differ; a malformed stored form matches nothing.
bool verify_hashed(std::string_view stored, std::string_view candidate) noexcept;

}  // namespace punchout::catalog::detail
