#include "cxml/date_time.hpp"
#include "cxml/payload_id.hpp"
#include "cxml/timestamp.hpp"

#include <set>
#include <string>
#include <unistd.h>

#include <catch2/catch.hpp>

using punchout::cxml::DateTime;
using punchout::cxml::Timestamp;
using namespace std::chrono;

namespace {

Timestamp ts(const char* s) {
    auto t = Timestamp::parse(s);
    REQUIRE(t.has_value());
    return *t;
}

sys_time<milliseconds> utc(int y, unsigned m, unsigned d, int hh, int mm, int ss) {
    return sys_days{year{y} / m / d} + hours{hh} + minutes{mm} + seconds{ss};
}

}  // namespace

TEST_CASE("Timestamp reads ISO 8601 with a colon offset", "[timestamp]") {
    const Timestamp t = ts("2026-11-23T10:15:00+01:00");
    CHECK(t.utc() == utc(2026, 11, 23, 9, 15, 0));
    CHECK(t.offset() == minutes{60});
    CHECK(t.zone_given());
    CHECK(t.format() == "2026-11-23T10:15:00+01:00");
}

TEST_CASE("Timestamp reads offsets without a colon: +0000 and -0500", "[timestamp]") {
    CHECK(ts("2018-01-01T00:00:00-0500").utc() == utc(2018, 1, 1, 5, 0, 0));
    CHECK(ts("2018-01-01T00:00:00-0500").format() == "2018-01-01T00:00:00-05:00");
    CHECK(ts("2008-05-19T18:29:48+0000").format() == "2008-05-19T18:29:48+00:00");
    CHECK(ts("2008-05-19T18:29:48+05").offset() == minutes{300});
}

TEST_CASE("Timestamp reads Z and writes it as +00:00, never Z", "[timestamp]") {
    const Timestamp t = ts("2010-12-22T19:03:37Z");
    CHECK(t.utc() == utc(2010, 12, 22, 19, 3, 37));
    CHECK(t.format() == "2010-12-22T19:03:37+00:00");
    CHECK(t.format().find('Z') == std::string::npos);
}

TEST_CASE("Timestamp reads a time without a zone (Oracle) as UTC", "[timestamp]") {
    const Timestamp t = ts("2024-03-05T14:30:00");
    CHECK_FALSE(t.zone_given());
    CHECK(t.utc() == utc(2024, 3, 5, 14, 30, 0));
    CHECK(t.format() == "2024-03-05T14:30:00+00:00");
}

TEST_CASE("Timestamp reads Coupa's 'Mon May 19 18:29:48 +0000 2008'", "[timestamp]") {
    const Timestamp t = ts("Mon May 19 18:29:48 +0000 2008");
    CHECK(t.utc() == utc(2008, 5, 19, 18, 29, 48));
    CHECK(t.format() == "2008-05-19T18:29:48+00:00");
    CHECK(ts("Tue Jan 07 09:14:50 -0800 2008").format() == "2008-01-07T09:14:50-08:00");
    CHECK(ts("Mon May 19 18:29:48 UTC 2008").utc() == utc(2008, 5, 19, 18, 29, 48));
}

TEST_CASE("Timestamp reads RFC 2822 dates", "[timestamp]") {
    CHECK(ts("Mon, 19 May 2008 18:29:48 +0000").utc() == utc(2008, 5, 19, 18, 29, 48));
    CHECK(ts("19 May 2008 18:29:48 -0100").utc() == utc(2008, 5, 19, 19, 29, 48));
}

TEST_CASE("Timestamp reads dates alone, spaces and fractions", "[timestamp]") {
    CHECK(ts("2023-01-23").utc() == utc(2023, 1, 23, 0, 0, 0));
    CHECK(ts("2023-01-23 16:00:06 +01:00").utc() == utc(2023, 1, 23, 15, 0, 6));
    const Timestamp f = ts("2023-01-23T16:00:06.250-01:00");
    CHECK(f.utc() == utc(2023, 1, 23, 17, 0, 6) + milliseconds{250});
    CHECK(f.format() == "2023-01-23T16:00:06.250-01:00");
}

TEST_CASE("Timestamp refuses what is not a date", "[timestamp]") {
    for (const char* bad : {"", "invoice_date", "2023-13-01T00:00:00Z", "2023-02-30",
                            "2023-01-01T25:00:00Z", "2023-01-01T10:00:00+25:00",
                            "Mon Foo 19 18:29:48 +0000 2008", "2023-01-01T10:00:00 junk"}) {
        INFO(bad);
        CHECK_FALSE(Timestamp::parse(bad).has_value());
    }
}

TEST_CASE("Timestamp shows an instant at any offset", "[timestamp]") {
    const Timestamp t = ts("2026-11-23T10:15:00+01:00");
    CHECK(t.at_offset(minutes{-330}).format() == "2026-11-23T03:45:00-05:30");
    CHECK(t.at_offset(minutes{0}) == ts("2026-11-23T09:15:00Z"));
    CHECK_FALSE(t == t.at_offset(minutes{0}));  // same instant, other offset
}

TEST_CASE("DateTime keeps text that is not a date", "[timestamp]") {
    const DateTime bad = DateTime::parse("invoice_date");
    CHECK_FALSE(bad.valid());
    CHECK(bad.to_string() == "invoice_date");
    const DateTime good = DateTime::parse("2009-05-01T11:45:51-07:00");
    CHECK(good.valid());
    CHECK(good == DateTime(ts("2009-05-01T18:45:51Z").at_offset(minutes{-420})));
}

TEST_CASE("payloadIDs are time.pid.random@host and unique", "[payload-id]") {
    const std::string id = punchout::cxml::make_payload_id("gw.example.com");
    const auto at = id.find('@');
    REQUIRE(at != std::string::npos);
    CHECK(id.substr(at + 1) == "gw.example.com");
    const std::string left = id.substr(0, at);
    const auto dot1 = left.find('.');
    const auto dot2 = left.find('.', dot1 + 1);
    REQUIRE(dot2 != std::string::npos);
    CHECK(left.substr(dot1 + 1, dot2 - dot1 - 1) == std::to_string(::getpid()));
    CHECK(left.size() - dot2 - 1 == 16);  // 64 random bits in hex

    std::set<std::string> ids;
    for (int i = 0; i < 10000; ++i)
        ids.insert(punchout::cxml::make_payload_id("h"));
    CHECK(ids.size() == 10000);
    // Host names are reduced to characters safe in an id.
    CHECK(punchout::cxml::make_payload_id("bad host<>\"").find("badhost") != std::string::npos);
}
