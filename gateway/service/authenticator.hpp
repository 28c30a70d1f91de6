#pragma once

#include "catalog/buyer.hpp"
#include "catalog/connection.hpp"
#include "catalog/sender.hpp"
#include "cxml/header.hpp"
#include "cxml/timestamp.hpp"
#include "gateway/service/config.hpp"
#include "gateway/service/outcome.hpp"

#include <optional>
#include <string>
#include <string_view>

namespace punchout::gateway {

/// Who a cXML request comes from, once its Header checked out.
struct Authenticated {
    catalog::Sender sender;
    catalog::Buyer buyer;
    /// The From credential that named the buyer (To of what we send back).
    cxml::Credential buyer_credential;
};

/// Checks a request Header: the Sender credential names a known, enabled sender and
/// proves it with its SharedSecret (constant-time) or a valid CredentialMac; a To credential
/// names us; the From credentials name an enabled buyer this sender may act for. Refused
/// as unauthenticated with a message a person can act on, which never says anything about
/// a buyer the sender may not act for; a store failure is busy or internal, never a "no".
/// A sender with a pinned client certificate must have presented it (`client_certificate`:
/// its SHA-256 hex from the TLS handshake, "" when none); it then needs no SharedSecret.
Outcome<Authenticated> authenticate(catalog::Connection& conn, const cxml::Header& header,
                                    const SupplierIdentity& supplier, const cxml::Timestamp& now,
                                    std::string_view client_certificate = {});

/// Checks a SAP OCI catalog login (USERNAME and PASSWORD of the call) against the buyer's
/// OCI credentials: unauthenticated with the same words for an unknown user and a wrong
/// password; not_permitted for a disabled buyer.
Outcome<catalog::Buyer> authenticate_oci_login(catalog::Connection& conn, std::string_view username,
                                               std::string_view password);

}  // namespace punchout::gateway
