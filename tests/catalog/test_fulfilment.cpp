#include "catalog/buyer.hpp"
#include "catalog/credit_memo.hpp"
#include "catalog/fulfilment.hpp"
#include "catalog/order.hpp"
#include "tests/catalog/support.hpp"

using namespace punchout::catalog;
using namespace punchout::catalog::test;

namespace {

constexpr std::int64_t t0 = 1767225600;

Amount a(const char* text) {
    return *Amount::parse(text);
}

// An order of 10 x P-1 at 2.50 and 4 x P-2 at 12.345 per 1, EUR.
struct Fixture {
    TempDir dir;
    Database db = Database::open(dir / "f.db");
    Connection conn = db.connect();
    BuyerKey buyer;
    std::int64_t pk = 0;

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
        o.payload_id = "p-1";
        o.document = "<OrderRequest/>";
        o.received_at = o.updated_at = from_unix(t0);
        o.lines = {line(1, "10", "2.50"), line(2, "4", "12.345")};
        o.subtotal = o.total = a("74.38");
        pk = insert_order(conn, o)->pk;
    }
    static OrderLine line(int n, const char* qty, const char* price) {
        OrderLine l;
        l.line_number = n;
        l.sku = "P-" + std::to_string(n);
        l.quantity = a(qty);
        l.unit_price = a(price);
        l.currency = "EUR";
        l.uom = "EA";
        return l;
    }
    Order order() { return *find_order(conn, pk); }
    std::string status() { return std::string(to_string(order().status)); }
    Fulfilment progress() { return *load_fulfilment(conn, order()); }
    Result<Confirmation> confirm(std::vector<LineDecision> d, LineStatus rest = LineStatus::accept,
                                 std::string date = {}) {
        auto plan = plan_confirmation(order(), d, rest, date);
        if (!plan)
            return plan.error();
        return record_confirmation(conn, pk, *plan, from_unix(t0 + 60));
    }
    Result<Shipment> ship(std::vector<ShippedLine> lines) {
        NewShipment s;
        s.carrier = "DHL";
        s.tracking = "JD0001";
        s.lines = std::move(lines);
        return record_shipment(conn, pk, s, from_unix(t0 + 120));
    }
    Result<Invoice> invoice(const char* rate = "24", const char* shipping = "0") {
        NewInvoice n;
        n.tax_rate = a(rate);
        n.shipping = a(shipping);
        return record_invoice(conn, pk, n, from_unix(t0 + 180));
    }
};

}  // namespace

TEST_CASE("a confirmation plan fills in what the admin did not say") {
    Fixture f;
    auto all = plan_confirmation(f.order(), {}, LineStatus::accept, "");
    REQUIRE(all.ok());
    REQUIRE(all->parts.size() == 2);
    CHECK(all->parts[0].quantity == a("10"));
    CHECK(all->parts[1].quantity == a("4"));

    // Line 1: 6 accepted, the rest back-ordered; line 2 gets the order-wide status.
    auto split = plan_confirmation(f.order(),
                                   {{1, a("6"), LineStatus::accept, ""},
                                    {1, std::nullopt, LineStatus::backordered, "2026-02-01"}},
                                   LineStatus::reject, "");
    REQUIRE(split.ok());
    REQUIRE(split->parts.size() == 3);
    CHECK(split->parts[0].quantity == a("6"));
    CHECK(split->parts[1].quantity == a("4"));
    CHECK(split->parts[1].status == LineStatus::backordered);
    CHECK(split->parts[1].delivery_date == "2026-02-01");
    CHECK(split->parts[2].line_number == 2);
    CHECK(split->parts[2].status == LineStatus::reject);
}

TEST_CASE("a confirmation plan refuses quantities that do not add up, naming the line") {
    Fixture f;
    auto short_ =
        plan_confirmation(f.order(), {{1, a("6"), LineStatus::accept, ""}}, LineStatus::accept, "");
    REQUIRE_FALSE(short_.ok());
    CHECK(short_.error().message ==
          "line 1: 6 of 10 have a status; say what happens to the other 4 (another --line 1 "
          "--qty 4 --status ...)");
    auto over =
        plan_confirmation(f.order(), {{2, a("5"), LineStatus::accept, ""}}, LineStatus::accept, "");
    REQUIRE_FALSE(over.ok());
    CHECK(over.error().message.find("line 2: the quantities given add up to 5, but only 4") == 0);
    auto unknown = plan_confirmation(f.order(), {{9, std::nullopt, LineStatus::accept, ""}},
                                     LineStatus::accept, "");
    REQUIRE_FALSE(unknown.ok());
    CHECK(unknown.error().message == "line 9: order PO-1 has no such line");
    auto nothing_left = plan_confirmation(
        f.order(), {{2, a("4"), LineStatus::accept, ""}, {2, std::nullopt, LineStatus::reject, ""}},
        LineStatus::accept, "");
    REQUIRE_FALSE(nothing_left.ok());
}

TEST_CASE("confirming sets the status, the type and an event") {
    Fixture f;
    auto c = f.confirm({});
    REQUIRE(c.ok());
    CHECK(to_string(c->type) == "accept");
    CHECK(c->confirm_id == "CNF-000001");
    CHECK(f.status() == "confirmed");
    auto events = *order_events(f.conn, f.pk);
    CHECK(events.back().kind == "confirmed");
    CHECK(events.back().detail ==
          "CNF-000001 (accept): 2 line(s) accepted, 0 back-ordered, 0 rejected");

    // A new confirmation replaces it: part back-ordered.
    auto again = f.confirm({{2, a("1"), LineStatus::backordered, "2026-03-01"},
                            {2, std::nullopt, LineStatus::accept, ""}});
    REQUIRE(again.ok());
    CHECK(to_string(again->type) == "allDetail");
    CHECK(again->confirm_id == "CNF-000002");
    CHECK(f.status() == "backordered");
    auto p = f.progress();
    REQUIRE(p.confirmation);
    CHECK(p.confirmation->confirm_id == "CNF-000002");
    CHECK(p.lines[1].accepted == a("3"));
    CHECK(p.lines[1].backordered == a("1"));
}

TEST_CASE("a delivery date alone makes the confirmation detailed") {
    Fixture f;
    auto c = f.confirm({}, LineStatus::accept, "2026-02-10");
    REQUIRE(c.ok());
    CHECK(to_string(c->type) == "allDetail");
    auto bad = f.confirm({}, LineStatus::accept, "10.2.2026");
    REQUIRE_FALSE(bad.ok());
    CHECK(bad.error().message.find("is not a date (YYYY-MM-DD)") != std::string::npos);
}

TEST_CASE("a rejected order is final") {
    Fixture f;
    auto c = f.confirm({}, LineStatus::reject);
    REQUIRE(c.ok());
    CHECK(to_string(c->type) == "reject");
    CHECK(f.status() == "rejected");
    auto again = f.confirm({});
    REQUIRE_FALSE(again.ok());
    CHECK(again.error().message == "order PO-1 is rejected; it can no longer be confirmed");
    auto ship = f.ship({});
    REQUIRE_FALSE(ship.ok());
    CHECK(ship.error().message == "order PO-1 is rejected; there is nothing to ship");
}

TEST_CASE("shipping needs a confirmation and never ships more than confirmed") {
    Fixture f;
    auto early = f.ship({});
    REQUIRE_FALSE(early.ok());
    CHECK(early.error().message.find("is not confirmed yet") != std::string::npos);

    // Line 2: 3 accepted, 1 rejected: 3 may ship.
    REQUIRE(
        f.confirm({{2, a("3"), LineStatus::accept, ""}, {2, a("1"), LineStatus::reject, ""}}).ok());
    auto over = f.ship({{2, a("4")}});
    REQUIRE_FALSE(over.ok());
    CHECK(over.error().message ==
          "line 2: 4 to ship, but only 3 are confirmed and not yet shipped");

    auto part = f.ship({{1, a("4")}});
    REQUIRE(part.ok());
    CHECK(part->shipment_id == "SHP-000001");
    CHECK(f.status() == "partially-shipped");

    auto rest = f.ship({});  // everything left: 6 of line 1, 3 of line 2
    REQUIRE(rest.ok());
    REQUIRE(rest->lines.size() == 2);
    CHECK(rest->lines[0].quantity == a("6"));
    CHECK(rest->lines[1].quantity == a("3"));
    CHECK(f.status() == "shipped");

    auto more = f.ship({});
    REQUIRE_FALSE(more.ok());
    CHECK(more.error().message == "order PO-1 is shipped; there is nothing to ship");
}

TEST_CASE("a re-confirmation cannot reject what has shipped") {
    Fixture f;
    REQUIRE(f.confirm({}).ok());
    REQUIRE(f.ship({{1, a("8")}}).ok());
    auto r = f.confirm({{1, a("3"), LineStatus::accept, ""}, {1, a("7"), LineStatus::reject, ""}});
    REQUIRE_FALSE(r.ok());
    CHECK(r.error().message == "line 1: 8 have shipped already; at most 2 can be rejected");
    // Rejecting exactly the rest completes the order.
    REQUIRE(f.confirm({{1, a("8"), LineStatus::accept, ""},
                       {1, a("2"), LineStatus::reject, ""},
                       {2, std::nullopt, LineStatus::reject, ""}})
                .ok());
    CHECK(f.status() == "shipped");
}

TEST_CASE("invoices bill shipped quantities, with exact sums") {
    Fixture f;
    REQUIRE(f.confirm({}).ok());
    auto early = f.invoice();
    REQUIRE_FALSE(early.ok());
    CHECK(early.error().message.find("only shipped quantities are invoiced") != std::string::npos);

    REQUIRE(f.ship({{2, a("3")}}).ok());
    auto first = f.invoice("24", "5.00");
    REQUIRE(first.ok());
    CHECK(first->invoice_number == "INV-000001");
    REQUIRE(first->lines.size() == 1);
    CHECK(first->lines[0].quantity == a("3"));
    CHECK(first->lines[0].amount == a("37.04"));  // 3 x 12.345 = 37.035
    CHECK(first->subtotal == a("37.04"));
    CHECK(first->tax == a("10.09"));  // 42.04 x 24% = 10.0896
    CHECK(first->gross == a("52.13"));
    CHECK(first->due == a("52.13"));
    CHECK(f.status() == "partially-shipped");

    auto nothing = f.invoice();
    REQUIRE_FALSE(nothing.ok());
    CHECK(nothing.error().message == "order PO-1 has no shipped quantity left to invoice");

    REQUIRE(f.ship({}).ok());
    CHECK(f.status() == "shipped");
    auto second = f.invoice("24");
    REQUIRE(second.ok());
    REQUIRE(second->lines.size() == 2);
    CHECK(second->lines[0].line_number == 1);
    CHECK(second->lines[0].amount == a("25.00"));
    CHECK(second->lines[1].quantity == a("1"));
    CHECK(second->lines[1].invoice_line_number == 2);
    CHECK(f.status() == "invoiced");
    auto third = f.invoice();
    REQUIRE_FALSE(third.ok());
    CHECK(third.error().message == "order PO-1 is invoiced in full already");

    auto p = f.progress();
    REQUIRE(p.invoices.size() == 2);
    CHECK(p.invoices[0].due_date() == from_unix(t0 + 180) + std::chrono::days(30));
    CHECK(p.lines[0].invoiced == a("10"));
    CHECK(p.lines[1].invoiced == a("4"));
}

TEST_CASE("tax in line is rounded per line and summed, and the invoice keeps what it needs") {
    Fixture f;
    REQUIRE(f.confirm({}).ok());
    REQUIRE(f.ship({}).ok());
    NewInvoice n;
    n.tax_rate = a("24");
    n.shipping = a("5.00");
    n.tax_in_line = true;
    auto inv = record_invoice(f.conn, f.pk, n, from_unix(t0 + 180));
    REQUIRE(inv.ok());
    REQUIRE(inv->lines.size() == 2);
    CHECK(inv->lines[0].tax == a("6.00"));   // 25.00 x 24%
    CHECK(inv->lines[1].tax == a("11.85"));  // 49.38 x 24% = 11.8512
    // + shipping 5.00 x 24% = 1.20; on the total it would be 79.38 x 24% = 19.0512 -> 19.05.
    CHECK(inv->tax == a("19.05"));
    CHECK(inv->gross == a("98.43"));
    const auto stored = f.progress().invoices.at(0);
    CHECK(stored.tax_in_line);
    CHECK(stored.lines[1].tax == a("11.85"));
    CHECK(stored.kind == InvoiceKind::standard);
}

TEST_CASE("credit memos never credit more than was invoiced, naming the line") {
    Fixture f;
    REQUIRE(f.confirm({}).ok());
    REQUIRE(f.ship({}).ok());
    auto inv = f.invoice("24");
    REQUIRE(inv.ok());
    const auto at = from_unix(t0 + 240);

    NewCreditMemo unknown;
    unknown.invoice_number = "INV-999";
    auto u = record_credit_memo(f.conn, f.pk, unknown, at);
    REQUIRE_FALSE(u.ok());
    CHECK(u.error().code == Errc::not_found);

    NewCreditMemo lines;
    lines.invoice_number = inv->invoice_number;
    lines.lines = {{1, a("4")}};
    lines.reason = "damaged";
    auto first = record_credit_memo(f.conn, f.pk, lines, at);
    REQUIRE(first.ok());
    CHECK(first->invoice_number == "CM-000002");
    CHECK(first->kind == InvoiceKind::line_level_credit_memo);
    CHECK(first->credits_invoice_number == inv->invoice_number);
    CHECK(first->subtotal == a("10.00"));
    CHECK(first->tax == a("2.40"));
    CHECK(first->gross == a("12.40"));

    lines.lines = {{1, a("7")}};
    auto too_much = record_credit_memo(f.conn, f.pk, lines, at);
    REQUIRE_FALSE(too_much.ok());
    CHECK(too_much.error().message ==
          "line 1: a credit of 7 exceeds the 6 left to credit on INV-000001 (10 invoiced, 4 "
          "credited)");
    lines.lines = {{3, a("1")}};
    CHECK(record_credit_memo(f.conn, f.pk, lines, at).error().message ==
          "line 3 is not on INV-000001");

    NewCreditMemo amount;
    amount.invoice_number = inv->invoice_number;
    amount.amount = a("1000");
    auto over = record_credit_memo(f.conn, f.pk, amount, at);
    REQUIRE_FALSE(over.ok());
    CHECK(over.error().message.find("exceeds the") != std::string::npos);
    amount.amount = a("0.005");
    CHECK(record_credit_memo(f.conn, f.pk, amount, at).error().message ==
          "amount 0.005 has more decimals than EUR has (2)");
    amount.amount = a("10");
    auto header = record_credit_memo(f.conn, f.pk, amount, at);
    REQUIRE(header.ok());
    CHECK(header->kind == InvoiceKind::credit_memo);
    CHECK(header->gross == a("12.40"));

    NewCreditMemo whole;
    whole.invoice_number = inv->invoice_number;
    CHECK_FALSE(record_credit_memo(f.conn, f.pk, whole, at).ok());  // partly credited already

    // The refusals stored nothing; credits do not change what is invoiced or the status.
    const auto p = f.progress();
    CHECK(p.invoices.size() == 3);
    CHECK(p.lines[0].invoiced == a("10"));
    CHECK(f.status() == "invoiced");

    auto cancel = cancel_invoice(f.conn, f.pk, inv->invoice_number, at);
    REQUIRE_FALSE(cancel.ok());
    CHECK(cancel.error().message ==
          "INV-000001 has credit memo CM-000002 against it; an invoice with credits is not "
          "cancelled (credit the rest instead)");
}

TEST_CASE("a cancelled invoice frees its quantities and is cancelled once") {
    Fixture f;
    REQUIRE(f.confirm({}).ok());
    REQUIRE(f.ship({}).ok());
    auto inv = f.invoice("24");
    REQUIRE(inv.ok());
    CHECK(f.status() == "invoiced");
    const auto at = from_unix(t0 + 240);
    auto c = cancel_invoice(f.conn, f.pk, inv->invoice_number, at);
    REQUIRE(c.ok());
    CHECK(c->cancelled_at == at);
    CHECK(f.status() == "shipped");
    CHECK(f.progress().lines[0].invoiced.is_zero());
    auto again = cancel_invoice(f.conn, f.pk, inv->invoice_number, at);
    REQUIRE_FALSE(again.ok());
    CHECK(again.error().message == "INV-000001 is cancelled already");
    NewCreditMemo credit;
    credit.invoice_number = inv->invoice_number;
    CHECK(record_credit_memo(f.conn, f.pk, credit, at).error().message ==
          "INV-000001 is cancelled; there is nothing to credit");
    auto anew = f.invoice("24");
    REQUIRE(anew.ok());
    CHECK(anew->lines.size() == 2);
    CHECK(f.status() == "invoiced");
}

TEST_CASE("identifiers given by the admin are unique") {
    Fixture f;
    auto plan = *plan_confirmation(f.order(), {}, LineStatus::accept, "");
    plan.confirm_id = "OC-7";
    REQUIRE(record_confirmation(f.conn, f.pk, plan, from_unix(t0)).ok());
    auto dup = record_confirmation(f.conn, f.pk, plan, from_unix(t0));
    REQUIRE_FALSE(dup.ok());
    CHECK(dup.error().code == Errc::constraint);
    CHECK(dup.error().message == "confirmID 'OC-7' is taken");
    // Nothing of the refused confirmation stayed.
    CHECK(query_int(f.conn, "SELECT count(*) FROM order_confirmation") == 1);
}

TEST_CASE("a buyer's order update starts the confirmation over") {
    Fixture f;
    REQUIRE(f.confirm({}).ok());
    CHECK(f.status() == "confirmed");
    Order next = f.order();
    next.order_version = "2";
    next.payload_id = "p-2";
    next.status = OrderStatus::received;
    next.updated_at = from_unix(t0 + 300);
    REQUIRE(change_order(f.conn, f.pk, OrderChange::update, next).ok());
    auto p = f.progress();
    CHECK_FALSE(p.confirmation);
    CHECK(to_string(derive_order_status(p)) == "received");
}
