// The fault-injection sweep, in the manner of SQLite's own tests: for each write path, fail
// the 1st SQLite step, then the 2nd, ... until the path runs through without reaching the
// fault, with each of I/O error, busy, out of memory and disk full. For every N:
// - nothing is answered 2xx that is not on disk;
// - our own failure is never a 4xx: only 500 or 560 (HTTP 500 or 503), both retryable;
// - nothing is half-stored;
// - the next request, without the fault, succeeds.
#include "catalog/api_client.hpp"
#include "catalog/cart.hpp"
#include "catalog/catalog_import.hpp"
#include "catalog/credit_memo.hpp"
#include "catalog/fulfilment.hpp"
#include "catalog/inventory.hpp"
#include "catalog/outbox.hpp"
#include "catalog/price_batch.hpp"
#include "catalog/price_import.hpp"
#include "catalog/product_batch.hpp"
#include "catalog/session.hpp"
#include "gateway/service/idempotent_write.hpp"
#include "gateway/service/order_actions.hpp"
#include "gateway/service/stock_updates.hpp"
#include "gateway/storefront/storefront.hpp"
#include "tests/gateway/support/endpoint.hpp"

#include <functional>
#include <iostream>
#include <sstream>

using namespace punchout;
using namespace punchout::gateway;
using catalog::testing::Fault;
using gateway::test::Endpoint;
using gateway::test::Line;

namespace {

constexpr Fault faults[] = {Fault::io_error, Fault::busy, Fault::no_memory, Fault::full};
// No path here takes nearly this many steps; reaching it means the sweep never ends.
constexpr std::uint64_t step_limit = 3000;

// Runs `attempt(n)` with the nth step failing, for n = 1, 2, ... until an attempt no longer
// reaches its nth step. `attempt` checks its own invariants and the clean retry.
// Prints how many steps were swept, so a path that stops reaching the store shows.
std::uint64_t sweep(const std::string& path, Fault fault,
                    const std::function<void(std::uint64_t n, bool& fired)>& attempt) {
    std::uint64_t n = 1;
    for (;; ++n) {
        bool fired = false;
        attempt(n, fired);
        if (!fired)
            break;
        REQUIRE(n < step_limit);
    }
    std::cout << "fault sweep: " << path << ", " << catalog::testing::to_string(fault) << ": "
              << n - 1 << " steps failed in turn\n";
    CHECK(n - 1 >= 3);
    return n - 1;
}

// Arms the fault for one call and reports whether it fired.
template <class F>
auto with_fault(Fault fault, std::uint64_t n, bool& fired, F&& f) {
    catalog::testing::ScopedFault armed({fault, n, {}});
    auto result = f();
    fired = catalog::testing::fault_fired();
    return result;
}

void expect_retryable(const gateway::test::Answer& a) {
    INFO(a.body);
    CHECK((a.http == http::status::internal_server_error ||
           a.http == http::status::service_unavailable));
    CHECK((a.code == 500 || a.code == 560));
}

// An API client of the store with one scope.
catalog::ApiClientKey add_client(gateway::test::TestStore& store, const std::string& id,
                                 const std::string& scope) {
    auto conn = store.connect();
    auto added = catalog::add_api_client(conn, {id, *catalog::ApiScopes::parse(scope), 100},
                                         {id + "-token-id-000000000", "secret-part-0000000000"});
    REQUIRE(added);
    return added->key;
}

// A catalog batch under an Idempotency-Key, answered with one of its counts. Every row is
// good: a refused row would be the test's mistake, not the fault's.
template <class Apply, class Count>
auto batch_once(catalog::Connection& conn, const IdempotentRequest& request, Apply&& apply,
                Count&& count) {
    return write_once(conn, request, catalog::Durability::normal,
                      [&]() -> catalog::Result<WriteAnswer> {
                          auto r = apply();
                          if (!r)
                              return r.error();
                          REQUIRE(r->problems.empty());
                          return WriteAnswer{200, std::to_string(count(*r))};
                      });
}

const std::vector<Line> two_lines{{"VALVE-20", "2", "11.00"}, {"PUMP-100", "1", "240.00"}};

}  // namespace

TEST_CASE("fault sweep: punchout setup", "[fault][sweep]") {
    gateway::test::require_fault_injection();
    Endpoint e;
    for (auto fault : faults) {
        INFO(catalog::testing::to_string(fault));
        const auto steps = sweep("setup", fault, [&](std::uint64_t n, bool& fired) {
            INFO("step " << n);
            const auto before_sessions = e.store.count("SELECT count(*) FROM punchout_session");
            const auto before_lines = e.store.count("SELECT count(*) FROM cart_line");
            const auto doc = gateway::test::setup_request(
                "setup-" + std::to_string(n), "edit",
                {{"VALVE-20", "2", "11.00"}, {"FOREIGN", "1", "3.00"}});
            auto a = with_fault(fault, n, fired, [&] { return e.post(doc); });
            const auto sessions = e.store.count("SELECT count(*) FROM punchout_session");
            const auto lines = e.store.count("SELECT count(*) FROM cart_line");
            if (a.code == 200) {
                CHECK(sessions == before_sessions + 1);
                CHECK(lines == before_lines + 2);
            } else {
                expect_retryable(a);
                CHECK(sessions == before_sessions);
                CHECK(lines == before_lines);
            }
            CHECK(e.post(doc).code == 200);
        });
        CHECK(steps > 5);
    }
}

TEST_CASE("fault sweep: OrderRequest new, update and delete", "[fault][sweep]") {
    gateway::test::require_fault_injection();
    Endpoint e;
    for (auto fault : faults) {
        INFO(catalog::testing::to_string(fault));
        const std::string f = catalog::testing::to_string(fault);

        // new: on disk with both lines and its replay record, or not there at all.
        sweep("order new", fault, [&](std::uint64_t n, bool& fired) {
            INFO("new, step " << n);
            const std::string id = "N-" + f + "-" + std::to_string(n);
            const auto doc = gateway::test::order_request("pid-" + id, id, two_lines, "262.00");
            auto a = with_fault(fault, n, fired, [&] { return e.post(doc); });
            const auto orders =
                e.store.count("SELECT count(*) FROM purchase_order WHERE order_id = '" + id + "'");
            const auto lines = e.store.count(
                "SELECT count(*) FROM order_line l JOIN purchase_order o ON o.id = l.order_pk"
                " WHERE o.order_id = '" +
                id + "'");
            const auto recorded = e.store.count(
                "SELECT count(*) FROM inbound_document WHERE payload_id = 'pid-" + id + "'");
            if (a.code == 200) {
                CHECK(orders == 1);
                CHECK(lines == 2);
                CHECK(recorded == 1);
            } else {
                expect_retryable(a);
                CHECK(orders == 0);
                CHECK(lines == 0);
                CHECK(recorded == 0);
            }
            CHECK(e.post(doc).code == 200);
            CHECK(e.store.count("SELECT count(*) FROM purchase_order WHERE order_id = '" + id +
                                "'") == 1);
        });

        // with attachments (multipart/related): the order, its lines and its files
        // together, or none of them.
        sweep("order with attachments", fault, [&](std::uint64_t n, bool& fired) {
            INFO("attachments, step " << n);
            const std::string id = "A-" + f + "-" + std::to_string(n);
            auto xml = gateway::test::order_request("pid-" + id, id, two_lines, "262.00");
            xml.insert(xml.find("</OrderRequestHeader>"),
                       "<Comments>Drawing<Attachment><URL>cid:drawing@buyer</URL></Attachment>"
                       "</Comments>");
            const std::string body =
                "--b\r\nContent-Type: text/xml; charset=UTF-8\r\nContent-ID: <root@buyer>\r\n\r\n" +
                xml +
                "\r\n--b\r\nContent-Type: application/pdf\r\nContent-ID: <drawing@buyer>\r\n"
                "Content-Transfer-Encoding: base64\r\n\r\nJVBERi0xLjQKJeLjz9MK\r\n--b--\r\n";
            const std::string type =
                "multipart/related; boundary=b; type=\"text/xml\"; start=\"<root@buyer>\"";
            auto a = with_fault(fault, n, fired, [&] { return e.post(body, type); });
            const std::string of_order = " o ON o.id = x.order_pk WHERE o.order_id = '" + id + "'";
            const auto lines =
                e.store.count("SELECT count(*) FROM order_line x JOIN purchase_order" + of_order);
            const auto files = e.store.count(
                "SELECT count(*) FROM order_attachment x JOIN purchase_order" + of_order);
            if (a.code == 200) {
                CHECK(lines == 2);
                CHECK(files == 1);
            } else {
                expect_retryable(a);
                CHECK(lines == 0);
                CHECK(files == 0);
            }
            CHECK(e.post(body, type).code == 200);
            CHECK(e.store.count("SELECT count(*) FROM order_attachment x JOIN purchase_order" +
                                of_order) == 1);
        });

        // update and delete: the version in force moves on, or not at all.
        for (const std::string type : {"update", "delete"}) {
            sweep("order " + type, fault, [&](std::uint64_t n, bool& fired) {
                INFO(type << ", step " << n);
                const std::string id = type.substr(0, 1) + "-" + f + "-" + std::to_string(n);
                REQUIRE(e.post(gateway::test::order_request("pid-" + id, id, two_lines, "262.00"))
                            .code == 200);
                const auto doc = gateway::test::order_request(
                    "pid2-" + id, id, {{"VALVE-20", "5", "11.00"}}, "55.00", type, "2");
                auto a = with_fault(fault, n, fired, [&] { return e.post(doc); });
                const std::string where = " FROM purchase_order WHERE order_id = '" + id + "'";
                const auto version = e.store.count("SELECT version" + where);
                const auto lines = e.store.count(
                    "SELECT count(*) FROM order_line l JOIN purchase_order o ON o.id = l.order_pk"
                    " WHERE o.order_id = '" +
                    id + "'");
                const auto cancelled = e.store.count("SELECT status = 'cancelled'" + where);
                if (a.code == 200) {
                    CHECK(version == 2);
                    CHECK(lines == (type == "update" ? 1 : 2));
                    CHECK(cancelled == (type == "delete" ? 1 : 0));
                } else {
                    expect_retryable(a);
                    CHECK(version == 1);
                    CHECK(lines == 2);
                    CHECK(cancelled == 0);
                }
                CHECK(e.post(doc).code == 200);
                CHECK(e.store.count("SELECT version" + where) == 2);
            });
        }
    }
}

TEST_CASE("fault sweep: cart transfer", "[fault][sweep]") {
    gateway::test::require_fault_injection();
    Endpoint e;
    storefront::Storefront shop(e.store.config, e.store.db, e.logger);
    int sessions = 0;
    // A started session with two lines in its cart, ready to return.
    auto open_cart = [&]() -> catalog::PunchoutSession {
        auto conn = e.store.connect();
        ++sessions;
        catalog::PunchoutSession s;
        s.start_key = "sweep-start-" + std::to_string(sessions) + "-aaaaaaaaaa";
        s.session_key = "sweep-key-" + std::to_string(sessions) + "-bbbbbbbbbbb";
        s.csrf_token = "csrf-" + std::to_string(sessions);
        s.buyer = e.store.buyer.key;
        s.buyer_credential = {gateway::test::buyer_domain, gateway::test::buyer_identity};
        s.return_url = gateway::test::return_url;
        s.created_at = catalog::now();
        s.start_expires_at = s.expires_at = catalog::now() + std::chrono::hours(1);
        auto stored = catalog::create_session(conn, s);
        REQUIRE(stored.ok());
        REQUIRE(catalog::start_session(conn, s.start_key, catalog::now()).ok());
        for (const char* sku : {"VALVE-20", "PUMP-100"}) {
            catalog::CartLine l;
            l.token = std::string("LSWEEP") + sku + std::to_string(sessions);
            l.sku = sku;
            l.quantity = gateway::test::amount("1");
            l.unit_price = gateway::test::amount("10.00");
            l.currency = "EUR";
            l.uom = "EA";
            l.description = sku;
            l.added_at = catalog::now();
            REQUIRE(catalog::add_cart_line(conn, stored->id, l).ok());
        }
        stored->csrf_token = s.csrf_token;
        return *stored;
    };
    auto transfer = [&](const catalog::PunchoutSession& s) {
        Request req{http::verb::post, "/shop/" + s.session_key + "/transfer", 11};
        req.set(http::field::content_type, "application/x-www-form-urlencoded");
        req.body() = "csrf=" + s.csrf_token;
        req.prepare_payload();
        RequestInfo info;
        info.id = "sweep";
        std::optional<Response> res;
        shop.handle_shop(info, std::move(req), [&](Response r) { res.emplace(std::move(r)); });
        REQUIRE(res);
        return std::move(*res);
    };
    for (auto fault : faults) {
        INFO(catalog::testing::to_string(fault));
        sweep("cart transfer", fault, [&](std::uint64_t n, bool& fired) {
            INFO("step " << n);
            const auto s = open_cart();
            auto res = with_fault(fault, n, fired, [&] { return transfer(s); });
            const std::string id = std::to_string(s.id);
            const auto transfers =
                e.store.count("SELECT count(*) FROM cart_transfer WHERE session_id = " + id);
            const auto sent_lines = e.store.count(
                "SELECT count(*) FROM transferred_line l JOIN cart_transfer t ON t.id = "
                "l.transfer_id"
                " WHERE t.session_id = " +
                id);
            const auto open =
                e.store.count("SELECT state = 'open' FROM punchout_session WHERE id = " + id);
            if (res.result() == http::status::ok) {
                CHECK_THAT(res.body(),
                           Catch::Contains("cxml-urlencoded") || Catch::Contains("transfer"));
                CHECK(transfers == 1);
                CHECK(sent_lines == 2);
                CHECK(open == 0);
            } else {
                INFO(res.body());
                CHECK((res.result() == http::status::internal_server_error ||
                       res.result() == http::status::service_unavailable));
                CHECK(transfers == 0);
                CHECK(sent_lines == 0);
                CHECK(open == 1);
                CHECK(e.store.count("SELECT count(*) FROM cart_line WHERE session_id = " + id) ==
                      2);
                CHECK(transfer(s).result() == http::status::ok);
            }
        });
    }
}

TEST_CASE("fault sweep: catalog import", "[fault][sweep]") {
    gateway::test::require_fault_injection();
    gateway::test::TestStore store;
    const std::string signature =
        "SELECT count(*) * 1000000000 + sum(list_price) % 1000000000 FROM product";
    for (auto fault : faults) {
        INFO(catalog::testing::to_string(fault));
        sweep("catalog import", fault, [&](std::uint64_t n, bool& fired) {
            INFO("step " << n);
            const auto before = store.count(signature);
            // A price that differs every round, and a product that comes and goes.
            const std::string price = std::to_string(20 + n % 50) + ".00";
            const std::string csv =
                "sku,description,uom,price,currency,unspsc\n"
                "VALVE-20,Ball valve DN20,EA," +
                price +
                ",EUR,40141600\n"
                "PUMP-100,Centrifugal pump,EA," +
                price +
                ",EUR,40151500\n"
                "NEW-" +
                std::to_string(n) + ",New part,EA,1.00,EUR,31161500\n";
            auto import = [&] {
                auto conn = store.connect();
                std::istringstream in(csv);
                return catalog::import_catalog_csv(conn, in, "sweep.csv");
            };
            auto report = with_fault(fault, n, fired, import);
            if (report.applied) {
                CHECK(store.count(signature) != before);
                CHECK(store.count("SELECT count(*) FROM product WHERE sku = 'NEW-" +
                                  std::to_string(n) + "'") == 1);
            } else {
                CHECK(report.issue_count > 0);
                CHECK(store.count(signature) == before);  // nothing half-applied
                auto again = import();
                CHECK(again.applied);
            }
        });
    }
}

TEST_CASE("fault sweep: price and stock imports", "[fault][sweep]") {
    gateway::test::require_fault_injection();
    gateway::test::TestStore store;
    const std::string prices = "SELECT coalesce(sum(price), 0) FROM contract_price";
    const std::string stock = "SELECT coalesce(sum(quantity), 0) FROM inventory";
    for (auto fault : faults) {
        INFO(catalog::testing::to_string(fault));
        sweep("price import", fault, [&](std::uint64_t n, bool& fired) {
            INFO("step " << n);
            const auto before = store.count(prices);
            const std::string csv =
                "sku,price,currency,min_qty\n"
                "PUMP-100," +
                std::to_string(200 + n % 40) +
                ".00,EUR,1\n"
                "VALVE-20,9.00,EUR,10\n";
            auto import = [&] {
                auto conn = store.connect();
                std::istringstream in(csv);
                return catalog::import_prices_csv(conn, store.buyer.key, in, "prices.csv",
                                                  catalog::PriceImportMode::replace);
            };
            auto report = with_fault(fault, n, fired, import);
            if (!report.applied) {
                CHECK(report.issue_count > 0);
                CHECK(report.inserted == 0);
                CHECK(store.count(prices) == before);
                CHECK(import().applied);
            }
            CHECK(store.count("SELECT count(*) FROM contract_price") == 2);
        });
        sweep("stock import", fault, [&](std::uint64_t n, bool& fired) {
            INFO("step " << n);
            const auto before = store.count(stock);
            const std::string csv =
                "sku,warehouse,quantity\n"
                "VALVE-20,Vaasa," +
                std::to_string(n) +
                "\n"
                "PUMP-100,Oulu," +
                std::to_string(n + 1) + "\n";
            auto import = [&] {
                auto conn = store.connect();
                std::istringstream in(csv);
                return catalog::import_inventory_csv(conn, in, "stock.csv");
            };
            auto report = with_fault(fault, n, fired, import);
            if (report.applied) {
                CHECK(
                    store.count("SELECT quantity FROM inventory i JOIN product p ON p.id ="
                                " i.product_id WHERE p.sku = 'VALVE-20' AND warehouse = 'Vaasa'") ==
                    static_cast<std::int64_t>(n) * catalog::Amount::scale);
            } else {
                CHECK(report.issue_count > 0);
                CHECK(store.count(stock) == before);
                CHECK(import().applied);
            }
        });
    }
}

TEST_CASE("fault sweep: outbox delivery bookkeeping", "[fault][sweep]") {
    // The delivery worker's own steps on the store: lease what is due, record the buyer's
    // answer. The HTTP exchange in between is the buyer's (see e2e.outbox).
    gateway::test::require_fault_injection();
    gateway::test::TestStore store;
    const std::string owner = "pid:1:sweep";
    int queued = 0;
    for (auto fault : faults) {
        INFO(catalog::testing::to_string(fault));
        sweep("outbox delivery", fault, [&](std::uint64_t n, bool& fired) {
            INFO("step " << n);
            std::int64_t id = 0;
            {
                auto conn = store.connect();
                catalog::NewOutboxDocument doc;
                doc.buyer = store.buyer.key;
                doc.document_type = "StatusUpdateRequest";
                doc.payload_id = "sweep-" + std::to_string(++queued) + "@gw";
                doc.target_url = "https://acme.buyer.example/cxml";
                doc.body = "<cXML/>";
                auto entry = catalog::enqueue_document(conn, doc, catalog::now());
                REQUIRE(entry.ok());
                id = entry->id;
            }
            auto deliver = [&]() -> bool {
                auto conn = store.connect();
                auto leased = catalog::lease_due_documents(conn, owner, catalog::now(),
                                                           std::chrono::seconds(60), 10);
                if (!leased)
                    return false;
                bool recorded = false;
                for (const auto& entry : *leased) {
                    catalog::AttemptOutcome delivered;
                    delivered.status = catalog::OutboxStatus::delivered;
                    delivered.http_status = 200;
                    delivered.cxml_status = 200;
                    auto r =
                        catalog::record_attempt(conn, entry.id, owner, delivered, catalog::now());
                    if (entry.id == id)
                        recorded = r.ok() && *r;
                }
                return recorded;
            };
            const bool recorded = with_fault(fault, n, fired, deliver);
            const std::string of = " FROM outbox WHERE id = " + std::to_string(id);
            const auto delivered = store.count("SELECT status = 'delivered'" + of);
            // A document is delivered only when its delivery was recorded; otherwise it is
            // still pending, never failed and never lost.
            CHECK(delivered == (recorded ? 1 : 0));
            CHECK(store.count("SELECT status IN ('pending', 'delivered')" + of) == 1);
            if (!recorded) {
                // A worker that could not record gives its leases back (or they run out).
                auto conn = store.connect();
                REQUIRE(catalog::release_leases(conn, owner, catalog::now()).ok());
                conn = store.connect();
                CHECK(deliver());
                CHECK(store.count("SELECT status = 'delivered'" + of) == 1);
            }
            // Once delivered, it is never leased again.
            auto conn = store.connect();
            auto again = catalog::lease_due_documents(conn, owner, catalog::now(),
                                                      std::chrono::seconds(60), 10);
            REQUIRE(again.ok());
            CHECK(again->empty());
        });
    }
}

TEST_CASE("fault sweep: credit memo and invoice cancellation", "[fault][sweep]") {
    // Each is the credit (or the cancellation), the order's event and the queued document
    // together, or none of them.
    gateway::test::require_fault_injection();
    Endpoint e;
    int orders = 0;
    // An order confirmed, shipped and invoiced (with its documents queued), without faults.
    const auto invoiced_order = [&]() -> std::int64_t {
        const std::string id = "CM-" + std::to_string(++orders);
        REQUIRE(e.post(gateway::test::order_request("pid-" + id, id, two_lines, "262.00")).code ==
                200);
        const auto pk =
            e.store.count("SELECT id FROM purchase_order WHERE order_id = '" + id + "'");
        auto conn = e.store.connect();
        const auto& supplier = e.store.config.supplier;
        auto order = catalog::find_order(conn, pk);
        REQUIRE(order.ok());
        auto plan = catalog::plan_confirmation(*order, {}, catalog::LineStatus::accept, "");
        REQUIRE(plan.ok());
        REQUIRE(confirm_order(conn, supplier, pk, *plan, catalog::now()).ok());
        catalog::NewShipment ship;
        ship.carrier = "DHL";
        ship.tracking = "JD1";
        REQUIRE(ship_order(conn, supplier, pk, ship, catalog::now()).ok());
        catalog::NewInvoice inv;
        inv.tax_rate = catalog::Amount::from_units(240000);
        inv.tax_in_line = true;
        REQUIRE(invoice_order(conn, supplier, pk, inv, catalog::now()).ok());
        return pk;
    };
    const auto of_order = [](std::int64_t pk) { return " WHERE order_pk = " + std::to_string(pk); };
    for (auto fault : faults) {
        INFO(catalog::testing::to_string(fault));
        sweep("credit memo", fault, [&](std::uint64_t n, bool& fired) {
            INFO("credit memo, step " << n);
            const auto pk = invoiced_order();
            auto conn = e.store.connect();
            auto invoices = catalog::load_fulfilment(conn, *catalog::find_order(conn, pk));
            REQUIRE(invoices.ok());
            catalog::NewCreditMemo cm;
            cm.invoice_number = invoices->invoices.at(0).invoice_number;
            cm.lines = {{1, catalog::Amount::from_units(10000)}};
            auto r = with_fault(fault, n, fired, [&] {
                return credit_invoice(conn, e.store.config.supplier, pk, cm, catalog::now());
            });
            const auto credits = e.store.count("SELECT count(*) FROM invoice" + of_order(pk) +
                                               " AND purpose <> 'standard'");
            const auto credit_lines = e.store.count(
                "SELECT count(*) FROM invoice_line l JOIN invoice i ON i.id = l.invoice_pk" +
                of_order(pk) + " AND i.purpose <> 'standard'");
            const auto queued = e.store.count("SELECT count(*) FROM outbox" + of_order(pk));
            const auto events = e.store.count("SELECT count(*) FROM order_event" + of_order(pk) +
                                              " AND kind = 'credited'");
            const bool ok = r.ok();
            CHECK(credits == (ok ? 1 : 0));
            CHECK(credit_lines == (ok ? 1 : 0));
            CHECK(queued == (ok ? 4 : 3));
            CHECK(events == (ok ? 1 : 0));
            if (!ok) {
                CHECK(credit_invoice(conn, e.store.config.supplier, pk, cm, catalog::now()).ok());
                CHECK(e.store.count("SELECT count(*) FROM outbox" + of_order(pk)) == 4);
            }
        });
        sweep("invoice cancellation", fault, [&](std::uint64_t n, bool& fired) {
            INFO("cancellation, step " << n);
            const auto pk = invoiced_order();
            auto conn = e.store.connect();
            auto f = catalog::load_fulfilment(conn, *catalog::find_order(conn, pk));
            REQUIRE(f.ok());
            const std::string number = f->invoices.at(0).invoice_number;
            auto r = with_fault(fault, n, fired, [&] {
                return cancel_invoice(conn, e.store.config.supplier, pk, number, catalog::now());
            });
            const bool ok = r.ok();
            CHECK(e.store.count("SELECT count(*) FROM invoice" + of_order(pk) +
                                " AND cancelled_at IS NOT NULL") == (ok ? 1 : 0));
            CHECK(e.store.count("SELECT count(*) FROM outbox" + of_order(pk)) == (ok ? 4 : 3));
            CHECK(e.store.count("SELECT status = 'shipped' FROM purchase_order WHERE id = " +
                                std::to_string(pk)) == (ok ? 1 : 0));
            if (!ok) {
                CHECK(
                    cancel_invoice(conn, e.store.config.supplier, pk, number, catalog::now()).ok());
                CHECK(e.store.count("SELECT count(*) FROM outbox" + of_order(pk)) == 4);
            }
        });
    }
}

TEST_CASE("fault sweep: an order with webhook receivers", "[fault][sweep]") {
    // The order and one delivery per receiver together, or none of them: an order is never
    // stored without its events, nor an event queued for an order that is not.
    gateway::test::require_fault_injection();
    Endpoint e;
    {
        auto conn = e.store.connect();
        for (const char* id : {"erp", "wms"}) {
            REQUIRE(catalog::add_api_client(
                conn, {id, *catalog::ApiScopes::parse("orders"), 100},
                {std::string(id) + "-token-id-0000000", "secret-part-0000000000"}));
            REQUIRE(catalog::set_api_client_webhook(conn, id, "https://erp.example/hook",
                                                    std::string("whsec_sweep")));
        }
    }
    for (auto fault : faults) {
        const std::string f = catalog::testing::to_string(fault);
        INFO(f);
        sweep("order with webhooks", fault, [&](std::uint64_t n, bool& fired) {
            INFO("step " << n);
            const std::string id = "W-" + f + "-" + std::to_string(n);
            const auto doc = gateway::test::order_request("pid-" + id, id, two_lines, "262.00");
            auto a = with_fault(fault, n, fired, [&] { return e.post(doc); });
            const std::string of_order =
                " JOIN purchase_order o ON o.id = x.order_pk WHERE o.order_id = '" + id + "'";
            const auto orders =
                e.store.count("SELECT count(*) FROM purchase_order WHERE order_id = '" + id + "'");
            const auto hooks = e.store.count("SELECT count(*) FROM outbox x" + of_order +
                                             " AND x.origin = 'webhook'");
            if (a.code == 200) {
                CHECK(orders == 1);
                CHECK(hooks == 2);
            } else {
                expect_retryable(a);
                CHECK(orders == 0);
            }
            // Nothing queued for an order that is not there.
            CHECK(
                e.store.count("SELECT count(*) FROM outbox WHERE origin = 'webhook'") ==
                2 * e.store.count("SELECT count(*) FROM purchase_order WHERE order_id LIKE 'W-%'"));
            CHECK(e.post(doc).code == 200);
            CHECK(e.store.count("SELECT count(*) FROM outbox x" + of_order +
                                " AND x.origin = 'webhook'") == 2);
        });
    }
}

TEST_CASE("fault sweep: an API fulfilment write under an Idempotency-Key", "[fault][sweep]") {
    // The confirmation, its queued document and the stored answer together, or none of them
    // (and then the key is still free).
    gateway::test::require_fault_injection();
    Endpoint e;
    const auto client = add_client(e.store, "erp", "fulfilment");
    int orders = 0;
    for (auto fault : faults) {
        INFO(catalog::testing::to_string(fault));
        sweep("API confirm", fault, [&](std::uint64_t n, bool& fired) {
            INFO("step " << n);
            const std::string id = "F-" + std::to_string(++orders);
            REQUIRE(
                e.post(gateway::test::order_request("pid-" + id, id, two_lines, "262.00")).code ==
                200);
            const auto pk =
                e.store.count("SELECT id FROM purchase_order WHERE order_id = '" + id + "'");
            const IdempotentRequest request{client, "key-" + id, "hash-" + id};
            auto confirm = [&](catalog::Connection& conn) {
                return write_once(conn, request, catalog::Durability::full,
                                  [&]() -> catalog::Result<WriteAnswer> {
                                      auto done =
                                          confirm_order(conn, e.store.config.supplier, pk,
                                                        ConfirmationDecision{}, catalog::now());
                                      if (!done)
                                          return done.error();
                                      return WriteAnswer{200, done->reference};
                                  });
            };
            auto conn = e.store.connect();
            auto r = with_fault(fault, n, fired, [&] { return confirm(conn); });
            const auto of_order = " WHERE order_pk = " + std::to_string(pk);
            const bool ok = r.ok();
            CHECK(e.store.count("SELECT count(*) FROM order_confirmation" + of_order) ==
                  (ok ? 1 : 0));
            CHECK(e.store.count("SELECT count(*) FROM outbox" + of_order) == (ok ? 1 : 0));
            CHECK(e.store.count("SELECT count(*) FROM api_idempotency WHERE key = "
                                "'key-" +
                                id + "'") == (ok ? 1 : 0));
            auto again = confirm(conn);
            REQUIRE(again.ok());
            CHECK(again->kind ==
                  (ok ? IdempotentOutcome::Kind::replayed : IdempotentOutcome::Kind::applied));
            CHECK(e.store.count("SELECT count(*) FROM order_confirmation" + of_order) == 1);
        });
    }
}

TEST_CASE("fault sweep: an API price batch and removal under an Idempotency-Key",
          "[fault][sweep]") {
    // A batch is all or nothing with its stored answer: a failed step leaves every price as it
    // was and the key free; the retry applies the batch once.
    gateway::test::require_fault_injection();
    gateway::test::TestStore store;
    const auto client = add_client(store, "erp", "prices");
    const std::string prices =
        "SELECT coalesce(sum(price), 0) + count(*) FROM contract_price WHERE buyer_id = " +
        std::to_string(store.buyer.key.value);
    const std::string list = "SELECT list_price FROM product WHERE sku = 'BOLT-M8'";
    int batches = 0;
    auto key_count = [&](const std::string& key) {
        return store.count("SELECT count(*) FROM api_idempotency WHERE key = '" + key + "'");
    };
    for (auto fault : faults) {
        INFO(catalog::testing::to_string(fault));
        sweep("API price batch", fault, [&](std::uint64_t n, bool& fired) {
            INFO("step " << n);
            const std::string key = "prices-" + std::to_string(++batches);
            const std::string price = std::to_string(100 + batches) + ".00";
            const std::vector<catalog::PriceUpdate> batch{
                {"acme", "PUMP-100", price, "", "", "", ""},
                {"acme", "VALVE-20", "9.50", "", "10", "", ""},
                {"", "BOLT-M8", std::to_string(13 + batches) + ".00", "", "", "", ""}};
            const IdempotentRequest request{client, key, "hash-" + key};
            auto apply = [&](catalog::Connection& conn) {
                return batch_once(
                    conn, request, [&] { return catalog::apply_price_batch(conn, batch); },
                    [](const catalog::PriceBatchResult& r) { return r.updated; });
            };
            const auto prices_before = store.count(prices);
            const auto list_before = store.count(list);
            auto conn = store.connect();
            auto r = with_fault(fault, n, fired, [&] { return apply(conn); });
            if (r) {
                CHECK(store.count(list) ==
                      (13 + batches) * static_cast<std::int64_t>(catalog::Amount::scale));
                CHECK(key_count(key) == 1);
            } else {
                CHECK(store.count(prices) == prices_before);
                CHECK(store.count(list) == list_before);
                CHECK(key_count(key) == 0);
            }
            auto again = apply(conn);
            REQUIRE(again.ok());
            CHECK(again->kind ==
                  (r ? IdempotentOutcome::Kind::replayed : IdempotentOutcome::Kind::applied));
            CHECK(store.count(list) ==
                  (13 + batches) * static_cast<std::int64_t>(catalog::Amount::scale));
            // PUMP-100's entry (from the store) and VALVE-20's from 10 on, never a third.
            CHECK(store.count("SELECT count(*) FROM contract_price WHERE buyer_id = " +
                              std::to_string(store.buyer.key.value)) == 2);
        });
        sweep("API price removal", fault, [&](std::uint64_t n, bool& fired) {
            INFO("step " << n);
            const std::string key = "remove-" + std::to_string(++batches);
            {
                auto conn = store.connect();
                auto put = catalog::apply_price_batch(
                    conn, {{"acme", "VALVE-20", "9.50", "", "10", "", ""}});
                REQUIRE(put);
                REQUIRE(put->problems.empty());
            }
            const std::vector<catalog::PriceKey> batch{{"acme", "VALVE-20", "10", ""},
                                                       {"acme", "BOLT-M8", "5", ""}};
            const IdempotentRequest request{client, key, "hash-" + key};
            auto remove = [&](catalog::Connection& conn) {
                return batch_once(
                    conn, request, [&] { return catalog::delete_prices(conn, batch); },
                    [](const catalog::PriceBatchResult& r) { return r.deleted; });
            };
            const std::string valve =
                "SELECT count(*) FROM contract_price c JOIN product p ON p.id = c.product_id"
                " WHERE p.sku = 'VALVE-20'";
            REQUIRE(store.count(valve) == 1);
            auto conn = store.connect();
            auto r = with_fault(fault, n, fired, [&] { return remove(conn); });
            CHECK(store.count(valve) == (r ? 0 : 1));
            CHECK(key_count(key) == (r ? 1 : 0));
            auto again = remove(conn);
            REQUIRE(again.ok());
            CHECK(again->answer.body == (r ? r->answer.body : std::string("1")));
            CHECK(store.count(valve) == 0);
        });
    }
}

TEST_CASE("fault sweep: an API stock batch under an Idempotency-Key", "[fault][sweep]") {
    // A failed step is the gateway's failure (retry), never a problem with a row, and leaves
    // every figure and the key as they were.
    gateway::test::require_fault_injection();
    gateway::test::TestStore store;
    const auto client = add_client(store, "erp", "stock");
    const std::string valve =
        "SELECT quantity FROM inventory i JOIN product p ON p.id = i.product_id"
        " WHERE p.sku = 'VALVE-20' AND warehouse = 'Vaasa'";
    int batches = 0;
    for (auto fault : faults) {
        INFO(catalog::testing::to_string(fault));
        sweep("API stock batch", fault, [&](std::uint64_t n, bool& fired) {
            INFO("step " << n);
            ++batches;
            const auto as_of = catalog::now();
            StockRequest request{client, "stock-" + std::to_string(batches), "hash", {}};
            request.rows = {{"VALVE-20", "Vaasa",
                             catalog::Amount::from_units(batches * catalog::Amount::scale), as_of},
                            {"PUMP-100", "Oulu",
                             catalog::Amount::from_units(7 * catalog::Amount::scale), as_of}};
            auto render = [](const catalog::StockBatchResult& r) {
                return std::to_string(r.applied);
            };
            const auto before = store.count(valve);
            auto conn = store.connect();
            auto r =
                with_fault(fault, n, fired, [&] { return update_stock(conn, request, render); });
            if (r) {
                REQUIRE(r->kind == StockAnswer::Kind::applied);
                CHECK(store.count(valve) ==
                      batches * static_cast<std::int64_t>(catalog::Amount::scale));
            } else {
                CHECK(store.count(valve) == before);
            }
            auto again = update_stock(conn, request, render);
            REQUIRE(again.ok());
            CHECK(again->kind == (r ? StockAnswer::Kind::replayed : StockAnswer::Kind::applied));
            CHECK(store.count(valve) ==
                  batches * static_cast<std::int64_t>(catalog::Amount::scale));
        });
    }
}

TEST_CASE("fault sweep: an API product batch under an Idempotency-Key", "[fault][sweep]") {
    // The staged rows, the upsert, the search index and the stored answer together, or none
    // of them: a failed step leaves the catalog and its index as they were and the key free.
    gateway::test::require_fault_injection();
    gateway::test::TestStore store;
    const auto client = add_client(store, "pim", "catalog");
    const std::string products = "SELECT count(*) FROM product";
    auto indexed = [&](const std::string& word) {
        return store.count("SELECT count(*) FROM product_fts WHERE product_fts MATCH '" + word +
                           "'");
    };
    int batches = 0;
    for (auto fault : faults) {
        INFO(catalog::testing::to_string(fault));
        sweep("API product batch", fault, [&](std::uint64_t n, bool& fired) {
            INFO("step " << n);
            const std::string word = "sweepword" + std::to_string(++batches);
            auto row = [&](std::string sku, std::string description) {
                catalog::ProductUpdate u;
                u.fields = {{"sku", std::move(sku)},
                            {"description", std::move(description)},
                            {"uom", "EA"},
                            {"price", "5.00"},
                            {"currency", "EUR"},
                            {"unspsc", "31161500"},
                            {"category", "Fasteners > Bolts " + std::to_string(batches)}};
                return u;
            };
            // One new product, one changed.
            const std::vector<catalog::ProductUpdate> batch{
                row("NEW-" + std::to_string(batches), "Washer " + word),
                row("BOLT-M8", "Hex bolt M8x40 " + word)};
            const IdempotentRequest request{client, "products-" + word, "hash"};
            auto apply = [&](catalog::Connection& conn) {
                return batch_once(
                    conn, request,
                    [&] { return catalog::apply_product_batch(conn, batch, catalog::now()); },
                    [](const catalog::ProductBatchResult& r) { return r.inserted; });
            };
            const auto before = store.count(products);
            auto conn = store.connect();
            auto r = with_fault(fault, n, fired, [&] { return apply(conn); });
            CHECK(store.count(products) == before + (r ? 1 : 0));
            CHECK(indexed(word) == (r ? 2 : 0));
            auto again = apply(conn);
            REQUIRE(again.ok());
            CHECK(again->kind ==
                  (r ? IdempotentOutcome::Kind::replayed : IdempotentOutcome::Kind::applied));
            CHECK(store.count(products) == before + 1);
            CHECK(indexed(word) == 2);
        });
    }
    // The index still matches the table after every interrupted batch.
    auto conn = store.connect();
    CHECK(conn.exec("INSERT INTO product_fts (product_fts, rank) VALUES ('integrity-check', 1)"));
}
