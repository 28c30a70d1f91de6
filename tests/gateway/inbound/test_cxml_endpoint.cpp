// POST /cxml without a server: a request object in, the response out, on a real store with
// the real commit queue, intake and status services.
#include "gateway/inbound/cxml_endpoint.hpp"
#include "tests/gateway/support/endpoint.hpp"

#include <cstdio>
#include <future>

using namespace punchout;
using namespace punchout::gateway;
using gateway::test::Endpoint;

namespace {

std::string order(const std::string& pid, const std::string& id) {
    return test::order_request(pid, id, {{"VALVE-20", "1", "11.00"}}, "11.00");
}

}  // namespace

TEST_CASE("/cxml answers each request with its Status over the right HTTP status",
          "[cxml_endpoint]") {
    Endpoint e;
    SECTION("a setup opens a session") {
        auto a = e.post(test::setup_request("pid-1"));
        CHECK(a.http == http::status::ok);
        CHECK(a.code == 200);
        CHECK_THAT(a.body, Catch::Contains("/punchout/start/"));
    }
    SECTION("a wrong secret is 401 in the body, over HTTP 200") {
        auto a = e.post(test::envelope("pid-2", "<ProfileRequest/>", test::header("wrong-secret")));
        CHECK(a.http == http::status::ok);
        CHECK(a.code == 401);
    }
    SECTION("a wrong Content-Type is HTTP 415 with cXML 400") {
        auto a = e.post(test::setup_request("pid-3"), "application/json");
        CHECK(a.http == http::status::unsupported_media_type);
        CHECK(a.code == 400);
    }
    SECTION("XML that is not well-formed is 406, saying where") {
        auto a = e.post("<cXML><Header>");
        CHECK(a.code == 406);
        CHECK_THAT(a.message, Catch::Contains("line"));
    }
    SECTION("a request element no DTD defines is 450, naming it") {
        auto a = e.post(test::envelope("pid-4", "<FrobnicateRequest/>"));
        CHECK(a.code == 450);
        CHECK_THAT(a.message, Catch::Contains("FrobnicateRequest"));
    }
    SECTION("an order is accepted and its replay answered the same") {
        auto first = e.post(order("pid-5", "PO-5"));
        CHECK(first.code == 200);
        auto again = e.post(order("pid-5", "PO-5"));
        CHECK(again.body == first.body);
    }
    SECTION("an order with a known orderID and another payloadID is 409") {
        CHECK(e.post(order("pid-6", "PO-6")).code == 200);
        CHECK(e.post(order("pid-7", "PO-6")).code == 409);
    }
}

TEST_CASE("SQLite busy is 560 over HTTP 503 in authentication as in setup",
          "[cxml_endpoint][fault][defect]") {
    // Busy used to be 560 in setup but 500 in authentication.
    test::require_fault_injection();
    Endpoint e;
    using catalog::testing::Fault;
    for (const char* sql : {"FROM sender", "INSERT INTO punchout_session"}) {
        INFO(sql);
        catalog::testing::ScopedFault armed({Fault::busy, 1, sql});
        auto a = e.post(test::setup_request(std::string("pid-busy-") + sql));
        REQUIRE(catalog::testing::fault_fired());
        CHECK(a.http == http::status::service_unavailable);
        CHECK(a.code == 560);
    }
}

TEST_CASE("an OrderStatusRequest that fails on our side is 500 with a reference in the log",
          "[cxml_endpoint][fault][defect]") {
    // It used to answer 500 without the reference id the README promises.
    test::require_fault_injection();
    Endpoint e;
    REQUIRE(e.post(order("pid-8", "PO-8")).code == 200);
    using catalog::testing::Fault;
    // Before the commit (the replay lookup) and inside it (the outbox insert).
    for (const char* sql : {"FROM inbound_document", "INSERT INTO outbox"}) {
        INFO(sql);
        catalog::testing::ScopedFault armed({Fault::io_error, 1, sql});
        auto a = e.post(test::order_status_request(std::string("osr-") + sql, "PO-8"));
        REQUIRE(catalog::testing::fault_fired());
        CHECK(a.http == http::status::internal_server_error);
        CHECK(a.code == 500);
        CHECK_THAT(a.message, Catch::EndsWith("(reference " + a.reference + ")"));
        CHECK_THAT(e.log(), Catch::Contains("\"id\":\"" + a.reference + "\""));
    }
}

TEST_CASE("an order that cannot be stored is 500 with a reference, and stores nothing",
          "[cxml_endpoint][fault]") {
    test::require_fault_injection();
    Endpoint e;
    {
        catalog::testing::ScopedFault armed(
            {catalog::testing::Fault::full, 1, "INSERT INTO order_line"});
        auto a = e.post(order("pid-9", "PO-9"));
        REQUIRE(catalog::testing::fault_fired());
        CHECK(a.http == http::status::internal_server_error);
        CHECK_THAT(a.message, Catch::Contains("(reference " + a.reference + ")"));
    }
    CHECK(e.store.count("SELECT count(*) FROM purchase_order") == 0);
    CHECK(e.post(order("pid-9", "PO-9")).code == 200);
}
