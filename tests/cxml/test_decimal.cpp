#include "cxml/decimal.hpp"
#include "cxml/money.hpp"

#include <stdexcept>

#include <catch2/catch.hpp>

using punchout::cxml::Decimal;
using punchout::cxml::RoundingMode;

namespace {

Decimal d(const char* s) {
    auto v = Decimal::parse(s);
    REQUIRE(v.has_value());
    return *v;
}

}  // namespace

TEST_CASE("Decimal parses dot decimals and keeps the written scale", "[decimal]") {
    CHECK(d("12.50").to_string() == "12.50");
    CHECK(d("12.50").scale() == 2);
    CHECK(d("-0.5").to_string() == "-0.5");
    CHECK(d("+7").to_string() == "7");
    CHECK(d(".25").to_string() == "0.25");
    CHECK(d("5.").to_string() == "5");
    CHECK(d("  3.0\n").to_string() == "3.0");
    CHECK(d("0.0001").to_string() == "0.0001");
    CHECK(d("-0.0001").to_string() == "-0.0001");
}

TEST_CASE("Decimal refuses what is not a plain decimal number", "[decimal]") {
    for (const char* bad : {"", " ", "abc", "1,5", "1.2.3", "1e3", "--1", "12 50", ".", "-", "0x10",
                            "NaN", "1234567890123456789"}) {
        INFO(bad);
        CHECK_FALSE(Decimal::parse(bad).has_value());
    }
    // Eighteen significant digits are fine; leading zeros do not count.
    CHECK(Decimal::parse("000123456789012345678").has_value());
    CHECK(Decimal::parse("123456789012345678").has_value());
}

TEST_CASE("Decimal arithmetic is exact", "[decimal]") {
    CHECK((d("0.1") + d("0.2")) == d("0.3"));
    CHECK((d("0.1") + d("0.2")).to_string() == "0.3");
    CHECK((d("10.00") - d("0.01")).to_string() == "9.99");
    CHECK((d("763.20") * d("3")).to_string() == "2289.60");
    CHECK((d("1.5") * d("1.5")).to_string() == "2.25");
    CHECK((d("-2") * d("0.5")) == d("-1"));
    Decimal sum;
    for (int i = 0; i < 1000; ++i)
        sum += d("0.01");
    CHECK(sum == d("10"));
    CHECK(sum.to_string() == "10.00");
}

TEST_CASE("Decimal compares by value, not by scale", "[decimal]") {
    CHECK(d("12.5") == d("12.50"));
    CHECK(d("12.49") < d("12.5"));
    CHECK(d("-1") < d("0"));
    CHECK(d("-1.5") < d("-1.25"));
    CHECK(d("100") > d("99.999"));
    CHECK(d("0") == Decimal{});
    CHECK_FALSE(d("0.1") == d("0.10001"));
}

TEST_CASE("Decimal rounds half-up (away from zero) by default", "[decimal]") {
    CHECK(d("2.345").round(2).to_string() == "2.35");
    CHECK(d("-2.345").round(2).to_string() == "-2.35");
    CHECK(d("2.344").round(2).to_string() == "2.34");
    CHECK(d("0.5").round(0).to_string() == "1");
    CHECK(d("1.2").round(3).to_string() == "1.200");
}

TEST_CASE("Decimal rounds half-even on request", "[decimal]") {
    CHECK(d("2.345").round(2, RoundingMode::half_even).to_string() == "2.34");
    CHECK(d("2.355").round(2, RoundingMode::half_even).to_string() == "2.36");
    CHECK(d("-2.345").round(2, RoundingMode::half_even).to_string() == "-2.34");
    CHECK(d("2.3451").round(2, RoundingMode::half_even).to_string() == "2.35");
    CHECK(d("0.5").round(0, RoundingMode::half_even).to_string() == "0");
}

TEST_CASE("Decimal round_at_most leaves short values alone", "[decimal]") {
    CHECK(d("1.5").round_at_most(4).to_string() == "1.5");
    CHECK(d("1.23456").round_at_most(4).to_string() == "1.2346");
    CHECK(d("12.500").trimmed().to_string() == "12.5");
    CHECK(d("3.000").trimmed().to_string() == "3");
    CHECK(d("5").with_min_scale(2).to_string() == "5.00");
}

TEST_CASE("Decimal whole numbers convert to integers", "[decimal]") {
    CHECK(d("42.000").to_integer() == 42);
    CHECK_FALSE(d("42.5").to_integer().has_value());
}

TEST_CASE("Decimal overflow is a broken invariant and throws", "[decimal]") {
    Decimal big = d("999999999999999999");
    Decimal product = big * big;  // 36 digits: still exact
    CHECK(product.to_string() == "999999999999999998000000000000000001");
    CHECK_THROWS_AS(product * big, std::overflow_error);
    CHECK_THROWS_AS(Decimal::from_parts(1, 19), std::out_of_range);
}

TEST_CASE("Money compares amount and currency", "[decimal]") {
    punchout::cxml::Money a{d("10.00"), "EUR", {}, {}};
    punchout::cxml::Money b{d("10"), "EUR", {}, {}};
    punchout::cxml::Money c{d("10"), "USD", {}, {}};
    CHECK(a == b);
    CHECK_FALSE(a == c);
}
