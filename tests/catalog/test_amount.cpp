#include "catalog/amount.hpp"
#include "catalog/timestamp.hpp"

#include <limits>

#include <catch2/catch.hpp>

using namespace punchout::catalog;

namespace {

std::int64_t units(std::string_view text) {
    auto r = Amount::parse(text);
    INFO(text);
    REQUIRE(r.ok());
    return r->units();
}

std::string parse_error(std::string_view text) {
    auto r = Amount::parse(text);
    INFO(text);
    REQUIRE_FALSE(r.ok());
    CHECK(r.error().code == Errc::invalid);
    return r.error().message;
}

}  // namespace

TEST_CASE("amounts parse the strict decimal form exactly") {
    CHECK(units("12") == 120000);
    CHECK(units("12.5") == 125000);
    CHECK(units("12.50") == 125000);
    CHECK(units("0.0001") == 1);
    CHECK(units("-3.25") == -32500);
    CHECK(units("+7") == 70000);
    CHECK(units("0") == 0);
    CHECK(units("922337203685477.5807") == std::numeric_limits<std::int64_t>::max());
}

TEST_CASE("amounts reject every other form with the reason") {
    CHECK_THAT(parse_error("12,50"), Catch::Contains("dot as the decimal separator"));
    CHECK_THAT(parse_error("1,234.50"), Catch::Contains("no thousands separator"));
    CHECK_THAT(parse_error("1.23456"), Catch::Contains("at most 4 decimals"));
    CHECK_THAT(parse_error(""), Catch::Contains("empty"));
    CHECK_THAT(parse_error("abc"), Catch::Contains("expected digits"));
    CHECK_THAT(parse_error(".5"), Catch::Contains("digit must precede"));
    CHECK_THAT(parse_error("5."), Catch::Contains("digit must follow"));
    CHECK_THAT(parse_error("1e3"), Catch::Contains("unexpected 'e'"));
    CHECK_THAT(parse_error(" 1"), Catch::Contains("expected digits"));
    CHECK_THAT(parse_error("1 "), Catch::Contains("unexpected ' '"));
    CHECK_THAT(parse_error("12.5 EUR"), Catch::Contains("unexpected"));
    CHECK_THAT(parse_error("922337203685478"), Catch::Contains("too large"));
    CHECK_THAT(parse_error("99999999999999999999999"), Catch::Contains("too large"));
    CHECK_THAT(parse_error("-"), Catch::Contains("expected digits"));
}

TEST_CASE("amounts format back with as many decimals as needed") {
    CHECK(Amount::from_units(125000).to_string() == "12.5");
    CHECK(Amount::from_units(125000).to_string(2) == "12.50");
    CHECK(Amount::from_units(120000).to_string() == "12");
    CHECK(Amount::from_units(1).to_string(2) == "0.0001");
    CHECK(Amount::from_units(-32500).to_string(2) == "-3.25");
    CHECK(Amount::from_units(-1).to_string() == "-0.0001");
    CHECK(Amount::from_units(std::numeric_limits<std::int64_t>::min()).to_string() ==
          "-922337203685477.5808");
    for (const char* text : {"0", "1.5", "-0.25", "123456789.1234"}) {
        CHECK(Amount::parse(text)->to_string() == text);
    }
}

TEST_CASE("amount arithmetic is exact and reports overflow") {
    const auto price = *Amount::parse("12.3456");
    const auto qty = *Amount::parse("3");
    CHECK(price.multiply(qty)->to_string() == "37.0368");
    // 0.0005 x 0.5 = 0.00025, rounded half away from zero to 0.0003.
    CHECK(Amount::parse("0.0005")->multiply(*Amount::parse("0.5"))->units() == 3);
    CHECK(Amount::parse("-0.0005")->multiply(*Amount::parse("0.5"))->units() == -3);
    CHECK(price.add(qty)->to_string() == "15.3456");
    const auto huge = Amount::from_units(std::numeric_limits<std::int64_t>::max());
    CHECK_FALSE(huge.add(Amount::from_units(1)).has_value());
    CHECK_FALSE(huge.multiply(qty).has_value());
    CHECK(Amount::from_integer(5)->units() == 50000);
    CHECK_FALSE(Amount::from_integer(std::numeric_limits<std::int64_t>::max() / 2).has_value());
}

TEST_CASE("timestamps parse ISO 8601 dates and times in UTC") {
    CHECK(to_unix(*parse_timestamp("1970-01-01")) == 0);
    CHECK(to_unix(*parse_timestamp("2025-03-01")) == 1740787200);
    CHECK(to_unix(*parse_timestamp("2025-03-01T10:14")) == 1740787200 + 10 * 3600 + 14 * 60);
    CHECK(to_unix(*parse_timestamp("2025-03-01T10:14:05Z")) == 1740787200 + 36845);
    CHECK(to_unix(*parse_timestamp("2025-03-01 10:14:05")) == 1740787200 + 36845);
    CHECK(to_unix(*parse_timestamp("2025-03-01T12:14:05+02:00")) == 1740787200 + 36845);
    CHECK(to_unix(*parse_timestamp("2025-03-01T05:14:05-05:00")) == 1740787200 + 36845);
    CHECK(format_timestamp(from_unix(1740787200 + 36845)) == "2025-03-01T10:14:05Z");
    CHECK(format_timestamp(from_unix(-1)) == "1969-12-31T23:59:59Z");
}

TEST_CASE("timestamps reject what is not a real date or time") {
    for (const char* bad : {"", "2025-02-30", "2025-13-01", "01.03.2025", "2025-3-1",
                            "2025-03-01T25:00", "2025-03-01T10:60", "2025-03-01T10:14:05+2",
                            "2025-03-01X", "2025-03-01T10:14:05ZZ", "tomorrow"}) {
        CAPTURE(bad);
        auto r = parse_timestamp(bad);
        REQUIRE_FALSE(r.ok());
        CHECK(r.error().code == Errc::invalid);
        CHECK_THAT(r.error().message, Catch::Contains("YYYY-MM-DD"));
    }
}
