#pragma once

#include <optional>
#include <string>

#include "catalog/buyer.hpp"
#include "catalog/connection.hpp"
#include "catalog/sender.hpp"
#include "cxml/header.hpp"
#include "cxml/timestamp.hpp"
#include "gateway/service/config.hpp"

namespace punchout::gateway {

/// Who a cXML request comes from, once its Header checked out.
struct Authenticated {
    catalog::Sender sender;
    catalog::Buyer buyer;
    /// The From credential that named the buyer (To of what we send back).
    cxml::Credential buyer_credential;
};

/// Why a Header did not authenticate: the cXML status and a message a person can act on.
/// The message never says anything about a buyer the sender may not act for.
struct AuthFailure {
    unsigned status = 401;
    std::string message;
};

/// The outcome of `authenticate`.
struct AuthResult {
    std::optional<Authenticated> ok;
    AuthFailure failure;
};

/// Checks a request Header: the Sender credential names a known, enabled sender and
/// proves it with its SharedSecret (constant-time) or a valid CredentialMac; a To credential
/// names us; the From credentials name an enabled buyer this sender may act for.
AuthResult authenticate(catalog::Connection& conn, const cxml::Header& header,
                        const SupplierIdentity& supplier, const cxml::Timestamp& now);

}  // namespace punchout::gateway
