#include "cxml/credential_mac.hpp"

#include "cxml/credential.hpp"
#include "cxml/detail/text.hpp"

#include <stdexcept>

#include <openssl/crypto.h>
#include <openssl/evp.h>
#include <openssl/hmac.h>

namespace punchout::cxml {

namespace {

void append_field(std::string& data, std::string_view field) {
    data.append(field);
    data.push_back('\0');
}

}  // namespace

std::string_view to_string(MacCheck check) noexcept {
    switch (check) {
        case MacCheck::valid:
            return "valid";
        case MacCheck::mismatch:
            return "mismatch";
        case MacCheck::expired:
            return "expired";
        case MacCheck::not_yet_valid:
            return "not yet valid";
        case MacCheck::malformed:
            return "malformed";
        case MacCheck::unsupported_algorithm:
            return "unsupported algorithm";
    }
    return "unknown";
}

std::string compute_credential_mac(const Credential& from, const Credential& sender,
                                   std::string_view creation_date, std::string_view expiration_date,
                                   std::string_view secret) {
    std::string data;
    append_field(data, detail::to_lower(detail::trim(from.domain)));
    append_field(data, detail::to_lower(detail::trim(from.identity)));
    append_field(data, detail::to_lower(detail::trim(sender.domain)));
    append_field(data, detail::to_lower(detail::trim(sender.identity)));
    append_field(data, creation_date);
    append_field(data, expiration_date);

    unsigned char digest[EVP_MAX_MD_SIZE];
    unsigned int digest_len = 0;
    if (HMAC(EVP_sha1(), secret.data(), static_cast<int>(secret.size()),
             reinterpret_cast<const unsigned char*>(data.data()), data.size(), digest,
             &digest_len) == nullptr ||
        digest_len < 12) {
        throw std::runtime_error("HMAC-SHA1 failed");
    }
    return detail::base64_encode(std::string_view(reinterpret_cast<const char*>(digest), 12));
}

CredentialMac make_credential_mac(const Credential& from, const Credential& sender,
                                  std::string_view secret, Timestamp created,
                                  std::chrono::seconds lifetime) {
    CredentialMac mac;
    mac.creation_date = created.format();
    mac.expiration_date = Timestamp(created.utc() + lifetime, created.offset()).format();
    mac.value =
        compute_credential_mac(from, sender, mac.creation_date, mac.expiration_date, secret);
    return mac;
}

MacCheck verify_credential_mac(const Credential& from, const Credential& sender,
                               std::string_view secret, Timestamp now, std::chrono::seconds skew) {
    if (!sender.mac)
        return MacCheck::malformed;
    const CredentialMac& mac = *sender.mac;
    if (!detail::iequals(detail::trim(mac.algorithm), "HMAC-SHA1-96")) {
        return MacCheck::unsupported_algorithm;
    }
    const auto created = Timestamp::parse(mac.creation_date);
    const auto expires = Timestamp::parse(mac.expiration_date);
    if (!created || !expires)
        return MacCheck::malformed;

    // Compute and compare before looking at the dates, so timing says nothing about which
    // check failed first.
    const std::string expected =
        compute_credential_mac(from, sender, mac.creation_date, mac.expiration_date, secret);
    const std::string_view given = detail::trim(mac.value);
    const bool same = given.size() == expected.size() &&
                      CRYPTO_memcmp(given.data(), expected.data(), expected.size()) == 0;
    if (!same)
        return MacCheck::mismatch;
    if (now.utc() >= expires->utc())
        return MacCheck::expired;
    if (now.utc() + skew < created->utc())
        return MacCheck::not_yet_valid;
    return MacCheck::valid;
}

}  // namespace punchout::cxml
