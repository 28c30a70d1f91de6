#include "gateway/service/authenticator.hpp"

#include "cxml/credential_mac.hpp"
#include "gateway/service/conversions.hpp"

namespace punchout::gateway {
namespace {

Refusal fail(std::string message) {
    return Refusal::unauthenticated(std::move(message));
}

constexpr std::string_view not_checked = "Authentication could not be checked";

std::string describe(const cxml::Credential& c) {
    return c.domain + ":" + c.identity;
}

bool names_us(const cxml::Party& to, const SupplierIdentity& supplier) {
    for (const auto& c : to.credentials) {
        for (const auto& [domain, identity] : supplier.credentials) {
            if (catalog::same_credential(to_catalog(c), catalog::Credential{domain, identity}))
                return true;
        }
    }
    return false;
}

// The same words whether the buyer is unknown or merely not this sender's: an
// authenticated sender learns nothing about buyers it may not act for.
constexpr const char* no_buyer =
    "The From credentials name no buyer this Sender may act for. Ask the supplier to link "
    "your From credential (domain and identity) to your account.";

}  // namespace

Outcome<Authenticated> authenticate(catalog::Connection& conn, const cxml::Header& header,
                                    const SupplierIdentity& supplier, const cxml::Timestamp& now,
                                    std::string_view client_certificate) {
    if (header.sender.credentials.empty()) {
        return fail("The Header has no Sender credential.");
    }
    // The Sender credential carrying a secret or MAC is the one that authenticates.
    const cxml::Credential* presented = nullptr;
    std::optional<catalog::Sender> sender;
    for (const auto& c : header.sender.credentials) {
        auto found = catalog::find_sender_by_credential(conn, to_catalog(c));
        if (found) {
            presented = &c;
            sender = std::move(*found);
            break;
        }
        if (found.error().code != catalog::Errc::not_found) {
            return refusal_from(found.error(), not_checked);
        }
    }
    if (!sender) {
        return fail("Sender credential " + describe(header.sender.credentials.front()) +
                    " is not known to this supplier.");
    }
    if (!sender->enabled) {
        return fail("Sender " + describe(*presented) + " is disabled at this supplier.");
    }
    const bool pinned = !sender->client_certificate_sha256.empty();
    if (pinned && client_certificate != sender->client_certificate_sha256) {
        return fail(
            "Sender " + describe(*presented) +
            " authenticates by TLS client certificate, and this connection " +
            (client_certificate.empty() ? "presented none" : "presented another certificate") +
            ". Post over HTTPS with the certificate registered for it.");
    }
    if (pinned && !presented->shared_secret && !presented->mac) {
        // Certificate authentication: the handshake proved the key; nothing more to check.
    } else if (presented->shared_secret) {
        if (!catalog::verify_shared_secret(*sender, *presented->shared_secret)) {
            return fail("The SharedSecret of Sender " + describe(*presented) + " does not match.");
        }
    } else if (presented->mac) {
        if (!sender->mac_key || header.from.credentials.empty()) {
            return fail("Sender " + describe(*presented) +
                        " sent a CredentialMac, but no MAC key is set up for it.");
        }
        // The MAC covers the first From credential and the Sender credential.
        auto check = cxml::verify_credential_mac(header.from.credentials.front(), *presented,
                                                 *sender->mac_key, now);
        if (check != cxml::MacCheck::valid) {
            return fail("The CredentialMac of Sender " + describe(*presented) + " is " +
                        std::string(cxml::to_string(check)) + ".");
        }
    } else {
        return fail("Sender " + describe(*presented) +
                    " has neither a SharedSecret nor a CredentialMac.");
    }

    if (!names_us(header.to, supplier)) {
        std::string expected;
        for (const auto& [d, i] : supplier.credentials) {
            expected += (expected.empty() ? "" : " or ") + d + ":" + i;
        }
        return fail("The To credential does not name this supplier (expected " + expected + ").");
    }

    std::vector<catalog::Credential> from;
    for (const auto& c : header.from.credentials)
        from.push_back(to_catalog(c));
    if (from.empty())
        return fail("The Header has no From credential.");
    auto buyer = catalog::find_buyer_by_credentials(conn, from);
    if (!buyer) {
        if (buyer.error().code == catalog::Errc::not_found ||
            buyer.error().code == catalog::Errc::invalid) {
            return fail(no_buyer);
        }
        return refusal_from(buyer.error(), not_checked);
    }
    auto may = catalog::sender_may_act_for(conn, sender->key, buyer->key);
    if (!may)
        return refusal_from(may.error(), not_checked);
    if (!*may)
        return fail(no_buyer);
    if (!buyer->enabled) {
        return fail("This buyer account is disabled at the supplier.");
    }

    Authenticated ok{std::move(*sender), std::move(*buyer), {}};
    for (const auto& c : header.from.credentials) {
        for (const auto& known : ok.buyer.credentials) {
            if (catalog::same_credential(to_catalog(c), known)) {
                ok.buyer_credential = c;
                break;
            }
        }
        if (!ok.buyer_credential.domain.empty())
            break;
    }
    return ok;
}

Outcome<catalog::Buyer> authenticate_oci_login(catalog::Connection& conn, std::string_view username,
                                               std::string_view password) {
    auto buyer = catalog::find_buyer_by_oci_login(conn, username, password);
    if (!buyer) {
        if (buyer.error().code != catalog::Errc::not_found)
            return refusal_from(buyer.error(), "The catalog login could not be checked");
        return fail(
            "The user name or password your procurement system sent for this catalog "
            "is not correct.");
    }
    if (!buyer->enabled)
        return Refusal::not_permitted("Your organisation's account is disabled at this supplier.");
    return std::move(*buyer);
}

}  // namespace punchout::gateway
