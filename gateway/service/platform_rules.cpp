#include "gateway/service/platform_rules.hpp"

#include <chrono>
#include <string>

namespace punchout::gateway {
namespace {

using catalog::Errc;
using catalog::Error;

// The earliest calendar date anywhere at `at` (UTC-12), as YYYY-MM-DD. The platform judges
// "the past" in the buyer's time zone, which we do not know; a date is refused only when it
// is past everywhere, so a correct date is never refused.
std::string earliest_today(catalog::Timestamp at) {
    return catalog::format_timestamp(at - std::chrono::hours(12)).substr(0, 10);
}

// A date before `today`. Text that is no YYYY-MM-DD date is left to the store's check,
// which names the format.
bool before(const std::string& date, const std::string& today) {
    const bool iso = date.size() == 10 && date[4] == '-' && date[7] == '-';
    return iso && date < today;
}

}  // namespace

const cxml::PlatformProfile& platform_of(const catalog::Buyer& buyer) noexcept {
    return cxml::profile_of(cxml::parse_platform(buyer.platform).value_or(cxml::Platform::generic));
}

catalog::Result<void> check_confirmation(const cxml::PlatformProfile& profile,
                                         const catalog::NewConfirmation& confirmation,
                                         catalog::Timestamp at) {
    const std::string name(profile.display_name);
    if (profile.reject_needs_comment && confirmation.comment.empty()) {
        for (const auto& part : confirmation.parts) {
            if (part.status != catalog::LineStatus::reject)
                continue;
            return Error{Errc::invalid,
                         name +
                             " refuses a rejected line without a reason (\"line type is "
                             "'reject' but missing <Comments>\"): line " +
                             std::to_string(part.line_number) +
                             " is rejected; say why with --comment; nothing was changed"};
        }
    }
    if (profile.refuses_past_dates) {
        const std::string today = earliest_today(at);
        for (const auto& part : confirmation.parts) {
            if (!before(part.delivery_date, today))
                continue;
            return Error{Errc::invalid, name + " refuses a promised date in the past: line " +
                                            std::to_string(part.line_number) + " promises " +
                                            part.delivery_date +
                                            "; give today or a later date (--delivery-date); "
                                            "nothing was changed"};
        }
    }
    return {};
}

catalog::Result<void> check_shipment(const cxml::PlatformProfile& profile,
                                     const catalog::NewShipment& shipment, catalog::Timestamp at) {
    if (profile.refuses_past_dates && before(shipment.delivery_date, earliest_today(at))) {
        return Error{Errc::invalid, std::string(profile.display_name) +
                                        " refuses a backdated ship notice: delivery date " +
                                        shipment.delivery_date +
                                        " is in the past; give today or a later date "
                                        "(--delivery-date); nothing was changed"};
    }
    return {};
}

}  // namespace punchout::gateway
