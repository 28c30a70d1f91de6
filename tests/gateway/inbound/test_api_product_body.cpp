// The body of PUT /api/v1/products: the catalog fields as text, numbers in their own
// digits, attributes apart, and a problem naming the field for anything else.
#include "gateway/inbound/api_product_body.hpp"

#include <catch2/catch.hpp>

using namespace punchout;
using namespace punchout::gateway;

namespace {

const ApiBodyError& refused(
    const std::variant<std::vector<catalog::ProductUpdate>, ApiBodyError>& read) {
    REQUIRE(std::holds_alternative<ApiBodyError>(read));
    return std::get<ApiBodyError>(read);
}

std::string field(const catalog::ProductUpdate& row, const std::string& name) {
    for (const auto& [n, v] : row.fields) {
        if (n == name)
            return v;
    }
    return "(absent)";
}

}  // namespace

TEST_CASE("a product row keeps the fields it gives, numbers as written", "[api_body]") {
    auto read = read_product_body(R"({"items": [
        {"sku": "HB-M8", "description": "Hex bolt", "uom": "EA", "price": 0.420,
         "currency": "EUR", "unspsc": 31161500, "image_url": "",
         "attributes": {"Thread": "M8"}},
        {"sku": "CD-18V", "description": "Drill", "uom": "EA", "price": "189.50",
         "currency": "EUR", "unspsc": "27112700"}]})");
    REQUIRE(std::holds_alternative<std::vector<catalog::ProductUpdate>>(read));
    const auto& rows = std::get<std::vector<catalog::ProductUpdate>>(read);
    REQUIRE(rows.size() == 2);
    CHECK(field(rows[0], "price") == "0.42");  // nlohmann keeps the value, not the zeros
    CHECK(field(rows[0], "unspsc") == "31161500");
    CHECK(field(rows[0], "image_url").empty());
    CHECK(field(rows[0], "manufacturer") == "(absent)");
    REQUIRE(rows[0].attributes);
    CHECK(rows[0].attributes->at(0) == std::pair<std::string, std::string>{"Thread", "M8"});
    CHECK(field(rows[1], "price") == "189.50");
    CHECK_FALSE(rows[1].attributes);
}

TEST_CASE("what is wrong with a product body is named by its path", "[api_body]") {
    CHECK(refused(read_product_body(R"({"items": [{"sku": "A", "colour": "red"}]})")).field ==
          "items[0].colour");
    CHECK(refused(read_product_body(R"({"items": [{"sku": null}]})")).field == "items[0].sku");
    CHECK(refused(read_product_body(R"({"items": [{"attributes": {"Size": 3}}]})")).field ==
          "items[0].attributes.Size");
    CHECK(refused(read_product_body(R"({"items": [{"attributes": ["M8"]}]})")).field ==
          "items[0].attributes");
    CHECK(refused(read_product_body(R"({"products": []})")).field == "products");
    CHECK(refused(read_product_body("{")).malformed);
}
