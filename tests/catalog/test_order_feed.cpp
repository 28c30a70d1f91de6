// The order feed: orders received, updated and cancelled in commit order, resumable from a
// cursor, without the supplier's own fulfilment events.
#include "catalog/buyer.hpp"
#include "catalog/order.hpp"
#include "catalog/order_feed.hpp"
#include "tests/catalog/support.hpp"

#include <set>

using namespace punchout::catalog;
using namespace punchout::catalog::test;

namespace {

struct Feed {
    TempDir dir;
    Database db = Database::open(dir / "f.db");
    Connection conn = db.connect();
    BuyerKey buyer;

    Feed() {
        Buyer b;
        b.id = "acme";
        b.name = "Acme";
        b.credentials = {{"DUNS", "1"}};
        buyer = add_buyer(conn, b)->key;
    }
    std::int64_t add(const std::string& id, DeploymentMode mode = DeploymentMode::production) {
        Order o;
        o.buyer = buyer;
        o.order_id = id;
        o.currency = "EUR";
        o.payload_id = "pl-" + id;
        o.document = "<OrderRequest/>";
        o.deployment_mode = mode;
        o.received_at = o.updated_at = from_unix(1767225600);
        OrderLine l;
        l.line_number = 1;
        l.sku = "P-1";
        l.quantity = *Amount::parse("1");
        l.unit_price = *Amount::parse("2.50");
        l.currency = "EUR";
        o.lines.push_back(l);
        o.subtotal = o.total = l.unit_price;
        auto stored = insert_order(conn, o);
        REQUIRE(stored.ok());
        return stored->pk;
    }
};

}  // namespace

TEST_CASE("the feed lists received, updated and cancelled orders in the order they committed",
          "[order_feed]") {
    Feed f;
    const auto a = f.add("PO-A");
    const auto b = f.add("PO-B");
    auto next = *find_order(f.conn, a);
    next.payload_id = "pl-A2";
    REQUIRE(change_order(f.conn, a, OrderChange::update, next).ok());
    // The supplier's own steps are not news to the supplier's systems.
    REQUIRE(add_order_event(f.conn, b, "confirmed", "CNF-1", now()).ok());
    REQUIRE(change_order(f.conn, b, OrderChange::cancel, *find_order(f.conn, b)).ok());

    auto all = order_feed(f.conn, 0, 100);
    REQUIRE(all.ok());
    REQUIRE(all->size() == 4);
    CHECK(((*all)[0].order_pk == a && (*all)[0].kind == OrderFeedKind::received));
    CHECK(((*all)[1].order_pk == b && (*all)[1].kind == OrderFeedKind::received));
    CHECK(((*all)[2].order_pk == a && (*all)[2].kind == OrderFeedKind::updated));
    CHECK(((*all)[3].order_pk == b && (*all)[3].kind == OrderFeedKind::cancelled));
    for (std::size_t i = 1; i < all->size(); ++i)
        CHECK((*all)[i - 1].cursor < (*all)[i].cursor);
    CHECK(to_string((*all)[3].kind) == "cancelled");
}

TEST_CASE("a reader resuming after its last cursor misses nothing and sees nothing twice",
          "[order_feed]") {
    Feed f;
    for (int i = 0; i < 7; ++i)
        f.add("PO-" + std::to_string(i));
    std::vector<std::int64_t> seen;
    std::int64_t cursor = 0;
    bool late = false;
    for (;;) {
        auto page = order_feed(f.conn, cursor, 3);
        REQUIRE(page.ok());
        if (page->empty())
            break;
        CHECK(page->size() <= 3);
        for (const auto& e : *page)
            seen.push_back(e.order_pk);
        cursor = page->back().cursor;
        if (!late) {
            f.add("PO-late");  // arrives while the reader pages
            late = true;
        }
    }
    REQUIRE(seen.size() == 8);
    std::set<std::int64_t> unique(seen.begin(), seen.end());
    CHECK(unique.size() == 8);
}

TEST_CASE("the feed keeps to one deployment mode when asked", "[order_feed]") {
    Feed f;
    const auto prod = f.add("PO-1");
    const auto test = f.add("PO-1", DeploymentMode::test);
    auto only_test = order_feed(f.conn, 0, 10, DeploymentMode::test);
    REQUIRE(only_test.ok());
    REQUIRE(only_test->size() == 1);
    CHECK(only_test->front().order_pk == test);
    auto only_prod = order_feed(f.conn, 0, 10, DeploymentMode::production);
    REQUIRE(only_prod->size() == 1);
    CHECK(only_prod->front().order_pk == prod);
    CHECK(order_feed(f.conn, 0, 10)->size() == 2);
}
