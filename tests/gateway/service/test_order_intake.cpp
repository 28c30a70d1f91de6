#include "catalog/buyer.hpp"
#include "gateway/service/order_intake.hpp"
#include "tests/gateway/support/store.hpp"

#include <future>
#include <stdexcept>

using namespace punchout;
using namespace punchout::gateway;
using gateway::test::Line;
using gateway::test::TestStore;

namespace {

WrittenAnswer plain_writer(std::string message) {
    return WrittenAnswer{1, "accepted: " + message};
}

struct Intake {
    TestStore store;
    CommitQueue queue{store.db};
    OrderIntake intake{store.db, queue, plain_writer};

    Outcome<OrderReceipt> post(const std::string& text) {
        const auto doc = test::parse(text);
        const auto& request =
            std::get<cxml::OrderRequest>(std::get<cxml::Request>(doc.body).payload);
        std::promise<Outcome<OrderReceipt>> answered;
        LogFields log;
        intake.handle(store.who(), doc, request, text, log,
                      [&](Outcome<OrderReceipt> r) { answered.set_value(std::move(r)); });
        return answered.get_future().get();
    }
};

const std::vector<Line> one_valve{{"VALVE-20", "2", "11.00"}};

}  // namespace

TEST_CASE("an order is accepted once; the same payloadID again gets the same answer",
          "[order_intake]") {
    Intake t;
    const auto text = test::order_request("pid-1", "PO-1", one_valve, "22.00");
    auto first = t.post(text);
    REQUIRE(first.ok());
    CHECK_FALSE(first->replay);
    CHECK(first->answer.text == "accepted: Order PO-1 accepted.");
    auto again = t.post(text);
    REQUIRE(again.ok());
    CHECK(again->replay);
    CHECK(again->answer.text == first->answer.text);
    CHECK(again->answer.code == first->answer.code);
    CHECK(t.store.count("SELECT count(*) FROM purchase_order") == 1);
}

TEST_CASE("refusals are not recorded: the same document is judged afresh", "[order_intake]") {
    Intake t;
    {
        // With the reject policy an unknown part refuses the order.
        auto conn = t.store.connect();
        auto b = t.store.buyer;
        b.order_policy = catalog::OrderPolicy::reject;
        REQUIRE(catalog::update_buyer(conn, b).ok());
        t.store.buyer = b;
    }
    const auto text = test::order_request("pid-2", "PO-2", {{"NEW-PART", "1", "5.00"}}, "5.00");
    auto refused = t.post(text);
    REQUIRE_FALSE(refused.ok());
    CHECK(refused.refusal().kind == RefusalKind::invalid);
    {
        auto conn = t.store.connect();
        std::istringstream csv(
            "sku,description,uom,price,currency,unspsc\n"
            "NEW-PART,New part,EA,5.00,EUR,31161500\n");
        REQUIRE(catalog::import_catalog_csv(conn, csv, "new.csv").applied);
    }
    CHECK(t.post(text).ok());
}

TEST_CASE("a buyer with the reject policy gets every difference listed", "[order_intake]") {
    Intake t;
    {
        auto conn = t.store.connect();
        auto b = t.store.buyer;
        b.order_policy = catalog::OrderPolicy::reject;
        REQUIRE(catalog::update_buyer(conn, b).ok());
        t.store.buyer = b;
    }
    auto r = t.post(test::order_request("pid-3", "PO-3", {{"PUMP-100", "1", "250.00"}}, "250.00"));
    REQUIRE_FALSE(r.ok());
    CHECK(r.refusal().kind == RefusalKind::invalid);
    REQUIRE(r.refusal().problems.size() == 1);
    CHECK_THAT(r.refusal().problems[0].message, Catch::Contains("differs from the contract price"));
    CHECK(t.store.count("SELECT count(*) FROM purchase_order") == 0);
}

TEST_CASE("when the last step of storing an order fails, the buyer is not told 'accepted'",
          "[order_intake][defect]") {
    // The answer used to be set before the last write; when that write threw, the savepoint
    // rolled back and the buyer heard "accepted" all the same.
    TestStore store;
    CommitQueue queue(store.db);
    OrderIntake intake(store.db, queue, [](std::string) -> WrittenAnswer {
        throw std::runtime_error("the answer could not be written");
    });
    const auto text = test::order_request("pid-4", "PO-4", one_valve, "22.00");
    const auto doc = test::parse(text);
    const auto& request = std::get<cxml::OrderRequest>(std::get<cxml::Request>(doc.body).payload);
    std::promise<Outcome<OrderReceipt>> answered;
    LogFields log;
    intake.handle(store.who(), doc, request, text, log,
                  [&](Outcome<OrderReceipt> r) { answered.set_value(std::move(r)); });
    auto r = answered.get_future().get();
    REQUIRE_FALSE(r.ok());
    CHECK(r.refusal().kind == RefusalKind::internal);
    CHECK(store.count("SELECT count(*) FROM purchase_order") == 0);
    CHECK(store.count("SELECT count(*) FROM inbound_document") == 0);
}

TEST_CASE("concurrent posts of one order store it once and give both the same answer",
          "[order_intake]") {
    Intake t;
    const auto text = test::order_request("pid-5", "PO-5", one_valve, "22.00");
    const auto doc = test::parse(text);
    const auto& request = std::get<cxml::OrderRequest>(std::get<cxml::Request>(doc.body).payload);
    constexpr int posts = 8;
    std::vector<std::promise<Outcome<OrderReceipt>>> answers(posts);
    std::vector<LogFields> logs(posts);
    for (int i = 0; i < posts; ++i) {
        t.intake.handle(
            t.store.who(), doc, request, text, logs[i],
            [&answers, i](Outcome<OrderReceipt> r) { answers[i].set_value(std::move(r)); });
    }
    int fresh = 0;
    std::string first_text;
    for (auto& a : answers) {
        auto r = a.get_future().get();
        REQUIRE(r.ok());
        fresh += r->replay ? 0 : 1;
        if (first_text.empty())
            first_text = r->answer.text;
        CHECK(r->answer.text == first_text);
    }
    CHECK(fresh == 1);
    CHECK(t.store.count("SELECT count(*) FROM purchase_order") == 1);
}

TEST_CASE("a payloadID reused by another order is processed on its own merits", "[order_intake]") {
    Intake t;
    // An ERP that derives payloadIDs from a timestamp to the second.
    auto first = t.post(test::order_request("2026-12-02T15:52:59", "PO-A", one_valve, "22.00"));
    REQUIRE(first.ok());
    auto second = t.post(test::order_request("2026-12-02T15:52:59", "PO-B", one_valve, "22.00"));
    REQUIRE(second.ok());
    CHECK_FALSE(second->replay);
    CHECK(second->answer.text == "accepted: Order PO-B accepted.");
    CHECK(second->order_pk != first->order_pk);
    CHECK(t.store.count("SELECT count(*) FROM purchase_order") == 2);
    // Each is still its own replay.
    auto again = t.post(test::order_request("2026-12-02T15:52:59", "PO-B", one_valve, "22.00"));
    REQUIRE(again.ok());
    CHECK(again->replay);
    CHECK(again->answer.text == second->answer.text);
    // The same orderID with other content under the same payloadID is no replay either.
    auto changed = t.post(
        test::order_request("2026-12-02T15:52:59", "PO-B", {{"VALVE-20", "3", "11.00"}}, "33.00"));
    REQUIRE_FALSE(changed.ok());
    CHECK(changed.refusal().kind == RefusalKind::conflict);
}

TEST_CASE("a test-realm order never touches the production order with its orderID",
          "[order_intake]") {
    Intake t;
    REQUIRE(t.post(test::order_request("p-1", "PO-7", one_valve, "22.00")).ok());
    auto test_doc = [](std::string text) {
        text.replace(text.find("deploymentMode=\"production\""), 27, "deploymentMode=\"test\"");
        return text;
    };
    auto fresh = t.post(test_doc(test::order_request("t-1", "PO-7", one_valve, "22.00")));
    REQUIRE(fresh.ok());
    CHECK(fresh->answer.text == "accepted: Order PO-7 accepted.");
    auto cancel =
        t.post(test_doc(test::order_request("t-2", "PO-7", one_valve, "22.00", "delete", "2")));
    REQUIRE(cancel.ok());
    CHECK(t.store.count("SELECT count(*) FROM purchase_order WHERE deployment_mode = 'production'"
                        " AND status = 'received'") == 1);
    CHECK(t.store.count("SELECT count(*) FROM purchase_order WHERE deployment_mode = 'test'"
                        " AND status = 'cancelled'") == 1);
}

TEST_CASE("attachments are stored with the order; a cid naming no part is flagged",
          "[order_intake]") {
    Intake t;
    auto text = test::order_request("pa-1", "PO-AT", one_valve, "22.00");
    text.insert(text.find("</OrderRequestHeader>"),
                "<Comments>See drawing<Attachment><URL>cid:drawing@buyer</URL></Attachment>"
                "<Attachment><URL>cid:lost@buyer</URL></Attachment></Comments>");
    const auto doc = test::parse(text);
    const auto& request = std::get<cxml::OrderRequest>(std::get<cxml::Request>(doc.body).payload);
    catalog::OrderAttachment file;
    file.content_id = "drawing@buyer";
    file.content_type = "application/pdf";
    file.filename = "drawing.pdf";
    file.content = std::string("%PDF\0\x01\x02", 7);
    std::promise<Outcome<OrderReceipt>> answered;
    LogFields log;
    t.intake.handle(t.store.who(), doc, request, text, log,
                    [&](Outcome<OrderReceipt> r) { answered.set_value(std::move(r)); }, {file});
    auto r = answered.get_future().get();
    REQUIRE(r.ok());
    CHECK(t.store.count("SELECT count(*) FROM order_attachment WHERE size = 7") == 1);
    CHECK(t.store.count("SELECT count(*) FROM order_difference WHERE kind = 'attachment-missing'"
                        " AND expected = 'lost@buyer'") == 1);
    CHECK_THAT(r->answer.text, Catch::Contains("1 difference(s)"));
}
