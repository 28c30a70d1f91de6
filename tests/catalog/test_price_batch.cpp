// Price batches of the integration API: list prices and contract entries, all or nothing,
// with the price import's words, and removals that tell a gone entry from a wrong key.
#include "catalog/buyer.hpp"
#include "catalog/catalog_import.hpp"
#include "catalog/price.hpp"
#include "catalog/price_batch.hpp"
#include "catalog/price_import.hpp"
#include "tests/catalog/support.hpp"

#include <sstream>

using namespace punchout::catalog;
using namespace punchout::catalog::test;

namespace {

struct Fixture {
    TempDir dir;
    Database db = Database::open(dir / "p.db");
    Connection conn = db.connect();
    BuyerKey acme;
    Fixture() {
        std::istringstream csv(
            "sku,description,uom,price,currency,unspsc\n"
            "P,Pump,EA,10.00,EUR,40151500\nQ,Valve,EA,4,EUR,40141600\n");
        REQUIRE(import_catalog_csv(conn, csv, "c.csv").applied);
        Buyer b;
        b.id = "acme";
        b.name = "Acme";
        b.credentials = {{"DUNS", "1"}};
        b.default_currency = "SEK";
        acme = add_buyer(conn, b)->key;
    }
    std::string price(const std::string& sku, const char* qty = "1") {
        auto r = resolve_price(conn, acme, sku, *Amount::parse(qty), now());
        REQUIRE(r);
        return r->price.to_string(2) + " " + r->currency;
    }
};

PriceUpdate contract(std::string sku, std::string price, std::string min_qty = "") {
    return {"acme", std::move(sku), std::move(price), "", std::move(min_qty), "", ""};
}

}  // namespace

TEST_CASE("a price batch sets list prices and adds or replaces contract entries", "[price_batch]") {
    Fixture f;
    auto r = apply_price_batch(
        f.conn,
        {{"", "P", "12.90", "", "", "", ""}, contract("Q", "3.50"), contract("Q", "3.10", "10")});
    REQUIRE(r);
    CHECK(r->problems.empty());
    CHECK(r->updated == 1);
    CHECK(r->inserted == 2);
    CHECK(f.price("P") == "12.90 EUR");
    // A contract entry without a currency takes the buyer's.
    CHECK(f.price("Q") == "3.50 SEK");
    CHECK(f.price("Q", "12") == "3.10 SEK");

    auto again = apply_price_batch(
        f.conn,
        {contract("Q", "3.50"), contract("Q", "3.20", "10"), {"", "P", "12.90", "", "", "", ""}});
    REQUIRE(again);
    CHECK(again->inserted == 0);
    CHECK(again->updated == 1);
    CHECK(again->unchanged == 2);
    CHECK(f.price("Q", "12") == "3.20 SEK");
}

TEST_CASE(
    "a price batch with one bad row changes nothing and names every bad row with the "
    "import's words",
    "[price_batch]") {
    Fixture f;
    auto r = apply_price_batch(f.conn, {contract("Q", "3.50"),
                                        contract("NOPE", "1"),
                                        contract("P", "-1"),
                                        {"ghost", "P", "1", "", "", "", ""},
                                        {"", "P", "1", "", "5", "", ""},
                                        contract("Q", "3.60"),
                                        {"acme", "P", "1", "EURO", "", "", ""}});
    REQUIRE(r);
    REQUIRE(r->problems.size() == 6);
    CHECK(r->problems[0].index == 1);
    CHECK(r->problems[0].field == "sku");
    CHECK(r->problems[1].field == "price");
    CHECK(r->problems[1].message == "is negative");
    CHECK(r->problems[2].field == "buyer");
    CHECK(r->problems[3].field == "min_qty");
    CHECK(r->problems[4].index == 5);
    CHECK_THAT(r->problems[4].message, Catch::Contains("row 0"));
    CHECK(r->problems[5].field == "currency");
    CHECK(f.price("Q") == "4.00 EUR");

    // The same words as the price file import for the same value.
    std::istringstream csv("sku,price\nNOPE,1\nP,-1\n");
    const auto report = import_prices_csv(f.conn, f.acme, csv, "p.csv", PriceImportMode::merge);
    REQUIRE(report.issues.size() == 2);
    CHECK(report.issues[0].message == r->problems[0].message);
    CHECK(report.issues[1].message == r->problems[1].message);
}

TEST_CASE("removing prices tells an entry already gone from a key that names nothing",
          "[price_batch]") {
    Fixture f;
    REQUIRE(apply_price_batch(f.conn, {contract("Q", "3.50"), contract("Q", "3.10", "10")}));
    auto r = delete_prices(f.conn, {{"acme", "Q", "10", ""}, {"acme", "P", "", ""}});
    REQUIRE(r);
    CHECK(r->problems.empty());
    CHECK(r->deleted == 1);
    CHECK(r->absent == std::vector<std::size_t>{1});
    CHECK(f.price("Q", "12") == "3.50 SEK");

    auto bad =
        delete_prices(f.conn, {{"acme", "Q", "", ""}, {"", "Q", "", ""}, {"acme", "NOPE", "", ""}});
    REQUIRE(bad);
    REQUIRE(bad->problems.size() == 2);
    CHECK(bad->problems[0].field == "buyer");
    CHECK(bad->problems[1].field == "sku");
    CHECK(bad->deleted == 0);
    CHECK(f.price("Q") == "3.50 SEK");
    CHECK(delete_prices(f.conn, {}).error().code == Errc::invalid);
}
