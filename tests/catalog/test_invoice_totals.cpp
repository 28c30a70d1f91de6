#include "catalog/invoice_totals.hpp"
#include "tests/catalog/support.hpp"

using namespace punchout::catalog;

namespace {

Amount a(const char* text) {
    return *Amount::parse(text);
}

}  // namespace

TEST_CASE("minor units follow ISO 4217") {
    CHECK(minor_unit_digits("EUR") == 2);
    CHECK(minor_unit_digits("USD") == 2);
    CHECK(minor_unit_digits("JPY") == 0);
    CHECK(minor_unit_digits("KRW") == 0);
    CHECK(minor_unit_digits("KWD") == 3);
    CHECK(minor_unit_digits("XYZ") == 2);
}

TEST_CASE("rounding is half away from zero at the minor unit") {
    CHECK(round_to(a("2.345"), 2) == a("2.35"));
    CHECK(round_to(a("2.3449"), 2) == a("2.34"));
    CHECK(round_to(a("-2.345"), 2) == a("-2.35"));
    CHECK(round_to(a("1234.5"), 0) == a("1235"));
    CHECK(round_to(a("0.0005"), 3) == a("0.001"));
}

TEST_CASE("invoice sums: lines rounded once each, tax on subtotal plus shipping, rounded once") {
    // 3 x 12.345 = 37.035 -> 37.04; 7 x 0.333 = 2.331 -> 2.33; 1000 x 12.50 per 100 = 125.
    std::vector<InvoiceLineInput> lines{
        {a("3"), a("12.345"), a("1")},
        {a("7"), a("0.333"), a("1")},
        {a("1000"), a("12.50"), a("100")},
    };
    auto t = invoice_totals(lines, a("24"), a("9.90"), "EUR");
    REQUIRE(t.ok());
    REQUIRE(t->line_amounts.size() == 3);
    CHECK(t->line_amounts[0] == a("37.04"));
    CHECK(t->line_amounts[1] == a("2.33"));
    CHECK(t->line_amounts[2] == a("125"));
    CHECK(t->subtotal == a("164.37"));
    CHECK(t->shipping == a("9.90"));
    // (164.37 + 9.90) x 24% = 41.8248 -> 41.82
    CHECK(t->tax == a("41.82"));
    CHECK(t->gross == a("216.09"));
    CHECK(t->net == t->gross);
    CHECK(t->due == t->net);
}

TEST_CASE("a tax that ends in exactly half a cent rounds up") {
    // 10.25 x 10% = 1.025 -> 1.03
    auto t = invoice_totals({{a("1"), a("10.25"), a("1")}}, a("10"), a("0"), "EUR");
    REQUIRE(t.ok());
    CHECK(t->tax == a("1.03"));
    CHECK(t->gross == a("11.28"));
}

TEST_CASE("fractional rates and zero-decimal currencies") {
    auto eur = invoice_totals({{a("1"), a("100"), a("1")}}, a("25.5"), a("0"), "EUR");
    REQUIRE(eur.ok());
    CHECK(eur->tax == a("25.50"));
    auto yen = invoice_totals({{a("3"), a("333.3"), a("1")}}, a("10"), a("500"), "JPY");
    REQUIRE(yen.ok());
    CHECK(yen->line_amounts[0] == a("1000"));  // 999.9 -> 1000
    CHECK(yen->tax == a("150"));
    CHECK(yen->gross == a("1650"));
}

TEST_CASE("bad invoice inputs are refused with the reason") {
    const std::vector<InvoiceLineInput> one{{a("1"), a("1"), a("1")}};
    auto high = invoice_totals(one, a("101"), a("0"), "EUR");
    REQUIRE_FALSE(high.ok());
    CHECK(high.error().code == Errc::invalid);
    CHECK(high.error().message.find("outside 0 to 100") != std::string::npos);
    auto negative = invoice_totals(one, a("0"), a("-1"), "EUR");
    REQUIRE_FALSE(negative.ok());
    CHECK(negative.error().message.find("negative") != std::string::npos);
    auto fine = invoice_totals(one, a("0"), a("1.005"), "EUR");
    REQUIRE_FALSE(fine.ok());
    CHECK(fine.error().message.find("more decimals than EUR has (2)") != std::string::npos);
    auto yen = invoice_totals(one, a("0"), a("1.5"), "JPY");
    REQUIRE_FALSE(yen.ok());
}
