#include "cxml/credential.hpp"
#include "cxml/credential_mac.hpp"
#include "cxml/header.hpp"

#include <catch2/catch.hpp>

using namespace punchout::cxml;
using namespace std::chrono;

namespace {

Credential network_id(const char* identity) {
    Credential c;
    c.domain = "NetworkID";
    c.identity = identity;
    return c;
}

Timestamp at(const char* s) {
    return *Timestamp::parse(s);
}

constexpr const char* created = "2003-01-15T08:42:46-08:00";
constexpr const char* expires = "2003-01-15T11:42:46-08:00";

}  // namespace

TEST_CASE("Credential domains compare case-insensitively", "[credential]") {
    CHECK(domain_equals("NetworkID", "networkid"));
    CHECK(domain_equals("NetworkId", "NETWORKID"));
    CHECK(domain_equals(" DUNS ", "duns"));
    CHECK_FALSE(domain_equals("NetworkID", "NetworkUserID"));
}

TEST_CASE("Party finds a credential among several by domain", "[credential]") {
    Party from;
    from.credentials = {network_id("AN01000000001"), Credential{"DUNS", {}, "123456789", {}, {}}};
    REQUIRE(from.find("duns") != nullptr);
    CHECK(from.find("duns")->identity == "123456789");
    CHECK(from.find("networkId")->identity == "AN01000000001");
    CHECK(from.find("AribaNetworkUserId") == nullptr);
}

TEST_CASE("CredentialMac matches the cXML test vector", "[credential-mac]") {
    const Credential from = network_id("AN9900000100");
    const Credential sender = network_id("AN9900000100");
    CHECK(compute_credential_mac(from, sender, created, expires, "abracadabra") ==
          "cR6Jpz58nriXERDN");
    // Domains and identities are lowercased and trimmed before hashing.
    Credential shouting = from;
    shouting.domain = "NETWORKID";
    shouting.identity = "  an9900000100 ";
    CHECK(compute_credential_mac(shouting, sender, created, expires, "abracadabra") ==
          "cR6Jpz58nriXERDN");
}

TEST_CASE("CredentialMac verifies inside its validity period", "[credential-mac]") {
    const Credential from = network_id("AN9900000100");
    Credential sender = network_id("AN9900000100");
    sender.mac = CredentialMac{"FromSenderCredentials", "HMAC-SHA1-96", created, expires,
                               "cR6Jpz58nriXERDN"};
    CHECK(verify_credential_mac(from, sender, "abracadabra", at("2003-01-15T10:00:00-08:00")) ==
          MacCheck::valid);
}

TEST_CASE("CredentialMac expiry is checked against the supplied now", "[credential-mac]") {
    const Credential from = network_id("AN9900000100");
    Credential sender = network_id("AN9900000100");
    sender.mac = CredentialMac{"FromSenderCredentials", "HMAC-SHA1-96", created, expires,
                               "cR6Jpz58nriXERDN"};
    CHECK(verify_credential_mac(from, sender, "abracadabra", at(expires)) == MacCheck::expired);
    CHECK(verify_credential_mac(from, sender, "abracadabra", at("2003-01-16T00:00:00Z")) ==
          MacCheck::expired);
    CHECK(verify_credential_mac(from, sender, "abracadabra", at("2003-01-15T08:00:00-08:00")) ==
          MacCheck::not_yet_valid);
    // Within the clock skew allowance before creation it is accepted.
    CHECK(verify_credential_mac(from, sender, "abracadabra", at("2003-01-15T08:40:00-08:00")) ==
          MacCheck::valid);
}

TEST_CASE("CredentialMac rejects tampering", "[credential-mac]") {
    const Timestamp now = at("2003-01-15T10:00:00-08:00");
    Credential from = network_id("AN9900000100");
    Credential sender = network_id("AN9900000100");
    sender.mac = CredentialMac{"FromSenderCredentials", "HMAC-SHA1-96", created, expires,
                               "cR6Jpz58nriXERDN"};
    CHECK(verify_credential_mac(from, sender, "wrong secret", now) == MacCheck::mismatch);

    Credential other_from = from;
    other_from.identity = "AN9900000101";
    CHECK(verify_credential_mac(other_from, sender, "abracadabra", now) == MacCheck::mismatch);

    Credential extended = sender;
    extended.mac->expiration_date = "2003-01-16T11:42:46-08:00";  // a longer life
    CHECK(verify_credential_mac(from, extended, "abracadabra", now) == MacCheck::mismatch);

    Credential flipped = sender;
    flipped.mac->value = "cR6Jpz58nriXERDM";
    CHECK(verify_credential_mac(from, flipped, "abracadabra", now) == MacCheck::mismatch);

    Credential truncated = sender;
    truncated.mac->value = "cR6Jpz58";
    CHECK(verify_credential_mac(from, truncated, "abracadabra", now) == MacCheck::mismatch);
}

TEST_CASE("CredentialMac refuses malformed input without throwing", "[credential-mac]") {
    const Timestamp now = at("2003-01-15T10:00:00-08:00");
    const Credential from = network_id("AN9900000100");
    Credential sender = network_id("AN9900000100");
    CHECK(verify_credential_mac(from, sender, "abracadabra", now) == MacCheck::malformed);
    sender.mac = CredentialMac{"FromSenderCredentials", "HMAC-SHA1-96", "yesterday", expires,
                               "cR6Jpz58nriXERDN"};
    CHECK(verify_credential_mac(from, sender, "abracadabra", now) == MacCheck::malformed);
    sender.mac->creation_date = created;
    sender.mac->algorithm = "HMAC-SHA256";
    CHECK(verify_credential_mac(from, sender, "abracadabra", now) ==
          MacCheck::unsupported_algorithm);
    CHECK(to_string(MacCheck::expired) == "expired");
}

TEST_CASE("make_credential_mac builds a MAC that verifies", "[credential-mac]") {
    const Credential from = network_id("AN01000000001");
    Credential sender{"NetworkID", {}, "sysadmin@ariba.com", {}, {}};
    const Timestamp created_at = at("2026-11-23T10:15:00+01:00");
    sender.mac = make_credential_mac(from, sender, "s3cret", created_at, hours{1});
    CHECK(sender.mac->creation_date == "2026-11-23T10:15:00+01:00");
    CHECK(sender.mac->expiration_date == "2026-11-23T11:15:00+01:00");
    CHECK(sender.mac->value.size() == 16);
    CHECK(verify_credential_mac(from, sender, "s3cret", created_at) == MacCheck::valid);
    CHECK(verify_credential_mac(from, sender, "s3cret", Timestamp(created_at.utc() + hours{2})) ==
          MacCheck::expired);
}
