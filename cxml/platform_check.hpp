#pragma once

#include "cxml/cart_transport.hpp"
#include "cxml/item_in.hpp"
#include "cxml/platform_profile.hpp"
#include "cxml/punch_out_order_message.hpp"

#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

namespace punchout::cxml {

/// What the buyer's platform would do with a value.
enum class FindingSeverity {
    cut,      ///< keeps only the start of the text
    changed,  ///< replaces or ignores the value, or many installations do not know it
    refused,  ///< refuses the line, or drops the whole cart
};

/// "cut", "changed", "refused".
std::string_view to_string(FindingSeverity severity) noexcept;

/// One thing a platform would cut, change or refuse in a cart, and how to avoid it.
struct PlatformFinding {
    std::uint32_t line = 0;  ///< the ItemIn's lineNumber (else its position from 1); 0: the cart
    std::string field;       ///< "Description", "SupplierPartID", "UnitOfMeasure", ...
    FindingSeverity severity = FindingSeverity::changed;
    std::string problem;  ///< what the platform does, for a person
    std::string fix;      ///< what to change so it does not

    bool operator==(const PlatformFinding&) const = default;
};

/// What `profile`'s platform would cut, change or refuse in one cart line. `line` numbers
/// the findings.
std::vector<PlatformFinding> check_item(const ItemIn& item, const PlatformProfile& profile,
                                        std::uint32_t line);

/// Every line of a cart, in order.
std::vector<PlatformFinding> check_cart(const PunchOutOrderMessage& cart,
                                        const PlatformProfile& profile);

/// The cart as it travels: a `cxml-urlencoded` field must be us-ascii (cXML User's Guide,
/// "cXML-urlencoded"), whatever its XML declaration says. Nothing for `cxml-base64`.
std::vector<PlatformFinding> check_transport(std::string_view document, CartEncoding encoding);

/// True when a finding would make the platform refuse the line or the cart.
bool refuses(const std::vector<PlatformFinding>& findings) noexcept;

}  // namespace punchout::cxml
