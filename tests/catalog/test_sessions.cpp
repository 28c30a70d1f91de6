#include "catalog/buyer.hpp"
#include "catalog/cart.hpp"
#include "catalog/session.hpp"
#include "tests/catalog/support.hpp"

using namespace punchout::catalog;
using namespace punchout::catalog::test;

namespace {

constexpr std::int64_t t0 = 1767225600;  // 2026-01-01T00:00:00Z

struct Fixture {
    TempDir dir;
    Database db = Database::open(dir / "s.db");
    Connection conn = db.connect();
    BuyerKey buyer;

    Fixture() {
        Buyer b;
        b.id = "acme";
        b.name = "Acme";
        b.credentials = {{"DUNS", "1"}};
        buyer = add_buyer(conn, b)->key;
    }

    PunchoutSession make(const std::string& start, const std::string& key) {
        PunchoutSession s;
        s.start_key = start;
        s.session_key = key;
        s.csrf_token = "csrf-" + key;
        s.buyer = buyer;
        s.operation = SessionOperation::create;
        s.buyer_cookie = "cookie-1";
        s.return_url = "https://buyer.example/return";
        s.buyer_credential = {"DUNS", "1"};
        s.extrinsics = {{"UserEmail", "pat@acme.example"}, {"CostCenter", "610"}};
        s.created_at = from_unix(t0);
        s.start_expires_at = from_unix(t0 + 300);
        s.expires_at = from_unix(t0 + 8 * 3600);
        auto r = create_session(conn, s);
        REQUIRE(r.ok());
        return *r;
    }

    CartLine line(const std::string& token, const std::string& sku, const char* qty,
                  const char* price) {
        CartLine l;
        l.token = token;
        l.sku = sku;
        l.quantity = *Amount::parse(qty);
        l.unit_price = *Amount::parse(price);
        l.currency = "EUR";
        l.uom = "EA";
        l.description = "Thing " + sku;
        l.added_at = from_unix(t0 + 10);
        return l;
    }
};

}  // namespace

TEST_CASE("a start key opens its session once, within its lifetime") {
    Fixture f;
    auto s = f.make("start-a", "key-a");
    auto first = start_session(f.conn, "start-a", from_unix(t0 + 5));
    REQUIRE(first.ok());
    REQUIRE(first->session);
    CHECK(first->session->id == s.id);
    CHECK(first->session->started_at == from_unix(t0 + 5));
    CHECK(first->session->extrinsics.size() == 2);
    CHECK(first->session->extrinsics[1].second == "610");

    auto second = start_session(f.conn, "start-a", from_unix(t0 + 6));
    REQUIRE(second.ok());
    CHECK_FALSE(second->session);
    CHECK(second->refusal == StartRefusal::already_used);
}

TEST_CASE("a start key used too late, or never issued, is refused with the reason") {
    Fixture f;
    f.make("start-b", "key-b");
    auto late = start_session(f.conn, "start-b", from_unix(t0 + 301));
    REQUIRE(late.ok());
    CHECK_FALSE(late->session);
    CHECK(late->refusal == StartRefusal::expired);

    auto unknown = start_session(f.conn, "never-issued", from_unix(t0));
    REQUIRE(unknown.ok());
    CHECK(unknown->refusal == StartRefusal::unknown);
}

TEST_CASE("sessions are found by their storefront key, never by the buyer cookie") {
    Fixture f;
    auto a = f.make("s1", "k1");
    auto b = f.make("s2", "k2");  // same BuyerCookie as a
    CHECK(find_session(f.conn, "k1")->id == a.id);
    CHECK(find_session(f.conn, "k2")->id == b.id);
    CHECK(find_session(f.conn, "cookie-1").error().code == Errc::not_found);
}

TEST_CASE("cart lines are added in order, changed and removed") {
    Fixture f;
    auto s = f.make("s", "k");
    REQUIRE(add_cart_line(f.conn, s.id, f.line("T1", "P-1", "2", "10.50")).ok());
    REQUIRE(add_cart_line(f.conn, s.id, f.line("T2", "P-2", "1", "3")).ok());
    CHECK(add_cart_line(f.conn, s.id, f.line("T1", "P-3", "1", "1")).error().code ==
          Errc::constraint);
    CHECK(add_cart_line(f.conn, s.id, f.line("T3", "P-3", "0", "1")).error().code == Errc::invalid);

    REQUIRE(update_cart_line(f.conn, s.id, "T1",
                             {*Amount::parse("12"), *Amount::parse("9.75"), "USD",
                              PriceSource::contract_tier, *Amount::parse("40")})
                .ok());
    auto cart = list_cart(f.conn, s.id);
    REQUIRE(cart.ok());
    REQUIRE(cart->size() == 2);
    CHECK((*cart)[0].token == "T1");
    CHECK((*cart)[0].quantity.to_string() == "12");
    CHECK((*cart)[0].unit_price.to_string(2) == "9.75");
    CHECK(to_string((*cart)[0].price_source) == "contract-tier");
    CHECK((*cart)[0].currency == "USD");
    CHECK((*cart)[0].stock_at_add->to_string() == "40");
    CHECK((*cart)[1].position > (*cart)[0].position);

    REQUIRE(remove_cart_line(f.conn, s.id, "T2").ok());
    CHECK(remove_cart_line(f.conn, s.id, "T2").error().code == Errc::not_found);
    CHECK(list_cart(f.conn, s.id)->size() == 1);
}

TEST_CASE("a transfer is recorded with its lines and closes the session") {
    Fixture f;
    auto s = f.make("s", "k");
    CartTransfer t;
    t.session_id = s.id;
    t.buyer = f.buyer;
    t.payload_id = "p1@test";
    t.kind = TransferKind::cart;
    t.operation_allowed = SessionOperation::create;
    t.currency = "EUR";
    t.total = *Amount::parse("21");
    t.document = "<cXML/>";
    t.created_at = from_unix(t0 + 100);
    t.lines.push_back(TransferredLine{"T1", "P-1", *Amount::parse("2"), *Amount::parse("10.5"),
                                      "EUR", Amount::from_units(10000), "EA", "ST", "Thing"});
    REQUIRE(record_transfer(f.conn, t).ok());

    auto closed = find_session(f.conn, s.id);
    CHECK(closed->state == SessionState::transferred);
    CHECK(closed->closed_at == from_unix(t0 + 100));

    auto match = find_transferred_line(f.conn, f.buyer, "T1");
    REQUIRE(match.ok());
    CHECK(match->line.sku == "P-1");
    CHECK(match->line.uom_sent == "ST");
    CHECK(match->operation_allowed == SessionOperation::create);
    CHECK(find_transferred_line(f.conn, f.buyer, "T9").error().code == Errc::not_found);
}

TEST_CASE("the latest transfer of a token wins (an edit round trip re-sends it)") {
    Fixture f;
    for (int round = 0; round < 2; ++round) {
        auto s = f.make("s" + std::to_string(round), "k" + std::to_string(round));
        CartTransfer t;
        t.session_id = s.id;
        t.buyer = f.buyer;
        t.payload_id = "p" + std::to_string(round);
        t.document = "x";
        t.created_at = from_unix(t0 + round);
        t.lines.push_back(TransferredLine{"T1", "P-1", Amount::from_units(10000 * (round + 1)),
                                          *Amount::parse("10"), "EUR", Amount::from_units(10000),
                                          "EA", "EA", "Thing"});
        REQUIRE(record_transfer(f.conn, t).ok());
    }
    CHECK(find_transferred_line(f.conn, f.buyer, "T1")->line.quantity.to_string() == "2");
}

TEST_CASE("expired sessions are purged unless a cart went back from them") {
    Fixture f;
    auto idle = f.make("s1", "k1");
    auto sent = f.make("s2", "k2");
    CartTransfer t;
    t.session_id = sent.id;
    t.buyer = f.buyer;
    t.payload_id = "p";
    t.document = "x";
    t.created_at = from_unix(t0);
    REQUIRE(record_transfer(f.conn, t).ok());
    CHECK(*count_open_sessions(f.conn, from_unix(t0)) == 1);
    auto purged = purge_sessions(f.conn, from_unix(t0 + 9 * 3600));
    REQUIRE(purged.ok());
    CHECK(*purged == 1);
    CHECK(find_session(f.conn, idle.id).error().code == Errc::not_found);
    CHECK(find_session(f.conn, sent.id).ok());
}
