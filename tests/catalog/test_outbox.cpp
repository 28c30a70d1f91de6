#include "catalog/buyer.hpp"
#include "catalog/order.hpp"
#include "catalog/outbox.hpp"
#include "tests/catalog/support.hpp"

using namespace punchout::catalog;
using namespace punchout::catalog::test;
using namespace std::chrono_literals;

namespace {

constexpr std::int64_t t0 = 1767225600;

Timestamp at(std::int64_t seconds) {
    return from_unix(t0 + seconds);
}

struct Fixture {
    TempDir dir;
    Database db = Database::open(dir / "o.db");
    Connection conn = db.connect();
    BuyerKey buyer;
    std::int64_t order_pk = 0;

    Fixture() {
        Buyer b;
        b.id = "acme";
        b.name = "Acme";
        b.credentials = {{"DUNS", "1"}};
        buyer = add_buyer(conn, b)->key;
        Order o;
        o.buyer = buyer;
        o.order_id = "PO-1";
        o.currency = "EUR";
        o.payload_id = "order-1";
        o.document = "<x/>";
        o.received_at = o.updated_at = at(0);
        order_pk = insert_order(conn, o)->pk;
    }
    OutboxEntry queue(const std::string& payload, Timestamp when = at(0),
                      std::string origin = "admin") {
        NewOutboxDocument d;
        d.buyer = buyer;
        d.order_pk = order_pk;
        d.document_type = "ConfirmationRequest";
        d.payload_id = payload;
        d.target_url = "https://buyer.example/cxml";
        d.body = "<cXML payloadID=\"" + payload + "\"/>";
        d.origin = std::move(origin);
        return *enqueue_document(conn, d, when);
    }
};

AttemptOutcome outcome(OutboxStatus s, std::string error = {}, Timestamp next = Timestamp{}) {
    AttemptOutcome o;
    o.status = s;
    o.error = std::move(error);
    o.next_attempt_at = next;
    return o;
}

}  // namespace

TEST_CASE("a queued document is due at once and its payloadID is unique") {
    Fixture f;
    auto e = f.queue("p-1");
    CHECK(e.status == OutboxStatus::pending);
    CHECK(e.attempts == 0);
    CHECK(e.next_attempt_at == at(0));
    NewOutboxDocument dup;
    dup.buyer = f.buyer;
    dup.document_type = "ConfirmationRequest";
    dup.payload_id = "p-1";
    dup.target_url = "https://x/";
    dup.body = "<x/>";
    auto r = enqueue_document(f.conn, dup, at(0));
    REQUIRE_FALSE(r.ok());
    CHECK(r.error().code == Errc::constraint);
    dup.payload_id = "p-2";
    dup.target_url = "";
    CHECK(enqueue_document(f.conn, dup, at(0)).error().code == Errc::invalid);
}

TEST_CASE("leases take due documents once, count an attempt, and exclude other senders") {
    Fixture f;
    f.queue("p-1", at(0));
    f.queue("p-2", at(0));
    f.queue("later", at(100));
    auto first = lease_due_documents(f.conn, "pid:1:a", at(10), 60s, 1);
    REQUIRE(first.ok());
    REQUIRE(first->size() == 1);
    CHECK((*first)[0].payload_id == "p-1");
    CHECK((*first)[0].attempts == 1);
    CHECK((*first)[0].body == "<cXML payloadID=\"p-1\"/>");
    CHECK((*first)[0].lease_until == at(70));

    auto second = lease_due_documents(f.conn, "pid:2:b", at(10), 60s, 10);
    REQUIRE(second->size() == 1);
    CHECK((*second)[0].payload_id == "p-2");
    CHECK(lease_due_documents(f.conn, "pid:2:b", at(20), 60s, 10)->empty());

    // An expired lease (its sender died) makes the document due again.
    auto after = lease_due_documents(f.conn, "pid:3:c", at(71), 60s, 10);
    REQUIRE(after->size() == 2);  // p-1 and p-2: their leases ran out; "later" is not due
    for (const auto& e : *after) {
        if (e.payload_id == "p-1")
            CHECK(e.attempts == 2);
    }
}

TEST_CASE("only the lease holder records an outcome") {
    Fixture f;
    auto e = f.queue("p-1");
    REQUIRE(lease_due_documents(f.conn, "pid:1:a", at(1), 60s, 5)->size() == 1);
    auto stranger =
        record_attempt(f.conn, e.id, "pid:2:b", outcome(OutboxStatus::delivered), at(2));
    REQUIRE(stranger.ok());
    CHECK_FALSE(*stranger);
    CHECK(find_outbox_document(f.conn, e.id)->status == OutboxStatus::pending);

    auto mine = record_attempt(f.conn, e.id, "pid:1:a", outcome(OutboxStatus::delivered), at(3));
    REQUIRE(mine.ok());
    CHECK(*mine);
    auto done = *find_outbox_document(f.conn, e.id);
    CHECK(done.status == OutboxStatus::delivered);
    CHECK(done.delivered_at == at(3));
    CHECK_FALSE(done.lease_until);
    auto events = *order_events(f.conn, f.order_pk);
    CHECK(events.back().kind == "document-delivered");
    CHECK(events.back().detail ==
          "ConfirmationRequest p-1 to https://buyer.example/cxml (attempt 1)");
}

TEST_CASE("a transient failure waits for its next attempt; a refusal is kept as failed") {
    Fixture f;
    auto e = f.queue("p-1");
    auto g = f.queue("p-2");
    REQUIRE(lease_due_documents(f.conn, "pid:1:a", at(1), 60s, 5).ok());
    auto retry = outcome(OutboxStatus::pending, "HTTP 500 (text/html): down", at(40));
    retry.http_status = 500;
    REQUIRE(*record_attempt(f.conn, e.id, "pid:1:a", retry, at(2)));
    auto refused = outcome(OutboxStatus::failed, "refused by the buyer: cXML 400 Bad Request");
    refused.http_status = 200;
    refused.cxml_status = 400;
    REQUIRE(*record_attempt(f.conn, g.id, "pid:1:a", refused, at(2)));

    auto waiting = *find_outbox_document(f.conn, e.id);
    CHECK(waiting.status == OutboxStatus::pending);
    CHECK(waiting.next_attempt_at == at(40));
    CHECK(waiting.last_http_status == 500);
    CHECK(waiting.last_error == "HTTP 500 (text/html): down");
    CHECK(next_outbox_wakeup(f.conn)->value() == at(40));
    CHECK(lease_due_documents(f.conn, "pid:1:a", at(39), 60s, 5)->empty());
    CHECK(lease_due_documents(f.conn, "pid:1:a", at(40), 60s, 5)->size() == 1);

    auto failed = *find_outbox_document(f.conn, g.id);
    CHECK(failed.status == OutboxStatus::failed);
    CHECK(failed.last_cxml_status == 400);
    CHECK(order_events(f.conn, f.order_pk)->back().kind == "document-failed");

    OutboxFilter only_failed;
    only_failed.status = OutboxStatus::failed;
    auto list = *list_outbox(f.conn, only_failed);
    REQUIRE(list.size() == 1);
    CHECK(list[0].payload_id == "p-2");
    CHECK(list[0].body.empty());
    auto counts = *count_outbox_by_status(f.conn);
    CHECK(counts == std::vector<std::pair<std::string, std::int64_t>>{
                        {"pending", 1}, {"delivered", 0}, {"failed", 1}});
}

TEST_CASE("a stopping sender gives its leases back") {
    Fixture f;
    f.queue("p-1");
    f.queue("p-2");
    REQUIRE(lease_due_documents(f.conn, "pid:1:a", at(1), 600s, 5)->size() == 2);
    CHECK(*outbox_lease_owners(f.conn) == std::vector<std::string>{"pid:1:a"});
    CHECK(next_outbox_wakeup(f.conn)->value() == at(601));
    CHECK(*release_leases(f.conn, "pid:1:a", at(5)) == 2);
    CHECK(outbox_lease_owners(f.conn)->empty());
    auto again = *lease_due_documents(f.conn, "pid:2:b", at(5), 600s, 5);
    REQUIRE(again.size() == 2);
    CHECK(again[0].attempts == 2);  // the given-back attempt still counts
}

TEST_CASE("retry requeues a failed document to today's URL, not a delivered one") {
    Fixture f;
    auto e = f.queue("p-1");
    REQUIRE(lease_due_documents(f.conn, "pid:1:a", at(1), 60s, 5).ok());
    REQUIRE(
        *record_attempt(f.conn, e.id, "pid:1:a", outcome(OutboxStatus::failed, "gave up"), at(2)));
    auto r = retry_outbox_document(f.conn, e.id, "https://new.example/cxml", at(10));
    REQUIRE(r.ok());
    CHECK(r->status == OutboxStatus::pending);
    CHECK(r->attempts == 0);
    CHECK(r->next_attempt_at == at(10));
    CHECK(r->target_url == "https://new.example/cxml");
    CHECK(r->payload_id == "p-1");
    CHECK(order_events(f.conn, f.order_pk)->back().kind == "document-retry");

    // While it is being sent, and once delivered, there is nothing to retry.
    REQUIRE(lease_due_documents(f.conn, "pid:1:a", at(11), 60s, 5).ok());
    auto busy = retry_outbox_document(f.conn, e.id, "https://new.example/cxml", at(12));
    REQUIRE_FALSE(busy.ok());
    CHECK(busy.error().message.find("is being sent right now") != std::string::npos);
    REQUIRE(*record_attempt(f.conn, e.id, "pid:1:a", outcome(OutboxStatus::delivered), at(13)));
    auto done = retry_outbox_document(f.conn, e.id, "https://new.example/cxml", at(14));
    REQUIRE_FALSE(done.ok());
    CHECK(done.error().message.find("was delivered already") != std::string::npos);
    CHECK(retry_outbox_document(f.conn, 999, "https://x/", at(14)).error().code == Errc::not_found);
}

TEST_CASE("listing filters by order and origin") {
    Fixture f;
    f.queue("p-1");
    f.queue("p-2", at(0), "status-request");
    OutboxFilter filter;
    filter.order_pk = f.order_pk;
    filter.origin = "status-request";
    auto list = *list_outbox(f.conn, filter);
    REQUIRE(list.size() == 1);
    CHECK(list[0].payload_id == "p-2");
    CHECK(list[0].origin == "status-request");
    filter.origin.clear();
    filter.with_body = true;
    auto all = *list_outbox(f.conn, filter);
    REQUIRE(all.size() == 2);
    CHECK(all[0].payload_id == "p-2");  // newest first
    CHECK_FALSE(all[0].body.empty());
}
