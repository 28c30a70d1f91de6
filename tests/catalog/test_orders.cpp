#include "catalog/buyer.hpp"
#include "catalog/order.hpp"
#include "tests/catalog/support.hpp"

using namespace punchout::catalog;
using namespace punchout::catalog::test;

namespace {

constexpr std::int64_t t0 = 1767225600;

struct Fixture {
    TempDir dir;
    Database db = Database::open(dir / "o.db");
    Connection conn = db.connect();
    BuyerKey buyer;
    BuyerKey other;

    Fixture() {
        buyer = add("acme", "1");
        other = add("beta", "2");
    }
    BuyerKey add(const char* id, const char* duns) {
        Buyer b;
        b.id = id;
        b.name = id;
        b.credentials = {{"DUNS", duns}};
        return add_buyer(conn, b)->key;
    }
    Order order(const std::string& id, const std::string& payload, int lines = 2) {
        Order o;
        o.buyer = buyer;
        o.order_id = id;
        o.currency = "EUR";
        o.payload_id = payload;
        o.document = "<OrderRequest " + payload + "/>";
        o.received_at = o.updated_at = from_unix(t0);
        for (int i = 1; i <= lines; ++i) {
            OrderLine l;
            l.line_number = i;
            l.sku = "P-" + std::to_string(i);
            l.quantity = Amount::from_units(10000 * i);
            l.unit_price = *Amount::parse("2.50");
            l.currency = "EUR";
            l.uom = "EA";
            o.lines.push_back(l);
        }
        o.subtotal = o.total = *Amount::parse(lines == 2 ? "7.50" : "2.50");
        return o;
    }
};

}  // namespace

TEST_CASE("an order is stored with its lines, a version record and an event") {
    Fixture f;
    auto o = f.order("PO-1", "pl-1");
    o.differences.push_back(
        OrderDifference{2, DifferenceKind::price_drift, "2.40", "2.50", "price changed"});
    auto stored = insert_order(f.conn, o);
    REQUIRE(stored.ok());
    auto back = find_order(f.conn, f.buyer, DeploymentMode::production, "PO-1");
    REQUIRE(back.ok());
    CHECK(back->version == 1);
    CHECK(back->lines.size() == 2);
    CHECK(back->lines[1].quantity.to_string() == "2");
    REQUIRE(back->differences.size() == 1);
    CHECK(to_string(back->differences[0].kind) == "price-drift");
    auto events = order_events(f.conn, back->pk);
    REQUIRE(events->size() == 1);
    CHECK((*events)[0].kind == "received");
    CHECK((*events)[0].detail.find("1 differences flagged") != std::string::npos);
    CHECK(query_int(f.conn, "SELECT count(*) FROM order_version") == 1);
}

TEST_CASE("an orderID is unique per buyer, not across buyers") {
    Fixture f;
    REQUIRE(insert_order(f.conn, f.order("PO-1", "a")).ok());
    CHECK(insert_order(f.conn, f.order("PO-1", "b")).error().code == Errc::constraint);
    auto o = f.order("PO-1", "c");
    o.buyer = f.other;
    CHECK(insert_order(f.conn, o).ok());
    // The failed insert left nothing behind.
    CHECK(query_int(f.conn, "SELECT count(*) FROM order_line") == 4);
}

TEST_CASE("a test realm numbers its orders apart from production") {
    Fixture f;
    REQUIRE(insert_order(f.conn, f.order("PO-1", "a")).ok());
    auto test = f.order("PO-1", "t");
    test.deployment_mode = DeploymentMode::test;
    auto stored = insert_order(f.conn, test);
    REQUIRE(stored.ok());
    CHECK(find_order(f.conn, f.buyer, DeploymentMode::test, "PO-1")->pk == stored->pk);
    CHECK(find_order(f.conn, f.buyer, DeploymentMode::production, "PO-1")->pk != stored->pk);
    OrderFilter only_test;
    only_test.mode = DeploymentMode::test;
    auto listed = list_orders(f.conn, only_test);
    REQUIRE(listed->size() == 1);
    CHECK((*listed)[0].deployment_mode == DeploymentMode::test);
}

TEST_CASE("attachments are kept byte-exact with the order version they came with") {
    Fixture f;
    auto o = f.order("PO-A", "a");
    static constexpr char pdf[] = "%PDF-1.4\0\xff\x01 binary";
    const std::string bytes(pdf, sizeof pdf - 1);  // NUL and 0xFF inside, as in real files
    o.attachments.push_back(OrderAttachment{1, "spec@buyer", "application/pdf", "spec.pdf",
                                            static_cast<std::int64_t>(bytes.size()), "ab", bytes});
    auto stored = insert_order(f.conn, o);
    REQUIRE(stored.ok());
    auto listed = order_attachments(f.conn, stored->pk);
    REQUIRE(listed->size() == 1);
    CHECK((*listed)[0].filename == "spec.pdf");
    CHECK((*listed)[0].content.empty());
    auto one = find_attachment(f.conn, stored->pk, "spec@buyer");
    REQUIRE(one.ok());
    CHECK(one->content == bytes);
    CHECK(find_attachment(f.conn, stored->pk, "other").error().code == Errc::not_found);
    CHECK(list_orders(f.conn, {})->front().attachment_count == 1);
}

TEST_CASE("a duplicate line number rolls the whole order back") {
    Fixture f;
    auto o = f.order("PO-2", "x");
    o.lines[1].line_number = 1;
    auto r = insert_order(f.conn, o);
    REQUIRE_FALSE(r.ok());
    CHECK(r.error().message.find("line number 1") != std::string::npos);
    CHECK(query_int(f.conn, "SELECT count(*) FROM purchase_order") == 0);
}

TEST_CASE("updates replace lines and bump the version; a cancel keeps the lines") {
    Fixture f;
    auto first = insert_order(f.conn, f.order("PO-3", "v1"));
    REQUIRE(first.ok());
    auto next = f.order("PO-3", "v2", 1);
    next.order_version = "2";
    next.updated_at = from_unix(t0 + 60);
    auto updated = change_order(f.conn, first->pk, OrderChange::update, next);
    REQUIRE(updated.ok());
    CHECK(updated->version == 2);
    CHECK(find_order(f.conn, first->pk)->lines.size() == 1);
    CHECK(find_order(f.conn, first->pk)->payload_id == "v2");

    auto gone = f.order("PO-3", "v3", 0);
    gone.updated_at = from_unix(t0 + 120);
    auto cancelled = change_order(f.conn, first->pk, OrderChange::cancel, gone);
    REQUIRE(cancelled.ok());
    auto back = find_order(f.conn, first->pk);
    CHECK(back->status == OrderStatus::cancelled);
    CHECK(back->version == 3);
    CHECK(back->lines.size() == 1);
    CHECK(query_int(f.conn, "SELECT count(*) FROM order_version") == 3);
    auto events = order_events(f.conn, first->pk);
    REQUIRE(events->size() == 3);
    CHECK((*events)[2].kind == "cancelled");
}

TEST_CASE("inbound payloadIDs are remembered per buyer and document with their answer") {
    Fixture f;
    CHECK(find_inbound(f.conn, f.buyer, "pl")->empty());
    InboundRecord rec{f.buyer, "pl",          "fp-1",       "OrderRequest",
                      200,     "<Response/>", std::nullopt, from_unix(t0)};
    REQUIRE(record_inbound(f.conn, rec).ok());
    auto found = find_inbound(f.conn, f.buyer, "pl");
    REQUIRE(found->size() == 1);
    CHECK(same_document(*found, "fp-1")->response == "<Response/>");
    CHECK(same_document(*found, "fp-2") == nullptr);
    CHECK(record_inbound(f.conn, rec).error().code == Errc::constraint);
    // Another document under the same payloadID is a record of its own.
    rec.fingerprint = "fp-2";
    REQUIRE(record_inbound(f.conn, rec).ok());
    CHECK(find_inbound(f.conn, f.buyer, "pl")->size() == 2);
    CHECK(find_inbound(f.conn, f.other, "pl")->empty());
}

TEST_CASE("orders are listed newest first and filtered by buyer and status") {
    Fixture f;
    auto a = f.order("A", "1");
    auto b = f.order("B", "2");
    b.received_at = from_unix(t0 + 10);
    REQUIRE(insert_order(f.conn, a).ok());
    auto stored_b = insert_order(f.conn, b);
    REQUIRE(set_order_status(f.conn, stored_b->pk, OrderStatus::confirmed, "confirmed", "all lines",
                             from_unix(t0 + 20))
                .ok());
    auto all = list_orders(f.conn, {});
    REQUIRE(all->size() == 2);
    CHECK((*all)[0].order_id == "B");
    CHECK((*all)[0].line_count == 2);
    OrderFilter confirmed;
    confirmed.status = OrderStatus::confirmed;
    CHECK(list_orders(f.conn, confirmed)->size() == 1);
    OrderFilter others;
    others.buyer = f.other;
    CHECK(list_orders(f.conn, others)->empty());
    auto counts = count_orders_by_status(f.conn);
    REQUIRE(counts->size() == 2);
}
