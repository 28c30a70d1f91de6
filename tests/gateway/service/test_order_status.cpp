#include "gateway/service/order_status.hpp"
#include "tests/gateway/support/store.hpp"

#include <future>

using namespace punchout;
using namespace punchout::gateway;
using gateway::test::TestStore;

namespace {

WrittenAnswer plain_writer(std::string message) {
    return WrittenAnswer{1, message};
}

struct Status {
    TestStore store;
    CommitQueue queue{store.db};
    OrderIntake intake{store.db, queue, plain_writer};
    int woken = 0;
    OrderStatusService service{store.config, store.db, queue, plain_writer, [this] { ++woken; }};

    void place_order(const std::string& order_id) {
        const auto text = test::order_request("order-" + order_id, order_id,
                                              {{"VALVE-20", "1", "11.00"}}, "11.00");
        const auto doc = test::parse(text);
        std::promise<Outcome<OrderReceipt>> done;
        LogFields log;
        intake.handle(store.who(), doc,
                      std::get<cxml::OrderRequest>(std::get<cxml::Request>(doc.body).payload), text,
                      log, [&](Outcome<OrderReceipt> r) { done.set_value(std::move(r)); });
        REQUIRE(done.get_future().get().ok());
    }

    Outcome<WrittenAnswer> ask(const std::string& pid, const std::string& order_id) {
        const auto doc = test::parse(test::order_status_request(pid, order_id));
        std::promise<Outcome<WrittenAnswer>> done;
        LogFields log;
        service.handle(
            store.who(), doc,
            std::get<cxml::OrderStatusRequest>(std::get<cxml::Request>(doc.body).payload), log,
            [&](Outcome<WrittenAnswer> r) { done.set_value(std::move(r)); });
        return done.get_future().get();
    }
};

}  // namespace

TEST_CASE("a status request queues the order's state and says so; a replay queues nothing",
          "[order_status]") {
    Status t;
    t.place_order("PO-9");
    auto r = t.ask("osr-1", "PO-9");
    REQUIRE(r.ok());
    CHECK_THAT(r->text, Catch::Contains("Order PO-9 is received."));
    CHECK(t.woken == 1);
    CHECK(t.store.count("SELECT count(*) FROM outbox") == 1);
    auto again = t.ask("osr-1", "PO-9");
    REQUIRE(again.ok());
    CHECK(again->text == r->text);
    CHECK(t.store.count("SELECT count(*) FROM outbox") == 1);
}

TEST_CASE("an order this buyer does not have is invalid, naming the orderID", "[order_status]") {
    Status t;
    auto r = t.ask("osr-2", "PO-NONE");
    REQUIRE_FALSE(r.ok());
    CHECK(r.refusal().kind == RefusalKind::invalid);
    CHECK_THAT(r.refusal().message, Catch::Contains("PO-NONE"));
}

TEST_CASE("a store failure answering a status request is ours and queues nothing",
          "[order_status][fault]") {
    test::require_fault_injection();
    Status t;
    t.place_order("PO-10");
    using catalog::testing::Fault;
    for (const char* sql :
         {"FROM inbound_document", "INSERT INTO outbox", "INSERT INTO inbound_document"}) {
        INFO(sql);
        catalog::testing::ScopedFault armed({Fault::io_error, 1, sql});
        auto r = t.ask(std::string("osr-") + sql, "PO-10");
        REQUIRE(catalog::testing::fault_fired());
        REQUIRE_FALSE(r.ok());
        CHECK(r.refusal().kind == RefusalKind::internal);
    }
    CHECK(t.store.count("SELECT count(*) FROM outbox") == 0);
    CHECK(t.ask("osr-after", "PO-10").ok());
}
