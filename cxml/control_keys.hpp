#pragma once

#include <optional>
#include <string_view>

namespace punchout::cxml {

/// `OCInstruction@value`: whether the buyer takes order confirmations for this order.
enum class ConfirmationInstruction { allowed, not_allowed, required_before_ship_notice };

/// `ASNInstruction@value`: whether the buyer takes ship notices for this order.
enum class ShipNoticeInstruction { allowed, not_allowed };

/// "allowed", "notAllowed", "requiredBeforeASN".
std::string_view to_string(ConfirmationInstruction instruction) noexcept;
/// "allowed", "notAllowed".
std::string_view to_string(ShipNoticeInstruction instruction) noexcept;

/// A cXML `ControlKeys` (Coupa SCC, Ariba): the buyer's rules for the documents a supplier
/// may send about an order, overriding the network's defaults. Absent means "allowed".
struct ControlKeys {
    std::optional<ConfirmationInstruction> confirmation;  ///< `OCInstruction@value`
    std::optional<ShipNoticeInstruction> ship_notice;     ///< `ASNInstruction@value`

    bool operator==(const ControlKeys&) const = default;
};

}  // namespace punchout::cxml
