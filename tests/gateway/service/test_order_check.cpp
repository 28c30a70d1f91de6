#include "catalog/cart.hpp"
#include "catalog/price.hpp"
#include "catalog/product.hpp"
#include "catalog/session.hpp"
#include "gateway/service/order_check.hpp"
#include "tests/gateway/support/store.hpp"

using namespace punchout;
using namespace punchout::gateway;
using gateway::test::amount;
using gateway::test::Line;
using gateway::test::TestStore;

namespace {

Outcome<catalog::Order> check(TestStore& store, const std::string& text) {
    const auto doc = test::parse(text);
    const auto& request = std::get<cxml::OrderRequest>(std::get<cxml::Request>(doc.body).payload);
    auto conn = store.connect();
    return check_order(conn, store.who(), doc, request, text, catalog::now());
}

Outcome<catalog::Order> check_lines(TestStore& store, const std::vector<Line>& lines,
                                    const std::string& total) {
    return check(store, test::order_request("pid-1", "PO-1", lines, total));
}

// A cart that went back to the buyer with one line of each given SKU (quantity 2, our
// price, our unit), so orders can carry our tokens.
std::vector<std::string> transfer_cart(TestStore& store, const std::vector<std::string>& skus) {
    auto conn = store.connect();
    catalog::PunchoutSession s;
    s.start_key = "start-" + skus.front();
    s.session_key = "session-" + skus.front();
    s.csrf_token = "csrf";
    s.buyer = store.buyer.key;
    s.return_url = test::return_url;
    s.created_at = catalog::now();
    s.start_expires_at = s.expires_at = catalog::now() + std::chrono::hours(1);
    auto session = catalog::create_session(conn, s);
    REQUIRE(session.ok());
    catalog::CartTransfer t;
    t.session_id = session->id;
    t.buyer = store.buyer.key;
    t.payload_id = "poom-" + skus.front();
    t.currency = "EUR";
    t.created_at = catalog::now();
    std::vector<std::string> tokens;
    for (const auto& sku : skus) {
        auto product = catalog::find_product(conn, sku);
        REQUIRE(product.ok());
        catalog::TransferredLine l;
        l.token = "LTOKEN" + sku;
        l.sku = sku;
        l.quantity = amount("2");
        l.unit_price = product->list_price;
        l.currency = "EUR";
        l.price_basis_quantity = product->price_basis_quantity;
        l.uom = l.uom_sent = product->uom;
        l.description = product->description;
        t.lines.push_back(l);
        tokens.push_back(l.token);
    }
    REQUIRE(catalog::record_transfer(conn, t).ok());
    return tokens;
}

std::vector<std::string> kinds(const catalog::Order& o) {
    std::vector<std::string> out;
    for (const auto& d : o.differences)
        out.push_back(std::string(catalog::to_string(d.kind)));
    return out;
}

}  // namespace

TEST_CASE("a correct order becomes the order we store, lines and totals exact", "[order_check]") {
    TestStore store;
    auto r = check_lines(
        store, {{"VALVE-20", "2", "11.00"}, {"BOLT-M8", "300", "12.50", "", "EUR", "EA", "100"}},
        "59.50");
    REQUIRE(r.ok());
    CHECK(r->order_id == "PO-1");
    REQUIRE(r->lines.size() == 2);
    CHECK(r->lines[1].price_basis_quantity == amount("100"));
    CHECK(r->subtotal == amount("59.50"));  // 22.00 + 300 x 12.50 / 100
    CHECK(r->differences.empty());
}

TEST_CASE("validation problems are listed line by line, each at its element", "[order_check]") {
    TestStore store;
    auto r = check_lines(store,
                         {{"VALVE-20", "0", "11.00"},
                          {"NO-SUCH-PART", "1", "5.00"},
                          {"PUMP-100", "1", "240.00", "", "USD"}},
                         "1.00");
    REQUIRE_FALSE(r.ok());
    const auto& refusal = r.refusal();
    CHECK(refusal.kind == RefusalKind::invalid);
    CHECK(refusal.message == "The order was not accepted:");
    REQUIRE(refusal.problems.size() == 3);
    CHECK(refusal.problems[0].location == "cXML/Request/OrderRequest/ItemOut[1]");
    CHECK_THAT(refusal.problems[0].message, Catch::StartsWith("Line 1: quantity must be positive"));
    CHECK(refusal.problems[1].location == "cXML/Request/OrderRequest/ItemOut[2]/ItemID");
    CHECK_THAT(refusal.problems[1].message,
               Catch::Contains("'NO-SUCH-PART' is not in this buyer's catalog"));
    CHECK(refusal.problems[2].location ==
          "cXML/Request/OrderRequest/ItemOut[3]/ItemDetail/UnitPrice");
    CHECK_THAT(refusal.problems[2].message, Catch::Contains("currency USD differs"));
    // The text a Status carries: the message, then one line per problem.
    CHECK_THAT(refusal.text(), Catch::Contains("\nLine 2: SupplierPartID"));
}

TEST_CASE("header problems and totals that do not add up are refused", "[order_check]") {
    TestStore store;
    SECTION("no orderID") {
        auto r =
            check(store, test::order_request("pid-2", "", {{"VALVE-20", "1", "11.00"}}, "11.00"));
        REQUIRE_FALSE(r.ok());
        CHECK(r.refusal().problems.at(0).location ==
              "cXML/Request/OrderRequest/OrderRequestHeader");
    }
    SECTION("a Total off by more than half a cent a line") {
        auto r = check_lines(store, {{"VALVE-20", "1", "11.00"}}, "12.00");
        REQUIRE_FALSE(r.ok());
        CHECK_THAT(r.refusal().problems.at(0).message,
                   Catch::Contains("does not match the sum of its lines, 11.00 EUR"));
    }
    SECTION("a lineNumber twice") {
        std::string text = test::order_request(
            "pid-3", "PO-3", {{"VALVE-20", "1", "11.00"}, {"VALVE-20", "1", "11.00"}}, "22.00");
        const std::string second = "lineNumber=\"2\"";
        text.replace(text.find(second), second.size(), "lineNumber=\"1\"");
        auto r = check(store, text);
        REQUIRE_FALSE(r.ok());
        CHECK_THAT(r.refusal().problems.at(0).message, Catch::Contains("appears twice"));
    }
    SECTION("a line amount that does not fit is a problem, not a wrapped number") {
        auto r = check_lines(store, {{"VALVE-20", "900000000000000", "900000000000000"}}, "1.00");
        REQUIRE_FALSE(r.ok());
        CHECK_THAT(r.refusal().text(), Catch::Contains("the line amount does not fit"));
    }
}

TEST_CASE("the accuracy check finds each kind of difference from the cart", "[order_check]") {
    TestStore store;
    auto tokens = transfer_cart(store, {"VALVE-20", "PUMP-100"});
    // VALVE-20 went back at 11.00 EA x 2; PUMP-100 at 250.00 (the list price, while the
    // contract says 240.00).
    SECTION("price drift and the contract price") {
        auto r = check_lines(store, {{"VALVE-20", "2", "12.00", tokens[0]}}, "24.00");
        REQUIRE(r.ok());
        CHECK(kinds(*r) == std::vector<std::string>{"price-drift", "contract-price"});
    }
    SECTION("a unit changed and the quantity scaled with it") {
        auto r =
            check_lines(store, {{"VALVE-20", "24", "0.9167", tokens[0], "EUR", "PCE"}}, "22.00");
        REQUIRE(r.ok());
        const auto k = kinds(*r);
        CHECK(std::find(k.begin(), k.end(), "uom-changed") != k.end());
        CHECK(std::find(k.begin(), k.end(), "quantity-scaled") != k.end());
    }
    SECTION("another SKU on our token") {
        auto r = check_lines(store, {{"PUMP-100", "1", "240.00", tokens[0]}}, "240.00");
        REQUIRE(r.ok());
        CHECK(kinds(*r) == std::vector<std::string>{"sku-changed", "price-drift"});
    }
    SECTION("the contract price is what counts for a line at the list price") {
        auto r = check_lines(store, {{"PUMP-100", "2", "250.00", tokens[1]}}, "500.00");
        REQUIRE(r.ok());
        REQUIRE(kinds(*r) == std::vector<std::string>{"contract-price"});
        CHECK(r->differences[0].expected == "240.00");
    }
    SECTION("a line at the cart's price and the contract's has no difference") {
        auto r = check_lines(store, {{"VALVE-20", "2", "11.00", tokens[0]}}, "22.00");
        REQUIRE(r.ok());
        CHECK(r->differences.empty());
    }
}

TEST_CASE(
    "a store failure while checking a line is ours: never 'not in the catalog', never a "
    "skipped check",
    "[order_check][fault][defect]") {
    test::require_fault_injection();
    TestStore store;
    auto tokens = transfer_cart(store, {"VALVE-20"});
    const std::vector<Line> order{{"VALVE-20", "2", "11.00", tokens[0]}};
    using catalog::testing::Fault;
    // The product lookup (was: 400 "not in this buyer's catalog"), the cart line of the
    // accuracy check and the contract price (were: the check silently skipped).
    for (const char* sql : {"FROM product p LEFT JOIN category", "FROM transferred_line l",
                            "LEFT JOIN contract_price"}) {
        for (auto fault : {Fault::io_error, Fault::busy}) {
            INFO(sql << " " << catalog::testing::to_string(fault));
            catalog::testing::ScopedFault armed({fault, 1, sql});
            auto r = check_lines(store, order, "22.00");
            REQUIRE(catalog::testing::fault_fired());
            REQUIRE_FALSE(r.ok());
            CHECK(r.refusal().kind ==
                  (fault == Fault::busy ? RefusalKind::busy : RefusalKind::internal));
        }
    }
    // With the store back, the same order checks out.
    CHECK(check_lines(store, order, "22.00").ok());
}

TEST_CASE("a long order is checked against one catalog, even while the catalog changes",
          "[order_check][fault][defect]") {
    // Before: each lookup was its own autocommit statement, so a price change committed
    // half-way through was seen by the later lines only.
    test::require_fault_injection();
    TestStore store;
    const std::vector<Line> order{
        {"PUMP-100", "1", "240.00"}, {"PUMP-100", "1", "240.00"}, {"PUMP-100", "1", "240.00"}};
    // Just before the second line's product lookup, another connection raises the contract.
    catalog::testing::arm_hook(2, "FROM product p LEFT JOIN category", [&store] {
        auto other = store.connect();
        catalog::ContractPrice raised;
        raised.sku = "PUMP-100";
        raised.price = amount("260.00");
        raised.currency = "EUR";
        REQUIRE(catalog::set_contract_price(other, store.buyer.key, raised).ok());
    });
    auto r = check_lines(store, order, "720.00");
    const bool hooked = catalog::testing::fault_fired();
    catalog::testing::disarm_fault();
    REQUIRE(hooked);
    REQUIRE(r.ok());
    // Every line was compared with the contract as it was when the check began.
    CHECK(r->differences.empty());
    // And the change did commit: a check now sees it on every line.
    auto after = check_lines(store, order, "720.00");
    REQUIRE(after.ok());
    CHECK(after->differences.size() == 3);
}
