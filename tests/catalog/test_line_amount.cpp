#include "catalog/line_amount.hpp"

#include <limits>

#include <catch2/catch.hpp>

using namespace punchout::catalog;

namespace {

Amount whole(std::int64_t n, std::int64_t ten_thousandths = 0) {
    return Amount::from_units(n * Amount::scale + ten_thousandths);
}

}  // namespace

TEST_CASE("a line amount divides by the price basis", "[line_amount]") {
    // 3 at 12.50 per 100 is 0.375.
    CHECK(line_amount(whole(3), whole(12, 5000), whole(100)) == Amount::from_units(3750));
    CHECK(line_amount(whole(2), whole(149), whole(1)) == whole(298));
}

TEST_CASE("a line amount rounds half away from zero, once", "[line_amount]") {
    // 1.5 x 0.3333 = 0.49995 -> 0.5000 at four decimals.
    CHECK(line_amount(Amount::from_units(15000), Amount::from_units(3333), whole(1)) ==
          Amount::from_units(5000));
    // 0.49995 -> 0.50 at cents, straight from the exact product (not 0.4999 -> 0.50 twice).
    CHECK(line_amount(Amount::from_units(15000), Amount::from_units(3333), whole(1), 2) ==
          Amount::from_units(5000));
    // 1 x 0.0049 is 0.00 at cents, 0.0049 at four decimals.
    CHECK(line_amount(whole(1), Amount::from_units(49), whole(1), 2) == Amount{});
    CHECK(line_amount(whole(1), Amount::from_units(49), whole(1)) == Amount::from_units(49));
    // A credit rounds the same way below zero.
    CHECK(line_amount(Amount::from_units(-15000), Amount::from_units(3333), whole(1)) ==
          Amount::from_units(-5000));
    // Whole units (JPY): 3 x 33.5 = 100.5 -> 101.
    CHECK(line_amount(whole(3), whole(33, 5000), whole(1), 0) == whole(101));
}

TEST_CASE("a line amount that does not fit is no amount, not a wrapped number", "[line_amount]") {
    const auto big = Amount::from_units(std::numeric_limits<std::int64_t>::max());
    CHECK_FALSE(line_amount(big, whole(2), whole(1)));
    CHECK_FALSE(line_amount(big, Amount::from_units(-2 * Amount::scale), whole(1)));
    // Large but representable: the 128-bit product does not overflow on the way.
    CHECK(line_amount(whole(1'000'000), whole(1'000'000), whole(1)) == whole(1'000'000'000'000));
}

TEST_CASE("a price basis that is not positive is refused", "[line_amount]") {
    CHECK_FALSE(line_amount(whole(1), whole(1), Amount{}));
    CHECK_FALSE(line_amount(whole(1), whole(1), Amount::from_units(-1)));
    CHECK_FALSE(line_amount(whole(1), whole(1), whole(1), 5));
}
