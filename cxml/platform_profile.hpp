#pragma once

#include <cstddef>
#include <optional>
#include <span>
#include <string_view>

namespace punchout::cxml {

/// The buyer's eProcurement system, for what it cuts, changes or refuses in a cart.
enum class Platform {
    generic,  ///< only what the cXML specification says
    ariba,
    coupa,
    jaggaer,
    oracle,
    sap_srm,  ///< SAP SRM over OCI
};

/// "generic", "ariba", "coupa", "jaggaer", "oracle", "sap-srm".
std::string_view to_string(Platform platform) noexcept;
/// The platform a name (as to_string writes it, case-insensitive) names.
std::optional<Platform> parse_platform(std::string_view name) noexcept;
/// Every platform, in the order of the enum.
std::span<const Platform> all_platforms() noexcept;

/// What a platform does with a unit of measure it does not know.
enum class UnknownUnit {
    kept,     ///< taken as sent
    changed,  ///< replaced by a default (JAGGAER: EA)
    refused,  ///< the cart is refused (Coupa)
};

/// One platform's published limits on a cart line (docs/platform-profiles.md cites the
/// source of each). A limit of 0 means none is published. Lengths count bytes of UTF-8
/// unless `count_characters` (SAP's Unicode systems count characters).
struct PlatformProfile {
    Platform platform = Platform::generic;
    std::string_view display_name;  ///< "SAP Ariba", ...
    bool count_characters = false;

    /// Description bytes the platform keeps on the requisition and the PO (more are cut).
    std::size_t description_limit = 0;
    /// The description field is the short name when there is one (OCI DESCRIPTION).
    bool description_is_short_name = false;
    std::size_t short_name_limit = 0;  ///< ShortName bytes kept
    /// SupplierPartID / SupplierPartAuxiliaryID bytes accepted; longer ones are refused.
    std::size_t part_id_limit = 0;
    std::size_t aux_id_limit = 0;
    std::string_view part_id_forbidden;  ///< characters refused in part IDs
    std::size_t manufacturer_limit = 0;  ///< ManufacturerPartID / ManufacturerName bytes kept
    std::size_t unit_limit = 0;          ///< UnitOfMeasure length sent on (OCI UNIT: 3)
    /// Bytes of a line's comments and extrinsic values together that are kept.
    std::size_t line_text_limit = 0;
    int price_decimals = -1;  ///< decimals of UnitPrice kept; -1: no limit published
    /// UNSPSC codes must be 8 digits, no punctuation, or the line is not categorised.
    bool unspsc_digits_only = false;

    UnknownUnit unknown_unit = UnknownUnit::kept;
    /// Units the platform knows by default; empty: every unit is known.
    std::span<const std::string_view> known_units;
    /// Units many installations of the platform do not have (a warning, not a refusal).
    std::span<const std::string_view> doubtful_units;
    /// What many installations want instead of a doubtful unit, in the same order.
    std::span<const std::string_view> doubtful_unit_instead;

    // What the platform refuses in the documents the supplier sends back.

    /// A rejected order or line needs Comments saying why (Coupa: "line type is 'reject' but
    /// missing <Comments>").
    bool reject_needs_comment = false;
    /// Promised and delivery dates before the day the document arrives are refused (Coupa:
    /// "Promised date needs to be set for a future date"; ship notice dates "cannot be
    /// backdated").
    bool refuses_past_dates = false;
};

/// The profile of a platform.
const PlatformProfile& profile_of(Platform platform) noexcept;

}  // namespace punchout::cxml
