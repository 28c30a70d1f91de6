#include "catalog/catalog_import.hpp"
#include "catalog/fault_injection.hpp"
#include "catalog/inventory.hpp"
#include "catalog/stock_batch.hpp"
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
    // (quantity, as of) of `sku` in `warehouse`; nullopt when there is no row.
    std::optional<std::pair<std::string, std::int64_t>> stored(const std::string& sku,
                                                               const std::string& warehouse) {
        auto s = stock_for_sku(conn, sku);
        REQUIRE(s);
        for (const auto& w : s->warehouses) {
            if (w.warehouse == warehouse)
                return std::make_pair(w.quantity.to_string(), to_unix(w.updated_at));
        }
        return std::nullopt;
    }
};

StockUpdate row(std::string sku, const char* qty, std::int64_t as_of,
                std::string warehouse = "Vaasa") {
    return {std::move(sku), std::move(warehouse), *Amount::parse(qty), from_unix(as_of)};
}

}  // namespace

TEST_CASE("a stock batch applies every row and counts what changed", "[stock_batch]") {
    Fixture f;
    auto r = apply_stock_batch(
        f.conn, {row("P", "42", 1000), row("P", "7.5", 1000, "Oulu"), row("Q", "0", 1000)});
    REQUIRE(r);
    CHECK(r->problems.empty());
    CHECK(r->applied == 3);
    CHECK(f.stored("P", "Oulu") == std::make_pair(std::string("7.5"), std::int64_t{1000}));
    auto again = apply_stock_batch(f.conn, {row("P", "42", 1000)});
    REQUIRE(again);
    CHECK(again->applied == 0);
    CHECK(again->unchanged == 1);
}

TEST_CASE("an older figure never replaces a newer one, whatever order they arrive in",
          "[stock_batch]") {
    Fixture f;
    REQUIRE(apply_stock_batch(f.conn, {row("P", "9", 2000)}));
    auto late = apply_stock_batch(f.conn, {row("P", "2", 1500), row("Q", "5", 1500)});
    REQUIRE(late);
    REQUIRE(late->stale.size() == 1);
    CHECK(late->stale[0].index == 0);
    CHECK(to_unix(late->stale[0].stored_as_of) == 2000);
    CHECK(late->applied == 1);  // the other row of the batch still applies
    CHECK(f.stored("P", "Vaasa") == std::make_pair(std::string("9"), std::int64_t{2000}));
    // The same time wins over what is stored: a correction of the same report.
    REQUIRE(apply_stock_batch(f.conn, {row("P", "8", 2000)}));
    CHECK(f.stored("P", "Vaasa")->first == "8");
}

TEST_CASE("one bad row keeps the whole batch out, and each problem names its row",
          "[stock_batch]") {
    Fixture f;
    auto r = apply_stock_batch(f.conn,
                               {row("P", "1", 1000), row("NOPE", "1", 1000), row("Q", "-1", 1000),
                                row("Q", "1", 1000, ""), row("P", "3", 1000)});
    REQUIRE(r);
    REQUIRE(r->problems.size() == 4);
    CHECK(r->problems[0].index == 1);
    CHECK(r->problems[0].field == "sku");
    CHECK(r->problems[1].index == 2);
    CHECK(r->problems[1].field == "quantity");
    CHECK(r->problems[1].message == "is negative");
    CHECK(r->problems[2].index == 3);
    CHECK(r->problems[2].field == "warehouse");
    CHECK(r->problems[3].index == 4);
    CHECK(r->problems[3].message.find("twice") != std::string::npos);
    CHECK(r->applied == 0);
    CHECK_FALSE(f.stored("P", "Vaasa"));

    CHECK(apply_stock_batch(f.conn, {}).error().code == Errc::invalid);
    std::vector<StockUpdate> huge(max_stock_batch + 1, row("P", "1", 1000));
    CHECK(apply_stock_batch(f.conn, huge).error().code == Errc::invalid);
}

TEST_CASE("a store failure at any step of a stock batch applies all of it or none",
          "[stock_batch][fault]") {
    namespace t = punchout::catalog::testing;
    REQUIRE(t::fault_injection_available());
    Fixture f;
    const std::vector<StockUpdate> before{row("P", "5", 1000), row("Q", "6", 1000)};
    const std::vector<StockUpdate> batch{row("P", "50", 2000), row("Q", "60", 2000),
                                         row("Q", "7", 2000, "Oulu")};
    REQUIRE(apply_stock_batch(f.conn, before));
    t::count_steps();
    REQUIRE(apply_stock_batch(f.conn, batch));
    const auto steps = t::steps_seen();
    t::disarm_fault();
    REQUIRE(steps > 5);
    // A batch cannot move stock back to older times, so the rows are put back directly.
    auto reset = [&] {
        auto del = f.conn.prepare("DELETE FROM inventory");
        REQUIRE(del.run());
        REQUIRE(apply_stock_batch(f.conn, before));
    };
    reset();
    std::uint64_t failed = 0;
    for (std::uint64_t n = 1; n <= steps; ++n) {
        CAPTURE(n);
        Result<StockBatchResult> r = StockBatchResult{};
        {
            t::ScopedFault fault({t::Fault::io_error, n, {}, false});
            r = apply_stock_batch(f.conn, batch);
        }
        const bool whole = f.stored("Q", "Oulu").has_value();
        if (whole) {
            CHECK(f.stored("P", "Vaasa")->first == "50");
            CHECK(f.stored("Q", "Vaasa")->first == "60");
            reset();
        } else {
            ++failed;
            CHECK((!r || !r->problems.empty()));
            CHECK(f.stored("P", "Vaasa")->first == "5");
            CHECK(f.stored("Q", "Vaasa")->first == "6");
        }
    }
    CHECK(failed > 0);
}

TEST_CASE(
    "a product removed between the check and the write gets no stock, not even under "
    "its reused id",
    "[stock_batch]") {
    // The checks run before the write lock is taken (the API's prepare step); a product
    // removed meanwhile, and its id then given to a new product, must not receive the row.
    Fixture f;
    const std::vector<StockUpdate> batch{row("P", "1", 1000), row("Q", "7", 1000)};
    auto checked = check_stock_batch(f.conn, batch);
    REQUIRE(checked);
    REQUIRE(checked->problems.empty());
    const auto q_id = checked->product_ids[1];
    REQUIRE(f.conn.exec("DELETE FROM product WHERE sku = 'Q'"));
    REQUIRE(
        f.conn.exec("INSERT INTO product (id, sku, description, unspsc, uom, list_price,"
                    " currency, created_at, updated_at) VALUES (" +
                    std::to_string(q_id) + ", 'R', 'Hose', '40142000', 'EA', 10000, 'EUR', 0, 0)"));
    auto written = write_stock_batch(f.conn, batch, *checked);
    REQUIRE(written);
    REQUIRE(written->problems.size() == 1);
    CHECK(written->problems[0].index == 1);
    CHECK(written->problems[0].field == "sku");
    CHECK(written->applied == 0);
    // Nothing of the batch was kept: not P's row, and nothing on R.
    CHECK_FALSE(f.stored("P", "Vaasa"));
    CHECK_FALSE(f.stored("R", "Vaasa"));
}

TEST_CASE("a figure of the same time with another quantity replaces the stored one",
          "[stock_batch]") {
    Fixture f;
    REQUIRE(apply_stock_batch(f.conn, {row("P", "5", 1000)}));
    auto r = apply_stock_batch(f.conn, {row("P", "6", 1000)});
    REQUIRE(r);
    CHECK(r->applied == 1);
    CHECK(r->stale.empty());
    CHECK(f.stored("P", "Vaasa")->first == "6");
}
