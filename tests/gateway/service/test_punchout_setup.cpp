#include "catalog/buyer.hpp"
#include "catalog/cart.hpp"
#include "catalog/session.hpp"
#include "gateway/service/punchout_setup.hpp"
#include "tests/gateway/support/store.hpp"

using namespace punchout;
using namespace punchout::gateway;
using gateway::test::Line;
using gateway::test::TestStore;

namespace {

Outcome<OpenedSession> setup(TestStore& store, const std::string& text) {
    const auto doc = test::parse(text);
    const auto& request =
        std::get<cxml::PunchOutSetupRequest>(std::get<cxml::Request>(doc.body).payload);
    auto conn = store.connect();
    LogFields log;
    return punchout_setup(conn, store.config, store.who(), doc, request, text, log);
}

// A cart that went back to the buyer with operationAllowed `allowed`, one VALVE-20 line.
std::string returned_line(TestStore& store, catalog::SessionOperation allowed) {
    auto opened = setup(store, test::setup_request("pid-cart"));
    REQUIRE(opened.ok());
    auto conn = store.connect();
    catalog::CartTransfer t;
    t.session_id = opened->session.id;
    t.buyer = store.buyer.key;
    t.payload_id = "poom-1";
    t.operation_allowed = allowed;
    t.currency = "EUR";
    t.created_at = catalog::now();
    catalog::TransferredLine l;
    l.token = "LRETURNED000000001";
    l.sku = "VALVE-20";
    l.quantity = test::amount("2");
    l.unit_price = test::amount("11.00");
    l.currency = "EUR";
    l.uom = l.uom_sent = "EA";
    t.lines = {l};
    REQUIRE(catalog::record_transfer(conn, t).ok());
    return l.token;
}

}  // namespace

TEST_CASE("a create opens a session with a one-time start URL", "[punchout_setup]") {
    TestStore store;
    auto r = setup(store, test::setup_request("pid-1"));
    REQUIRE(r.ok());
    CHECK_THAT(r->start_url, Catch::StartsWith("https://gw.supplier.example/punchout/start/"));
    CHECK(r->session.buyer_cookie == "cookie-1");
    CHECK(store.count("SELECT count(*) FROM punchout_session") == 1);
}

TEST_CASE("an edit starts with the buyer's lines, ours and others, flagged", "[punchout_setup]") {
    TestStore store;
    const auto token = returned_line(store, catalog::SessionOperation::edit);
    auto r = setup(
        store, test::setup_request("pid-2", "edit",
                                   {{"VALVE-20", "2", "11.00", token}, {"NOT-OURS", "1", "9.00"}}));
    REQUIRE(r.ok());
    CHECK(r->lines == 2);
    auto conn = store.connect();
    auto lines = catalog::list_cart(conn, r->session.id);
    REQUIRE(lines.ok());
    REQUIRE(lines->size() == 2);
    CHECK((*lines)[0].token == token);
    CHECK((*lines)[0].known);
    CHECK_FALSE((*lines)[1].known);
    CHECK((*lines)[1].flag == catalog::CartLineFlag::unknown_part);
}

TEST_CASE("an edit of a cart returned for create only is not permitted", "[punchout_setup]") {
    TestStore store;
    const auto token = returned_line(store, catalog::SessionOperation::create);
    for (const char* op : {"edit", "inspect"}) {
        auto r = setup(store, test::setup_request(std::string("pid-") + op, op,
                                                  {{"VALVE-20", "2", "11.00", token}}));
        REQUIRE_FALSE(r.ok());
        CHECK(r.refusal().kind == RefusalKind::not_permitted);
        CHECK_THAT(r.refusal().message, Catch::Contains("operationAllowed=\"create\""));
    }
    // An inspect of an inspect cart is fine; an edit of it is not.
    const auto inspect_token = returned_line(store, catalog::SessionOperation::inspect);
    CHECK(setup(store, test::setup_request("pid-i", "inspect",
                                           {{"VALVE-20", "2", "11.00", inspect_token}}))
              .ok());
    CHECK_FALSE(setup(store, test::setup_request("pid-e", "edit",
                                                 {{"VALVE-20", "2", "11.00", inspect_token}}))
                    .ok());
}

TEST_CASE("sourcing is unsupported; a BrowserFormPost we may not post to is invalid",
          "[punchout_setup]") {
    TestStore store;
    auto source = setup(store, test::setup_request("pid-s", "source"));
    REQUIRE_FALSE(source.ok());
    CHECK(source.refusal().kind == RefusalKind::unsupported);

    auto not_web = setup(store, test::setup_request("pid-u", "create", {}, "javascript:alert(1)"));
    REQUIRE_FALSE(not_web.ok());
    CHECK(not_web.refusal().kind == RefusalKind::invalid);
    CHECK_THAT(not_web.refusal().message, Catch::Contains("BrowserFormPost"));

    auto conn = store.connect();
    auto b = store.buyer;
    b.postback_hosts = {"acme.buyer.example"};
    REQUIRE(catalog::update_buyer(conn, b).ok());
    store.buyer = b;
    auto elsewhere =
        setup(store, test::setup_request("pid-h", "create", {}, "https://evil.example/x"));
    REQUIRE_FALSE(elsewhere.ok());
    CHECK_THAT(elsewhere.refusal().message, Catch::Contains("host 'evil.example'"));
    CHECK(setup(store, test::setup_request("pid-ok")).ok());
    CHECK(store.count("SELECT count(*) FROM punchout_session") == 1);
}

TEST_CASE(
    "a store failure while placing an edit's lines refuses the setup instead of "
    "marking lines unknown",
    "[punchout_setup][fault]") {
    test::require_fault_injection();
    TestStore store;
    using catalog::testing::Fault;
    for (const char* sql : {"FROM product p LEFT JOIN category", "LEFT JOIN inventory"}) {
        for (auto fault : {Fault::io_error, Fault::busy}) {
            INFO(sql << " " << catalog::testing::to_string(fault));
            catalog::testing::ScopedFault armed({fault, 1, sql});
            auto r =
                setup(store, test::setup_request("pid-f", "edit", {{"VALVE-20", "1", "11.00"}}));
            REQUIRE(catalog::testing::fault_fired());
            REQUIRE_FALSE(r.ok());
            CHECK(r.refusal().kind ==
                  (fault == Fault::busy ? RefusalKind::busy : RefusalKind::internal));
        }
    }
    CHECK(store.count("SELECT count(*) FROM punchout_session") == 0);
}
