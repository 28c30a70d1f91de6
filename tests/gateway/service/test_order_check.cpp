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
    // The unknown part is no refusal of its own (it is flagged non-catalog).
    REQUIRE(refusal.problems.size() == 2);
    CHECK(refusal.problems[0].location == "cXML/Request/OrderRequest/ItemOut[1]");
    CHECK_THAT(refusal.problems[0].message, Catch::StartsWith("Line 1: quantity must be positive"));
    CHECK(refusal.problems[1].location ==
          "cXML/Request/OrderRequest/ItemOut[3]/ItemDetail/UnitPrice");
    CHECK_THAT(refusal.problems[1].message, Catch::Contains("currency USD differs"));
    // The text a Status carries: the message, then one line per problem.
    CHECK_THAT(refusal.text(), Catch::Contains("\nLine 3: currency USD"));
}

TEST_CASE("free-form and unknown lines are kept and flagged non-catalog", "[order_check]") {
    TestStore store;
    auto text = test::order_request("pid-ff", "PO-FF",
                                    {{"VALVE-20", "1", "11.00"},
                                     {"", "2", "80.00", "", "EUR", "HUR"},
                                     {"NO-SUCH", "1", "5.00"}},
                                    "176.00");
    auto r = check(store, text);
    REQUIRE(r.ok());
    REQUIRE(r->lines.size() == 3);
    CHECK_FALSE(r->lines[0].non_catalog);
    CHECK(r->lines[1].non_catalog);
    CHECK(r->lines[1].uom == "HUR");
    CHECK(r->lines[2].non_catalog);
    CHECK(kinds(*r) == std::vector<std::string>{"non-catalog", "non-catalog"});
    CHECK_THAT(r->differences[0].message, Catch::Contains("it has no SupplierPartID"));
    // isAdHoc marks a line free-form even when its text matches one of our SKUs.
    auto ad_hoc = text;
    ad_hoc.replace(ad_hoc.find("<ItemOut "), 9, "<ItemOut isAdHoc=\"yes\" ");
    auto a = check(store, ad_hoc);
    REQUIRE(a.ok());
    CHECK(a->lines[0].non_catalog);
    CHECK_THAT(a->differences[0].message, Catch::Contains("isAdHoc"));
}

namespace {

// An order whose first line carries `line_extra` (Tax/Shipping after ItemDetail) and whose
// header carries `header_extra` (after Total).
std::string with_extras(const std::string& total, const std::string& header_extra,
                        const std::string& line_extra, const std::string& item_attrs = "") {
    auto text = test::order_request(
        "pid-x", "PO-X", {{"VALVE-20", "2", "11.00"}, {"PUMP-100", "1", "250.00"}}, total);
    if (!header_extra.empty())
        text.insert(text.find("</Total>") + 8, header_extra);
    if (!line_extra.empty())
        text.insert(text.find("</ItemDetail>") + 13, line_extra);
    if (!item_attrs.empty())
        text.insert(text.find("<ItemOut ") + 9, item_attrs + " ");
    return text;
}

std::string tax(const std::string& amount) {
    return "<Tax><Money currency=\"EUR\">" + amount +
           "</Money><Description xml:lang=\"en\">VAT</Description></Tax>";
}

std::string shipping(const std::string& amount) {
    return "<Shipping><Money currency=\"EUR\">" + amount +
           "</Money><Description xml:lang=\"en\">Freight</Description></Shipping>";
}

}  // namespace

TEST_CASE("line-level tax and shipping count in the total as buyers send them", "[order_check]") {
    TestStore store;
    // Lines 22.00 + 250.00; VAT 4.18 on line 1 only, as SAP S/4 via Ariba sends it.
    auto r = check(store, with_extras("276.18", "", tax("4.18")));
    REQUIRE(r.ok());
    CHECK(r->lines[0].tax == amount("4.18"));
    CHECK(r->tax == amount("4.18"));
    // Line tax plus header shipping.
    CHECK(check(store, with_extras("286.18", shipping("10.00"), tax("4.18"))).ok());
    // Header tax that repeats the line tax is not counted twice.
    CHECK(check(store, with_extras("276.18", tax("4.18"), tax("4.18"))).ok());
    // Line shipping.
    CHECK(check(store, with_extras("279.00", "", shipping("7.00"))).ok());
    auto wrong = check(store, with_extras("300.00", "", tax("4.18")));
    REQUIRE_FALSE(wrong.ok());
    CHECK_THAT(wrong.refusal().problems.at(0).message, Catch::Contains("does not match"));
}

TEST_CASE("return lines count negative; negative charges are refused by name", "[order_check]") {
    TestStore store;
    // 250.00 - 22.00 returned.
    auto r = check(store, with_extras("228.00", "", "", "isReturn=\"yes\""));
    REQUIRE(r.ok());
    CHECK(r->lines[0].is_return);
    CHECK(r->subtotal == amount("228.00"));

    auto neg_tax = check(store, with_extras("272.00", tax("-1.00"), ""));
    REQUIRE_FALSE(neg_tax.ok());
    CHECK(neg_tax.refusal().problems.at(0).location ==
          "cXML/Request/OrderRequest/OrderRequestHeader/Tax");
    CHECK_THAT(neg_tax.refusal().problems.at(0).message, Catch::Contains("is negative"));

    auto neg_line = check(store, with_extras("272.00", "", shipping("-3.00")));
    REQUIRE_FALSE(neg_line.ok());
    CHECK(neg_line.refusal().problems.at(0).location ==
          "cXML/Request/OrderRequest/ItemOut[1]/Shipping");
    CHECK_THAT(neg_line.refusal().problems.at(0).message, Catch::StartsWith("Line 1: Shipping"));
}

TEST_CASE("a sum that would overflow is refused naming the line, never wrapped", "[order_check]") {
    TestStore store;
    // Each amount fits in 64 bits of ten-thousandths; their sum does not.
    const std::string huge = "900000000000000";
    auto r = check(store,
                   test::order_request("pid-o", "PO-O",
                                       {{"VALVE-20", "1", huge}, {"PUMP-100", "1", huge}}, "1.00"));
    REQUIRE_FALSE(r.ok());
    CHECK(r.refusal().problems.at(0).location == "cXML/Request/OrderRequest/ItemOut[2]");
    CHECK_THAT(r.refusal().problems.at(0).message, Catch::StartsWith("Line 2: the line amount"));
    auto t = check(store, with_extras("1.00", "", tax("922337203685478")));
    REQUIRE_FALSE(t.ok());
    CHECK_THAT(t.refusal().problems.at(0).message, Catch::Contains("out of range"));
}

TEST_CASE("ControlKeys are kept with the order", "[order_check]") {
    TestStore store;
    auto text = with_extras("272.00", "", "");
    text.insert(text.find("</OrderRequestHeader>"),
                "<ControlKeys><OCInstruction value=\"requiredBeforeASN\"/>"
                "<ASNInstruction value=\"notAllowed\"/></ControlKeys>");
    auto r = check(store, text);
    REQUIRE(r.ok());
    CHECK(r->confirmation_rule == catalog::DocumentRule::required_before_ship_notice);
    CHECK(r->ship_notice_rule == catalog::DocumentRule::not_allowed);
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
