// Platform profiles: what each buyer system would cut, change or refuse in a cart line
// (docs/platform-profiles.md has the sources of the limits).
#include "cxml/platform_check.hpp"

#include <string>

#include <catch2/catch.hpp>

using namespace punchout::cxml;

namespace {

ItemIn line(std::string part_id = "HB-M8-40", std::string unit = "EA") {
    ItemIn item;
    item.quantity = Decimal(2);
    item.line_number = 1;
    item.item_id.supplier_part_id = std::move(part_id);
    item.item_id.supplier_part_auxiliary_id = "L0123456789ABCDEF";
    item.detail.unit_price = Money{*Decimal::parse("12.50"), "EUR", {}, {}};
    item.detail.descriptions = {Description{"Hex bolt M8 x 40", "Hex bolt", "en", {}}};
    item.detail.unit_of_measure = std::move(unit);
    item.detail.classifications = {Classification{"UNSPSC", {}, "31161500"}};
    return item;
}

std::vector<PlatformFinding> check(const ItemIn& item, Platform p) {
    return check_item(item, profile_of(p), 3);
}

const PlatformFinding* find(const std::vector<PlatformFinding>& fs, std::string_view field) {
    for (const auto& f : fs) {
        if (f.field == field)
            return &f;
    }
    return nullptr;
}

}  // namespace

TEST_CASE("platform names read back and unknown ones are refused", "[platform]") {
    for (const Platform p : all_platforms())
        CHECK(parse_platform(to_string(p)) == p);
    CHECK(parse_platform("SAP-SRM") == Platform::sap_srm);
    CHECK_FALSE(parse_platform("d365").has_value());
    CHECK_FALSE(parse_platform("").has_value());
}

TEST_CASE("an ordinary catalog line passes every platform", "[platform]") {
    for (const Platform p : all_platforms()) {
        INFO(to_string(p));
        CHECK(check(line("HB-M8-40", "PK"), p).empty());
    }
}

TEST_CASE("Ariba cuts a description at 255 bytes, counting bytes not characters", "[platform]") {
    auto item = line();
    // 200 two-byte characters: 200 characters, 400 bytes.
    std::string text;
    for (int i = 0; i < 200; ++i)
        text += "\xC3\xA4";
    item.detail.descriptions.front().text = text;
    const auto fs = check(item, Platform::ariba);
    const auto* f = find(fs, "Description");
    REQUIRE(f != nullptr);
    CHECK(f->severity == FindingSeverity::cut);
    CHECK(f->line == 3);
    CHECK_THAT(f->problem, Catch::Contains("first 255 bytes"));
    CHECK_THAT(f->problem, Catch::Contains("this one has 400"));
    CHECK_FALSE(refuses(fs));

    SECTION("the shown end never splits a character") {
        // 255 bytes keep 127 whole characters (254 bytes); the quote ends on one.
        const auto end = f->problem.find("\xE2\x80\x9D");
        REQUIRE(end != std::string::npos);
        CHECK(f->problem.substr(end - 2, 2) == "\xC3\xA4");
    }
    SECTION("exactly 255 bytes is kept whole") {
        item.detail.descriptions.front().text = std::string(255, 'x');
        CHECK(check(item, Platform::ariba).empty());
    }
}

TEST_CASE("SAP SRM counts characters and checks the short name that becomes DESCRIPTION",
          "[platform]") {
    auto item = line();
    std::string forty;
    for (int i = 0; i < 40; ++i)
        forty += "\xC3\xA4";  // 40 characters, 80 bytes: fits OCI's 40
    item.detail.descriptions.front().short_name = forty;
    item.detail.descriptions.front().text = std::string(500, 'd');  // goes as LONGTEXT
    CHECK(check(item, Platform::sap_srm).empty());

    item.detail.descriptions.front().short_name = forty + "x";
    const auto fs = check(item, Platform::sap_srm);
    REQUIRE(fs.size() == 1);
    CHECK(fs[0].field == "ShortName");
    CHECK(fs[0].severity == FindingSeverity::cut);
    CHECK_THAT(fs[0].problem, Catch::Contains("40 characters"));

    SECTION("without a short name the description is what is cut") {
        item.detail.descriptions.front().short_name.clear();
        const auto only = check(item, Platform::sap_srm);
        REQUIRE(only.size() == 1);
        CHECK(only[0].field == "Description");
    }
    SECTION("a unit longer than OCI's 3 characters is changed") {
        item.detail.descriptions.front().short_name = "Hex bolt";
        item.detail.unit_of_measure = "EACH";
        const auto u = check(item, Platform::sap_srm);
        REQUIRE(u.size() == 1);
        CHECK(u[0].field == "UnitOfMeasure");
        CHECK(u[0].severity == FindingSeverity::changed);
        CHECK_THAT(u[0].problem, Catch::Contains("\xE2\x80\x9C"
                                                 "EAC"
                                                 "\xE2\x80\x9D"));
    }
}

TEST_CASE("Ariba refuses ?, { and } in part IDs and IDs past 128 bytes", "[platform]") {
    for (const char* id : {"PIPE{DN50}", "A?B", "X}"}) {
        INFO(id);
        const auto fs = check(line(id), Platform::ariba);
        REQUIRE(fs.size() == 1);
        CHECK(fs[0].field == "SupplierPartID");
        CHECK(fs[0].severity == FindingSeverity::refused);
        CHECK(refuses(fs));
        CHECK(check(line(id), Platform::generic).empty());
    }
    CHECK(check(line(std::string(128, 'P')), Platform::ariba).empty());
    const auto longer = check(line(std::string(129, 'P')), Platform::ariba);
    REQUIRE(longer.size() == 1);
    CHECK(longer[0].severity == FindingSeverity::refused);

    auto aux = line();
    aux.item_id.supplier_part_auxiliary_id = "{\"session\":7}";
    const auto fs = check(aux, Platform::ariba);
    REQUIRE(fs.size() == 1);
    CHECK(fs[0].field == "SupplierPartAuxiliaryID");
}

TEST_CASE("JAGGAER refuses part IDs past 100 bytes", "[platform]") {
    CHECK(check(line(std::string(100, 'P')), Platform::jaggaer).empty());
    CHECK(refuses(check(line(std::string(101, 'P')), Platform::jaggaer)));
}

TEST_CASE("a unit each platform does not know", "[platform]") {
    SECTION("Coupa drops the cart") {
        const auto fs = check(line("SOLV-5L", "BJ"), Platform::coupa);
        REQUIRE(fs.size() == 1);
        CHECK(fs[0].severity == FindingSeverity::refused);
        CHECK_THAT(fs[0].problem, Catch::Contains("drops the whole cart"));
        CHECK_THAT(fs[0].fix, Catch::Contains("--unit-map BJ="));
    }
    SECTION("JAGGAER orders it as EA") {
        const auto fs = check(line("SOLV-5L", "BJ"), Platform::jaggaer);
        REQUIRE(fs.size() == 1);
        CHECK(fs[0].severity == FindingSeverity::changed);
        CHECK_THAT(fs[0].problem, Catch::Contains("EA"));
    }
    SECTION("Ariba and generic take it as sent") {
        CHECK(check(line("SOLV-5L", "BJ"), Platform::ariba).empty());
        CHECK(check(line("SOLV-5L", "BJ"), Platform::generic).empty());
    }
    SECTION("a missing unit is refused everywhere") {
        for (const Platform p : all_platforms())
            CHECK(refuses(check(line("X", ""), p)));
    }
    SECTION("doubtful units are named with what is expected instead") {
        const auto ariba = check(line("X", "UN"), Platform::ariba);
        REQUIRE(ariba.size() == 1);
        CHECK(ariba[0].severity == FindingSeverity::changed);
        CHECK_THAT(ariba[0].fix, Catch::Contains("UN=EA"));
        const auto oracle = check(line("X", "EA"), Platform::oracle);
        REQUIRE(oracle.size() == 1);
        CHECK_THAT(oracle[0].fix, Catch::Contains("EA=EACH"));
        CHECK(check(line("X", "EACH"), Platform::oracle).empty());
    }
}

TEST_CASE("JAGGAER: price decimals, UNSPSC digits, manufacturer and extrinsic budgets",
          "[platform]") {
    auto item = line();
    item.detail.unit_price.amount = *Decimal::parse("0.12345");
    item.detail.classifications = {Classification{"UNSPSC", {}, "44.12.21.04"}};
    item.detail.manufacturer_name = std::string(101, 'm');
    item.detail.extrinsics = {Extrinsic{"Note", std::string(60, 'n')},
                              Extrinsic{"Colour", std::string(41, 'c')}};
    const auto fs = check(item, Platform::jaggaer);
    const auto* price = find(fs, "UnitPrice");
    REQUIRE(price != nullptr);
    CHECK(price->severity == FindingSeverity::changed);
    CHECK_THAT(price->problem, Catch::Contains("0.12345 would become 0.1235"));
    REQUIRE(find(fs, "Classification") != nullptr);
    REQUIRE(find(fs, "ManufacturerName") != nullptr);
    const auto* text = find(fs, "Extrinsic");
    REQUIRE(text != nullptr);
    CHECK_THAT(text->problem, Catch::Contains("this line has 101"));
    CHECK_FALSE(refuses(fs));

    SECTION("trailing zeros are not decimals that get lost") {
        auto ok = line();
        ok.detail.unit_price.amount = *Decimal::parse("1.230000");
        CHECK(check(ok, Platform::jaggaer).empty());
    }
}

TEST_CASE("a cart numbers findings by lineNumber, else by position", "[platform]") {
    PunchOutOrderMessage cart;
    cart.items = {line(), line("B{1}"), line("C{2}")};
    cart.items[1].line_number = 7;
    cart.items[2].line_number.reset();
    const auto fs = check_cart(cart, profile_of(Platform::ariba));
    REQUIRE(fs.size() == 2);
    CHECK(fs[0].line == 7);
    CHECK(fs[1].line == 3);
}

TEST_CASE("cxml-urlencoded must be us-ascii, cxml-base64 may carry UTF-8", "[platform]") {
    const std::string utf8 =
        "<?xml version=\"1.0\" encoding=\"UTF-8\"?><cXML>K\xC3\xA4sineet</cXML>";
    const auto fs = check_transport(utf8, CartEncoding::urlencoded);
    REQUIRE(fs.size() == 1);
    CHECK(fs[0].severity == FindingSeverity::refused);
    CHECK_THAT(fs[0].problem, Catch::Contains("offset 45"));
    CHECK(check_transport(utf8, CartEncoding::base64).empty());
    CHECK(check_transport("<cXML>K&#228;sineet</cXML>", CartEncoding::urlencoded).empty());
}
