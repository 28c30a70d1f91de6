#include "catalog/idempotency.hpp"
#include "gateway/service/stock_updates.hpp"
#include "tests/gateway/support/store.hpp"

using namespace punchout;
using namespace punchout::gateway;
using gateway::test::TestStore;

namespace {

const catalog::ApiToken token{"kZ3r9Qm2VbXo1Ld7TpQa4w", "Yh0-Jc_8sWn2PqLr5TvXzA"};

catalog::ApiClientKey erp(TestStore& store) {
    auto conn = store.connect();
    auto c =
        catalog::add_api_client(conn, {"erp", *catalog::ApiScopes::parse("stock"), 100}, token);
    REQUIRE(c);
    return c->key;
}

StockRequest batch(catalog::ApiClientKey client, std::string key, const char* qty,
                   std::int64_t as_of, std::string hash = "h1") {
    return {client,
            std::move(key),
            std::move(hash),
            {{"VALVE-20", "Vaasa", *catalog::Amount::parse(qty), catalog::from_unix(as_of)},
             {"PUMP-100", "Oulu", *catalog::Amount::parse(qty), catalog::from_unix(as_of)}}};
}

std::string render(const catalog::StockBatchResult& r) {
    return "applied " + std::to_string(r.applied);
}

std::int64_t oulu_rows(TestStore& store) {
    return store.count("SELECT count(*) FROM inventory WHERE warehouse = 'Oulu'");
}

}  // namespace

TEST_CASE("a batch is applied once per key; its retry gets the stored answer", "[stock_updates]") {
    TestStore store;
    const auto client = erp(store);
    auto conn = store.connect();
    auto first = update_stock(conn, batch(client, "k1", "5", 2000000000), render);
    REQUIRE(first);
    CHECK(first->kind == StockAnswer::Kind::applied);
    CHECK(first->body == "applied 2");

    auto retry = update_stock(conn, batch(client, "k1", "5", 2000000000), render);
    REQUIRE(retry);
    CHECK(retry->kind == StockAnswer::Kind::replayed);
    CHECK(retry->body == first->body);
    CHECK(retry->status == 200);

    auto reused = update_stock(conn, batch(client, "k1", "7", 2000000001, "h2"), render);
    REQUIRE(reused);
    CHECK(reused->kind == StockAnswer::Kind::key_reused);
    CHECK(store.count("SELECT quantity FROM inventory WHERE warehouse = 'Oulu'") == 50000);
}

TEST_CASE("a batch with bad rows stores nothing, not even its key", "[stock_updates]") {
    TestStore store;
    const auto client = erp(store);
    auto conn = store.connect();
    auto bad = batch(client, "k2", "5", 2000000000);
    bad.rows[1].sku = "NO-SUCH";
    auto r = update_stock(conn, bad, render);
    REQUIRE(r);
    CHECK(r->kind == StockAnswer::Kind::rows_refused);
    CHECK(oulu_rows(store) == 0);
    CHECK_FALSE(*catalog::find_idempotent_answer(conn, client, "k2"));
    auto fixed = update_stock(conn, batch(client, "k2", "5", 2000000000, "h-fixed"), render);
    REQUIRE(fixed);
    CHECK(fixed->kind == StockAnswer::Kind::applied);
}

TEST_CASE("a store failure at any step stores the batch and its answer together or neither",
          "[stock_updates][fault]") {
    test::require_fault_injection();
    namespace t = catalog::testing;
    TestStore store;
    const auto client = erp(store);
    auto conn = store.connect();
    t::count_steps();
    REQUIRE(update_stock(conn, batch(client, "probe", "5", 2000000000), render));
    const auto steps = t::steps_seen();
    t::disarm_fault();
    REQUIRE(steps > 4);
    for (std::uint64_t n = 1; n <= steps; ++n) {
        CAPTURE(n);
        const std::string key = "k" + std::to_string(n);
        {
            auto wipe = conn.prepare("DELETE FROM inventory WHERE warehouse = 'Oulu'");
            REQUIRE(wipe.run());
        }
        {
            t::ScopedFault fault({t::Fault::io_error, n, {}, false});
            (void)update_stock(conn, batch(client, key, "5", 2000000000 + n), render);
        }
        const bool stored = catalog::find_idempotent_answer(conn, client, key)->has_value();
        CHECK(stored == (oulu_rows(store) == 1));
    }
}

TEST_CASE("a retry gets its stored answer even when its rows would no longer check out",
          "[stock_updates]") {
    // The rows are checked before the write lock is taken, but only for a key without an
    // answer: a product removed since the batch does not turn its retry into a 422.
    TestStore store;
    const auto client = erp(store);
    auto conn = store.connect();
    auto first = update_stock(conn, batch(client, "k1", "5", 2000000000), render);
    REQUIRE(first);
    REQUIRE(first->kind == StockAnswer::Kind::applied);
    REQUIRE(conn.exec("DELETE FROM product WHERE sku = 'PUMP-100'"));
    auto retry = update_stock(conn, batch(client, "k1", "5", 2000000000), render);
    REQUIRE(retry);
    CHECK(retry->kind == StockAnswer::Kind::replayed);
    CHECK(retry->body == "applied 2");
    auto fresh = update_stock(conn, batch(client, "k2", "6", 2000000001), render);
    REQUIRE(fresh);
    CHECK(fresh->kind == StockAnswer::Kind::rows_refused);
    CHECK(fresh->result.problems.at(0).index == 1);
}

TEST_CASE("an older figure changes nothing and is reported with the stored time",
          "[stock_updates]") {
    TestStore store;
    const auto client = erp(store);
    auto conn = store.connect();
    REQUIRE(update_stock(conn, batch(client, "k1", "5", 2000000000), render));
    auto older = update_stock(conn, batch(client, "k2", "9", 1999999999), render);
    REQUIRE(older);
    CHECK(older->result.applied == 0);
    CHECK(older->result.stale.size() == 2);
    CHECK(older->result.stale[0].stored_as_of == catalog::from_unix(2000000000));
    auto same = update_stock(conn, batch(client, "k3", "5", 2000000000), render);
    REQUIRE(same);
    CHECK(same->result.unchanged == 2);
    CHECK(same->result.stale.empty());
    CHECK(store.count("SELECT sum(quantity) FROM inventory WHERE warehouse = 'Oulu'") ==
          5 * static_cast<std::int64_t>(catalog::Amount::scale));
}
