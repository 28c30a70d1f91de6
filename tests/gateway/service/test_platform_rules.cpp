#include "gateway/service/platform_rules.hpp"

#include <catch2/catch.hpp>

using namespace punchout;
using namespace punchout::gateway;
using catalog::Amount;
using catalog::LineStatus;

namespace {

// 2026-12-03T07:00:00Z: still 2026-12-02 from UTC-12 to UTC-8.
const catalog::Timestamp morning = catalog::from_unix(1796281200);

const cxml::PlatformProfile& coupa = cxml::profile_of(cxml::Platform::coupa);
const cxml::PlatformProfile& generic = cxml::profile_of(cxml::Platform::generic);

catalog::NewConfirmation with(std::vector<catalog::ConfirmedPart> parts, std::string comment) {
    catalog::NewConfirmation c;
    c.parts = std::move(parts);
    c.comment = std::move(comment);
    return c;
}

std::string refusal(const catalog::Result<void>& r) {
    REQUIRE_FALSE(r);
    CHECK(r.error().code == catalog::Errc::invalid);
    return r.error().message;
}

}  // namespace

TEST_CASE("the buyer's platform names its profile; an unset or unknown one is generic",
          "[platform_rules]") {
    catalog::Buyer b;
    CHECK(platform_of(b).platform == cxml::Platform::generic);
    b.platform = "coupa";
    CHECK(platform_of(b).platform == cxml::Platform::coupa);
    b.platform = "sap-srm";
    CHECK(platform_of(b).platform == cxml::Platform::sap_srm);
}

TEST_CASE("Coupa refuses a rejected line without a reason, naming the line and the fix",
          "[platform_rules]") {
    const auto c = with({{1, *Amount::parse("4"), LineStatus::accept, ""},
                         {2, *Amount::parse("1"), LineStatus::reject, ""}},
                        "");
    const auto message = refusal(check_confirmation(coupa, c, morning));
    CHECK(message.find("Coupa") != std::string::npos);
    CHECK(message.find("line 2") != std::string::npos);
    CHECK(message.find("--comment") != std::string::npos);

    CHECK(check_confirmation(coupa, with(c.parts, "Discontinued"), morning));
    CHECK(check_confirmation(generic, c, morning));
    // Accepting without a comment is fine everywhere.
    CHECK(check_confirmation(coupa, with({{1, *Amount::parse("4"), LineStatus::accept, ""}}, ""),
                             morning));
}

TEST_CASE("Coupa refuses a promised date that is past everywhere, not one still today somewhere",
          "[platform_rules]") {
    const auto past =
        with({{1, *Amount::parse("4"), LineStatus::backordered, "2026-12-01"}}, "late");
    const auto message = refusal(check_confirmation(coupa, past, morning));
    CHECK(message.find("2026-12-01") != std::string::npos);
    CHECK(message.find("line 1") != std::string::npos);
    CHECK(check_confirmation(generic, past, morning));

    // 2026-12-02 is still today west of UTC-7 at 07:00 UTC.
    CHECK(check_confirmation(
        coupa, with({{1, *Amount::parse("4"), LineStatus::accept, "2026-12-02"}}, ""), morning));
    CHECK(check_confirmation(
        coupa, with({{1, *Amount::parse("4"), LineStatus::accept, "2026-12-24"}}, ""), morning));
    // What is no date is left to the store's check, which names the format.
    CHECK(check_confirmation(
        coupa, with({{1, *Amount::parse("4"), LineStatus::accept, "01/12/2026"}}, ""), morning));
}

TEST_CASE("Coupa refuses a backdated ship notice delivery date", "[platform_rules]") {
    catalog::NewShipment s;
    s.delivery_date = "2026-11-30";
    const auto message = refusal(check_shipment(coupa, s, morning));
    CHECK(message.find("2026-11-30") != std::string::npos);
    CHECK(message.find("--delivery-date") != std::string::npos);
    CHECK(check_shipment(generic, s, morning));
    s.delivery_date = "2026-12-04";
    CHECK(check_shipment(coupa, s, morning));
    s.delivery_date.clear();
    CHECK(check_shipment(coupa, s, morning));
}
