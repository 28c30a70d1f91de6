#pragma once

// A buyer's catalog as a CIF 3.0 file: what the buyer's system loads into its own catalog
// (a Level 2 punchout needs one, with PunchOut Enabled items, so users find our products in
// the buyer's search and punch out straight to one). catalog/README.md has the fields.
#include "catalog/buyer.hpp"
#include "catalog/connection.hpp"
#include "catalog/credential.hpp"
#include "catalog/result.hpp"
#include "catalog/timestamp.hpp"

#include <cstdint>
#include <ostream>
#include <string>

namespace punchout::catalog {

/// What goes into the file besides the buyer's products.
struct CifExportOptions {
    /// Our identity in the buyer's system: `Supplier ID` of each item, and the
    /// SUPPLIERID_DOMAIN header.
    Credential supplier;
    /// Level 2: every item is PunchOut Enabled at product level, with `punchout_url` (where
    /// the buyer's system sends the PunchOutSetupRequest) as its Supplier URL.
    bool punchout = false;
    std::string punchout_url;
    Timestamp at{};  ///< prices valid at this time, and the TIMESTAMP header
};

/// Writes the products `buyer` may see, by SKU, with the buyer's own price for one unit at
/// `options.at` (its contract price, else the list price, which is the Market Price), in
/// the buyer's units (its unit map) and currency. One read transaction: the file is one
/// snapshot even while imports run. Returns the number of items written; Errc::invalid for
/// bad options, nothing written then.
Result<std::int64_t> export_catalog_cif(Connection& conn, const Buyer& buyer,
                                        const CifExportOptions& options, std::ostream& out);

}  // namespace punchout::catalog
