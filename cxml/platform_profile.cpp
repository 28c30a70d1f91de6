#include "cxml/platform_profile.hpp"

#include "cxml/detail/text.hpp"

#include <array>

namespace punchout::cxml {
namespace {

// Limits and their sources: docs/platform-profiles.md. Keep the two in step.

// UN/CEFACT Recommendation 20 codes in everyday procurement use, which platforms that
// check units against a list carry out of the box.
constexpr std::array<std::string_view, 52> common_units{
    "EA",  "C62", "H87", "PR",  "SET", "DZN", "BX",  "PK",  "PA",  "CS",  "CT",  "CA",  "BG",
    "BO",  "RO",  "RM",  "TU",  "KT",  "LO",  "PL",  "DR",  "KGM", "GRM", "MGM", "TNE", "LBR",
    "ONZ", "MTR", "CMT", "MMT", "KMT", "FOT", "INH", "YRD", "MTK", "FTK", "MTQ", "LTR", "MLT",
    "GLL", "HUR", "MIN", "DAY", "WEE", "MON", "ANN", "E48", "LS",  "KWH", "SEC", "NAR", "NPR"};

constexpr std::array<std::string_view, 1> ariba_doubtful{"UN"};
constexpr std::array<std::string_view, 1> ariba_instead{"EA"};
constexpr std::array<std::string_view, 1> oracle_doubtful{"EA"};
constexpr std::array<std::string_view, 1> oracle_instead{"EACH"};

PlatformProfile make_generic() {
    PlatformProfile p;
    p.platform = Platform::generic;
    p.display_name = "a cXML buyer system";
    return p;
}

PlatformProfile make_ariba() {
    PlatformProfile p;
    p.platform = Platform::ariba;
    p.display_name = "SAP Ariba";
    p.description_limit = 255;
    p.short_name_limit = 50;
    p.part_id_limit = 128;
    p.aux_id_limit = 128;
    p.part_id_forbidden = "?{}";
    p.doubtful_units = ariba_doubtful;
    p.doubtful_unit_instead = ariba_instead;
    return p;
}

PlatformProfile make_coupa() {
    PlatformProfile p;
    p.platform = Platform::coupa;
    p.display_name = "Coupa";
    p.unknown_unit = UnknownUnit::refused;
    p.known_units = common_units;
    p.reject_needs_comment = true;
    p.refuses_past_dates = true;
    return p;
}

PlatformProfile make_jaggaer() {
    PlatformProfile p;
    p.platform = Platform::jaggaer;
    p.display_name = "JAGGAER";
    p.description_limit = 256;
    p.part_id_limit = 100;
    p.aux_id_limit = 100;
    p.manufacturer_limit = 100;
    p.line_text_limit = 100;
    p.price_decimals = 4;
    p.unspsc_digits_only = true;
    p.unknown_unit = UnknownUnit::changed;
    p.known_units = common_units;
    return p;
}

PlatformProfile make_oracle() {
    PlatformProfile p;
    p.platform = Platform::oracle;
    p.display_name = "Oracle";
    p.doubtful_units = oracle_doubtful;
    p.doubtful_unit_instead = oracle_instead;
    return p;
}

PlatformProfile make_sap_srm() {
    PlatformProfile p;
    p.platform = Platform::sap_srm;
    p.display_name = "SAP SRM";
    p.count_characters = true;
    p.description_limit = 40;
    p.description_is_short_name = true;
    p.part_id_limit = 40;
    p.aux_id_limit = 40;
    p.manufacturer_limit = 40;
    p.unit_limit = 3;
    return p;
}

// Built on first use, so a profile asked for while other files' statics are being
// initialised is complete (a namespace-scope table may still be zeros then).
const std::array<PlatformProfile, 6>& profiles() {
    static const std::array<PlatformProfile, 6> table{
        make_generic(), make_ariba(), make_coupa(), make_jaggaer(), make_oracle(), make_sap_srm()};
    return table;
}

constexpr std::array<Platform, 6> platforms{Platform::generic, Platform::ariba,  Platform::coupa,
                                            Platform::jaggaer, Platform::oracle, Platform::sap_srm};

}  // namespace

std::string_view to_string(Platform platform) noexcept {
    switch (platform) {
        case Platform::generic:
            return "generic";
        case Platform::ariba:
            return "ariba";
        case Platform::coupa:
            return "coupa";
        case Platform::jaggaer:
            return "jaggaer";
        case Platform::oracle:
            return "oracle";
        case Platform::sap_srm:
            return "sap-srm";
    }
    return "generic";
}

std::optional<Platform> parse_platform(std::string_view name) noexcept {
    for (const Platform p : platforms) {
        if (detail::iequals(name, to_string(p)))
            return p;
    }
    return std::nullopt;
}

std::span<const Platform> all_platforms() noexcept {
    return platforms;
}

const PlatformProfile& profile_of(Platform platform) noexcept {
    for (const auto& p : profiles()) {
        if (p.platform == platform)
            return p;
    }
    return profiles().front();
}

}  // namespace punchout::cxml
