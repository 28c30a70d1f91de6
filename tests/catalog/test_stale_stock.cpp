// Stock figures older than the deployment's freshness cutoff: listed and summed apart, never
// counted as in stock, in the stock of one SKU and in the search (its in-stock filter too).
#include "catalog/buyer.hpp"
#include "catalog/catalog_import.hpp"
#include "catalog/inventory.hpp"
#include "catalog/search.hpp"
#include "tests/catalog/support.hpp"

#include <sstream>

using namespace punchout::catalog;
using namespace punchout::catalog::test;

namespace {

constexpr std::int64_t t0 = 1795000000;

struct Fixture {
    TempDir dir;
    Database db = Database::open(dir / "s.db");
    Connection conn = db.connect();
    BuyerKey buyer;
    Fixture() {
        std::istringstream csv(
            "sku,description,uom,price,currency,unspsc\n"
            "P,Pump,EA,10.00,EUR,40151500\nQ,Valve,EA,4,EUR,40141600\n");
        REQUIRE(import_catalog_csv(conn, csv, "c.csv").applied);
        Buyer b;
        b.id = "acme";
        b.name = "Acme";
        b.credentials = {{"DUNS", "1"}};
        buyer = add_buyer(conn, b)->key;
        // P: 12 in Vaasa reported long ago, 3 in Oulu just now. Q: 8, long ago only.
        REQUIRE(set_stock(conn, "P", "Vaasa", *Amount::parse("12"), from_unix(t0 - 3600)));
        REQUIRE(set_stock(conn, "P", "Oulu", *Amount::parse("3"), from_unix(t0)));
        REQUIRE(set_stock(conn, "Q", "Vaasa", *Amount::parse("8"), from_unix(t0 - 7200)));
    }
    SearchPage search(bool in_stock_only, std::optional<Timestamp> fresh_since) {
        SearchQuery q;
        q.buyer = buyer;
        q.in_stock_only = in_stock_only;
        q.stock_fresh_since = fresh_since;
        q.with_categories = false;
        auto page = punchout::catalog::search(conn, q);
        REQUIRE(page);
        return *page;
    }
};

}  // namespace

TEST_CASE("a stale figure is listed and summed apart, and does not count as in stock",
          "[stale_stock]") {
    Fixture f;
    const auto cutoff = from_unix(t0 - 900);  // 15 minutes
    auto p = stock_for_sku(f.conn, "P", cutoff);
    REQUIRE(p);
    CHECK(p->total.to_string() == "3");
    CHECK(p->stale_total.to_string() == "12");
    CHECK(p->stale_as_of == from_unix(t0 - 3600));
    REQUIRE(p->warehouses.size() == 2);
    CHECK(p->warehouses[0].warehouse == "Oulu");
    CHECK_FALSE(p->warehouses[0].stale);
    CHECK(p->warehouses[1].stale);

    auto q = stock_for_sku(f.conn, "Q", cutoff);
    CHECK(q->total.units() == 0);
    CHECK(q->stale_total.to_string() == "8");

    // Without a cutoff nothing is stale.
    auto all = stock_for_sku(f.conn, "P");
    CHECK(all->total.to_string() == "15");
    CHECK(all->stale_total.units() == 0);
    CHECK_FALSE(all->stale_as_of);
}

TEST_CASE("the search sums fresh figures only and its in-stock filter leaves stale ones out",
          "[stale_stock]") {
    Fixture f;
    const auto cutoff = from_unix(t0 - 900);
    auto page = f.search(false, cutoff);
    REQUIRE(page.hits.size() == 2);
    const auto& p = page.hits[0].sku == "P" ? page.hits[0] : page.hits[1];
    const auto& q = page.hits[0].sku == "P" ? page.hits[1] : page.hits[0];
    CHECK(p.stock.to_string() == "3");
    CHECK(p.stale_stock.to_string() == "12");
    CHECK(q.stock.units() == 0);
    CHECK(q.stale_stock.to_string() == "8");
    CHECK(q.stale_as_of == from_unix(t0 - 7200));
    CHECK(q.stock_reported);

    auto in_stock = f.search(true, cutoff);
    REQUIRE(in_stock.hits.size() == 1);
    CHECK(in_stock.hits[0].sku == "P");
    CHECK(f.search(true, std::nullopt).hits.size() == 2);
    CHECK(f.search(false, std::nullopt).hits[0].stale_stock.units() == 0);
}
