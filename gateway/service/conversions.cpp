#include "gateway/service/conversions.hpp"

namespace punchout::gateway {

std::optional<catalog::Amount> to_amount(const cxml::Decimal& d) noexcept {
    const auto trimmed = d.trimmed();
    if (trimmed.scale() > 4)
        return std::nullopt;
    return to_amount_rounded(trimmed);
}

std::optional<catalog::Amount> to_amount_rounded(const cxml::Decimal& d) noexcept {
    try {
        // Four decimals exactly: the mantissa is then the count of ten-thousandths.
        const auto four = d.round(4);
        const auto text = four.to_string();
        auto parsed = catalog::Amount::parse(text);
        if (!parsed)
            return std::nullopt;
        return *parsed;
    } catch (const std::exception&) {
        return std::nullopt;
    }
}

cxml::Decimal to_decimal(catalog::Amount a, int min_decimals) {
    return cxml::Decimal::from_parts(a.units(), 4).trimmed().with_min_scale(min_decimals);
}

catalog::Credential to_catalog(const cxml::Credential& c) {
    // Identities compare exactly, but the XML white space around them is layout, not data.
    auto trim = [](const std::string& s) {
        const auto first = s.find_first_not_of(" \t\r\n");
        if (first == std::string::npos)
            return std::string();
        return s.substr(first, s.find_last_not_of(" \t\r\n") - first + 1);
    };
    return catalog::Credential{trim(c.domain), trim(c.identity)};
}

catalog::DeploymentMode to_catalog(std::optional<cxml::DeploymentMode> mode) noexcept {
    return mode == cxml::DeploymentMode::test ? catalog::DeploymentMode::test
                                              : catalog::DeploymentMode::production;
}

catalog::DocumentRule to_catalog(cxml::ConfirmationInstruction instruction) noexcept {
    switch (instruction) {
        case cxml::ConfirmationInstruction::allowed:
            return catalog::DocumentRule::allowed;
        case cxml::ConfirmationInstruction::not_allowed:
            return catalog::DocumentRule::not_allowed;
        case cxml::ConfirmationInstruction::required_before_ship_notice:
            return catalog::DocumentRule::required_before_ship_notice;
    }
    return catalog::DocumentRule::unstated;
}

catalog::DocumentRule to_catalog(cxml::ShipNoticeInstruction instruction) noexcept {
    return instruction == cxml::ShipNoticeInstruction::not_allowed
               ? catalog::DocumentRule::not_allowed
               : catalog::DocumentRule::allowed;
}

cxml::DeploymentMode to_cxml(catalog::DeploymentMode mode) noexcept {
    return mode == catalog::DeploymentMode::test ? cxml::DeploymentMode::test
                                                 : cxml::DeploymentMode::production;
}

cxml::ConfirmationType to_cxml(catalog::ConfirmationType type) noexcept {
    switch (type) {
        case catalog::ConfirmationType::accept:
            return cxml::ConfirmationType::accept;
        case catalog::ConfirmationType::reject:
            return cxml::ConfirmationType::reject;
        case catalog::ConfirmationType::all_detail:
            break;
    }
    return cxml::ConfirmationType::all_detail;
}

catalog::Timestamp to_catalog_time(const cxml::Timestamp& t) {
    return std::chrono::floor<std::chrono::seconds>(t.utc());
}

cxml::Timestamp to_cxml_time(catalog::Timestamp t, std::chrono::minutes offset) {
    return cxml::Timestamp(std::chrono::time_point_cast<std::chrono::milliseconds>(t), offset);
}

}  // namespace punchout::gateway
