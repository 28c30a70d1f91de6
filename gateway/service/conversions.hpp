#pragma once

#include "catalog/amount.hpp"
#include "catalog/credential.hpp"
#include "catalog/deployment_mode.hpp"
#include "catalog/fulfilment.hpp"
#include "catalog/order.hpp"
#include "catalog/timestamp.hpp"
#include "cxml/confirmation_request.hpp"
#include "cxml/control_keys.hpp"
#include "cxml/credential.hpp"
#include "cxml/decimal.hpp"
#include "cxml/document.hpp"
#include "cxml/timestamp.hpp"

#include <optional>

// The gateway is where the cXML model and the store meet; these are the seams.
namespace punchout::gateway {

/// A cXML decimal as a store amount (four decimals); nothing when it has more than four
/// significant decimals or does not fit.
std::optional<catalog::Amount> to_amount(const cxml::Decimal& d) noexcept;

/// The same, rounding half-up to four decimals (prices from buyers with more digits).
std::optional<catalog::Amount> to_amount_rounded(const cxml::Decimal& d) noexcept;

/// A store amount as a cXML decimal with at least `min_decimals` places.
cxml::Decimal to_decimal(catalog::Amount a, int min_decimals = 0);

catalog::Credential to_catalog(const cxml::Credential& c);

/// A document's deploymentMode as stored (absent: production, as the DTD defaults it).
catalog::DeploymentMode to_catalog(std::optional<cxml::DeploymentMode> mode) noexcept;
/// A buyer's ControlKeys instruction as stored.
catalog::DocumentRule to_catalog(cxml::ConfirmationInstruction instruction) noexcept;
catalog::DocumentRule to_catalog(cxml::ShipNoticeInstruction instruction) noexcept;
/// The deploymentMode documents about a stored session or order go back in.
cxml::DeploymentMode to_cxml(catalog::DeploymentMode mode) noexcept;
/// The ConfirmationHeader@type a stored confirmation is sent as.
cxml::ConfirmationType to_cxml(catalog::ConfirmationType type) noexcept;

/// Seconds-precision store time <-> cXML timestamp (shown at `offset`).
catalog::Timestamp to_catalog_time(const cxml::Timestamp& t);
cxml::Timestamp to_cxml_time(catalog::Timestamp t,
                             std::chrono::minutes offset = std::chrono::minutes{0});

}  // namespace punchout::gateway
