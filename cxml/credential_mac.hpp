#pragma once

#include "cxml/timestamp.hpp"

#include <chrono>
#include <string>
#include <string_view>

namespace punchout::cxml {

struct Credential;

/// A cXML `CredentialMac`: a message authentication code a network (Ariba) puts in the
/// Sender credential instead of a shared secret.
///
/// The value is HMAC-SHA1-96: the HMAC-SHA1, keyed with the shared secret, of six fields
/// each as UTF-8 followed by one NUL byte: the From domain (lowercase), the From identity
/// (lowercase, trimmed), the Sender domain (lowercase), the Sender identity (lowercase,
/// trimmed), `creationDate` and `expirationDate` exactly as written; the first 12 bytes of
/// the HMAC, in base64.
struct CredentialMac {
    std::string type = "FromSenderCredentials";  ///< `type`
    std::string algorithm = "HMAC-SHA1-96";      ///< `algorithm`
    std::string creation_date;                   ///< `creationDate`, exactly as written
    std::string expiration_date;                 ///< `expirationDate`, exactly as written
    std::string value;                           ///< the base64 MAC (element text)

    bool operator==(const CredentialMac&) const = default;
};

/// The outcome of checking a CredentialMac.
enum class MacCheck {
    valid,                  ///< the MAC matches and `now` is inside its validity period
    mismatch,               ///< the MAC does not match (wrong secret or altered fields)
    expired,                ///< `now` is at or after `expirationDate`
    not_yet_valid,          ///< `now` is before `creationDate` (beyond the allowed skew)
    malformed,              ///< a date does not parse, or there is no MAC at all
    unsupported_algorithm,  ///< not `HMAC-SHA1-96`
};

/// A short English word for `check` ("valid", "expired", ...).
std::string_view to_string(MacCheck check) noexcept;

/// The base64 HMAC-SHA1-96 of the From and Sender credentials and the two dates.
std::string compute_credential_mac(const Credential& from, const Credential& sender,
                                   std::string_view creation_date, std::string_view expiration_date,
                                   std::string_view secret);

/// A complete CredentialMac valid from `created` for `lifetime`, for putting in `sender`.
CredentialMac make_credential_mac(const Credential& from, const Credential& sender,
                                  std::string_view secret, Timestamp created,
                                  std::chrono::seconds lifetime);

/// Checks `sender.mac` against `from`, `sender` and the shared secret at `now`; the
/// comparison runs in constant time. `skew` tolerates a creation date slightly ahead of
/// our clock.
MacCheck verify_credential_mac(const Credential& from, const Credential& sender,
                               std::string_view secret, Timestamp now,
                               std::chrono::seconds skew = std::chrono::minutes{5});

}  // namespace punchout::cxml
