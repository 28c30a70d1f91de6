#include "catalog/catalog_import.hpp"
#include "catalog/inventory.hpp"
#include "catalog/product.hpp"
#include "tests/catalog/support.hpp"

#include <sstream>

using namespace punchout::catalog;
using namespace punchout::catalog::test;

namespace {

struct Fixture {
    TempDir dir;
    Database db = Database::open(dir / "c.db");
    Connection conn = db.connect();
    Fixture() {
        std::istringstream csv(
            "sku,description,uom,price,currency,unspsc\n"
            "P,Pump,EA,10.00,EUR,40151500\nQ,Valve,EA,4,EUR,40141600\n");
        REQUIRE(import_catalog_csv(conn, csv, "c.csv").applied);
    }
    ImportReport import(const std::string& text, ImportOptions options = {}) {
        std::istringstream in(text);
        return import_inventory_csv(conn, in, "stock.csv", options);
    }
};

Amount amt(const char* text) {
    return *Amount::parse(text);
}

}  // namespace

TEST_CASE("stock per warehouse with total and oldest/newest update") {
    Fixture f;
    REQUIRE(set_stock(f.conn, "P", "Vaasa", amt("42"), from_unix(1000)).ok());
    REQUIRE(set_stock(f.conn, "P", "Tampere", amt("7.5"), from_unix(3000)).ok());
    auto s = stock_for_sku(f.conn, "P");
    REQUIRE(s.ok());
    REQUIRE(s->warehouses.size() == 2);
    CHECK(s->warehouses[0].warehouse == "Tampere");
    CHECK(s->warehouses[1].quantity.to_string() == "42");
    CHECK(to_unix(s->warehouses[1].updated_at) == 1000);
    CHECK(s->total.to_string() == "49.5");
    CHECK(to_unix(*s->oldest) == 1000);
    CHECK(to_unix(*s->newest) == 3000);
    // Setting again replaces.
    REQUIRE(set_stock(f.conn, "P", "Vaasa", amt("0"), from_unix(4000)).ok());
    CHECK(stock_for_sku(f.conn, "P")->total.to_string() == "7.5");
}

TEST_CASE("a product without stock rows, and an unknown SKU") {
    Fixture f;
    auto s = stock_for_sku(f.conn, "Q");
    REQUIRE(s.ok());
    CHECK(s->warehouses.empty());
    CHECK(s->total.is_zero());
    CHECK_FALSE(s->oldest.has_value());
    CHECK(stock_for_sku(f.conn, "NOPE").error().code == Errc::not_found);
    CHECK(set_stock(f.conn, "NOPE", "Vaasa", amt("1")).error().code == Errc::not_found);
    CHECK(set_stock(f.conn, "P", "", amt("1")).error().code == Errc::invalid);
    CHECK(set_stock(f.conn, "P", "Vaasa", amt("-1")).error().code == Errc::invalid);
}

TEST_CASE("inventory import upserts by SKU and warehouse, stamping the import time") {
    Fixture f;
    REQUIRE(set_stock(f.conn, "Q", "Vaasa", amt("3"), from_unix(500)).ok());
    auto r = f.import(
        "warehouse,sku,quantity,updated_at\n"
        "Vaasa,P,42,\n"
        "Tampere,P,5,2025-03-01T10:14:00+02:00\n",
        {.progress = {}, .max_issues = 10, .now = from_unix(9000)});
    REQUIRE(r.applied);
    CHECK(r.rows == 2);
    auto p = stock_for_sku(f.conn, "P");
    CHECK(p->total.to_string() == "47");
    CHECK(to_unix(p->warehouses[1].updated_at) == 9000);                             // Vaasa: now
    CHECK(format_timestamp(p->warehouses[0].updated_at) == "2025-03-01T08:14:00Z");  // given
    CHECK(stock_for_sku(f.conn, "Q")->total.to_string() == "3");  // not in the file: kept
}

TEST_CASE("inventory import: every bad row is named and nothing changes") {
    Fixture f;
    REQUIRE(set_stock(f.conn, "P", "Vaasa", amt("1")).ok());
    auto r = f.import(
        "sku,warehouse,quantity,updated_at\n"
        "P,Vaasa,2,\n"
        "GHOST,Vaasa,1,\n"
        "P,,1,\n"
        "Q,Vaasa,-3,\n"
        "Q,Vaasa,\"1,5\",\n"
        "Q,Tampere,1,yesterday\n"
        "P,Vaasa,9,\n");
    REQUIRE_FALSE(r.applied);
    REQUIRE(r.issues.size() == 6);
    CHECK(r.issues[0].value == "GHOST");
    CHECK(r.issues[1].column == "warehouse");
    CHECK_THAT(r.issues[2].message, Catch::Contains("negative"));
    CHECK_THAT(r.issues[3].message, Catch::Contains("dot as the decimal separator"));
    CHECK(r.issues[4].column == "updated_at");
    CHECK(r.issues[5].line == 8);
    CHECK_THAT(r.issues[5].message, Catch::Contains("first on line 2"));
    CHECK(stock_for_sku(f.conn, "P")->total.to_string() == "1");
}

TEST_CASE("deleting a product deletes its stock rows") {
    Fixture f;
    REQUIRE(set_stock(f.conn, "P", "Vaasa", amt("1")).ok());
    REQUIRE(delete_product(f.conn, "P").ok());
    CHECK(query_int(f.conn, "SELECT count(*) FROM inventory") == 0);
}
