#include "catalog/fulfilment.hpp"
#include "catalog/write_transaction.hpp"
#include "gateway/service/order_store.hpp"
#include "tests/gateway/support/store.hpp"

using namespace punchout;
using namespace punchout::gateway;
using gateway::test::amount;
using gateway::test::TestStore;
using Op = cxml::DocumentOperation;

namespace {

catalog::Order order(TestStore& store, const std::string& version, const std::string& pid) {
    catalog::Order o;
    o.buyer = store.buyer.key;
    o.order_id = "PO-7";
    o.order_version = version;
    o.currency = "EUR";
    o.total = amount("11.00");
    o.payload_id = pid;
    o.received_at = o.updated_at = catalog::now();
    catalog::OrderLine l;
    l.line_number = 1;
    l.sku = "VALVE-20";
    l.quantity = amount("1");
    l.unit_price = amount("11.00");
    l.currency = "EUR";
    o.lines = {l};
    return o;
}

Outcome<StoredOrder> store_it(TestStore& store, const catalog::Order& o, Op op) {
    auto conn = store.connect();
    auto tx = catalog::WriteTransaction::begin(conn);
    REQUIRE(tx.ok());
    auto r = store_order(conn, o, op);
    if (r)
        REQUIRE(tx->commit().ok());
    return r;
}

}  // namespace

TEST_CASE("new, update and delete follow the orderID and the orderVersion", "[order_store]") {
    TestStore store;
    auto first = store_it(store, order(store, "1", "p1"), Op::new_);
    REQUIRE(first.ok());
    CHECK(first->message == "Order PO-7 accepted.");

    SECTION("a second new with the same orderID is a conflict") {
        auto again = store_it(store, order(store, "1", "p2"), Op::new_);
        REQUIRE_FALSE(again.ok());
        CHECK(again.refusal().kind == RefusalKind::conflict);
        CHECK_THAT(again.refusal().message, Catch::Contains("already exists (version 1)"));
    }
    SECTION("an update raises the version; a stale one is a conflict") {
        auto updated = store_it(store, order(store, "2", "p3"), Op::update);
        REQUIRE(updated.ok());
        CHECK(updated->version == 2);
        auto stale = store_it(store, order(store, "2", "p4"), Op::update);
        REQUIRE_FALSE(stale.ok());
        CHECK(stale.refusal().kind == RefusalKind::conflict);
        CHECK_THAT(stale.refusal().message, Catch::Contains("is stale"));
    }
    SECTION("a delete cancels; a cancelled order takes no change") {
        auto deleted = store_it(store, order(store, "2", "p5"), Op::delete_);
        REQUIRE(deleted.ok());
        CHECK_THAT(deleted->message, Catch::Contains("cancelled (version 2)"));
        auto after = store_it(store, order(store, "3", "p6"), Op::update);
        REQUIRE_FALSE(after.ok());
        CHECK(after.refusal().kind == RefusalKind::conflict);
        CHECK_THAT(after.refusal().message, Catch::Contains("was cancelled"));
    }
    SECTION("a shipped order takes no update") {
        auto conn = store.connect();
        catalog::NewConfirmation c;
        c.parts = {{1, amount("1"), catalog::LineStatus::accept, ""}};
        REQUIRE(catalog::record_confirmation(conn, first->pk, c, catalog::now()).ok());
        catalog::NewShipment shipment;
        shipment.carrier = "DHL";
        shipment.tracking = "JD0146000";
        REQUIRE(catalog::record_shipment(conn, first->pk, shipment, catalog::now()).ok());
        auto update = store_it(store, order(store, "2", "p7"), Op::update);
        REQUIRE_FALSE(update.ok());
        CHECK(update.refusal().kind == RefusalKind::conflict);
        CHECK_THAT(update.refusal().message, Catch::Contains("is already shipped"));
    }
}

TEST_CASE("an update or delete of an unknown order is invalid", "[order_store]") {
    TestStore store;
    for (auto op : {Op::update, Op::delete_}) {
        auto r = store_it(store, order(store, "2", "p1"), op);
        REQUIRE_FALSE(r.ok());
        CHECK(r.refusal().kind == RefusalKind::invalid);
        CHECK_THAT(r.refusal().message, Catch::Contains("is not known here"));
    }
}

TEST_CASE("a store failure while storing is internal or busy, never a conflict",
          "[order_store][fault]") {
    test::require_fault_injection();
    TestStore store;
    using catalog::testing::Fault;
    for (const char* sql :
         {"FROM purchase_order", "INSERT INTO purchase_order", "INSERT INTO order_line"}) {
        INFO(sql);
        catalog::testing::ScopedFault armed({Fault::io_error, 1, sql});
        auto r = store_it(store, order(store, "1", "p1"), Op::new_);
        REQUIRE(catalog::testing::fault_fired());
        REQUIRE_FALSE(r.ok());
        CHECK(r.refusal().kind == RefusalKind::internal);
    }
    CHECK(store.count("SELECT count(*) FROM purchase_order") == 0);
}
