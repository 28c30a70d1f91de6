#pragma once

// What the buyer's platform refuses in the documents we send back (the cart rules are
// cxml/platform_check): checked before anything is stored, so a document the platform
// would bounce is never queued.
#include "catalog/buyer.hpp"
#include "catalog/confirmation.hpp"
#include "catalog/result.hpp"
#include "catalog/shipment.hpp"
#include "catalog/timestamp.hpp"
#include "cxml/platform_profile.hpp"

namespace punchout::gateway {

/// The profile of the buyer's platform (`buyer set --platform`; generic when unset).
const cxml::PlatformProfile& platform_of(const catalog::Buyer& buyer) noexcept;

/// Errc::invalid, naming the platform, the line and the fix, when `profile` refuses the
/// confirmation sent at `at`: a reject without a comment, a promised date in the past.
catalog::Result<void> check_confirmation(const cxml::PlatformProfile& profile,
                                         const catalog::NewConfirmation& confirmation,
                                         catalog::Timestamp at);

/// Errc::invalid when `profile` refuses the ship notice sent at `at`: a delivery date in
/// the past.
catalog::Result<void> check_shipment(const cxml::PlatformProfile& profile,
                                     const catalog::NewShipment& shipment, catalog::Timestamp at);

}  // namespace punchout::gateway
