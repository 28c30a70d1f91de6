// Large catalog imports are built beside the serving catalog and swapped in
// (catalog/README-import-swap.md): the result equals an import in place, writers that would
// be lost at the swap are refused meanwhile, and a process killed at any point of the build,
// the swap or the clearing leaves the old catalog or the new one, which the next import
// tidies up after.
#include "catalog/buyer.hpp"
#include "catalog/catalog_import.hpp"
#include "catalog/detail/catalog_swap.hpp"
#include "catalog/fault_injection.hpp"
#include "catalog/inventory.hpp"
#include "catalog/price.hpp"
#include "catalog/price_batch.hpp"
#include "catalog/product.hpp"
#include "catalog/product_batch.hpp"
#include "catalog/search.hpp"
#include "catalog/stock_batch.hpp"
#include "tests/catalog/support.hpp"

#include <csignal>
#include <sstream>
#include <sys/wait.h>
#include <unistd.h>

using namespace punchout::catalog;
using namespace punchout::catalog::test;
namespace t = punchout::catalog::testing;

namespace {

const std::string cif_head =
    "CIF_I_V3.0\nLOADMODE: F\nCODEFORMAT: UNSPSC\nCURRENCY: EUR\n"
    "FIELDNAMES: Supplier Part ID,Item Description,SPSC Code,Unit Price,Unit of Measure\n";

// A full load of SKUs [from, to), each described with `word`.
std::string full_load(int from, int to, const std::string& word, const char* price = "2.00") {
    std::string text = cif_head + "ITEMCOUNT: " + std::to_string(to - from) + "\nDATA\n";
    for (int i = from; i < to; ++i)
        text += "S" + std::to_string(i) + "," + word + " item " + std::to_string(i) + ",31161500," +
                price + ",EA\n";
    return text + "ENDOFDATA\n";
}

ImportReport import_cif(Connection& conn, const std::string& text, std::int64_t in_place_max = 0) {
    std::istringstream in(text);
    ImportOptions options;
    options.now = from_unix(1'700'000'000);
    options.in_place_max_rows = in_place_max;
    return import_catalog_cif(conn, in, "full.cif", options);
}

// Everything a reader can see of the catalog, as one value.
std::string fingerprint(Connection& conn) {
    return query_text(conn,
                      "SELECT count(*) || '/' || coalesce(sum(id * 7 + list_price +"
                      " length(description) + unicode(sku) + updated_at), 0) FROM product") +
           "/" +
           query_text(conn,
                      "SELECT count(*) || '/' || coalesce(sum(product_id), 0) FROM inventory") +
           "/" +
           std::to_string(query_int(conn,
                                    "SELECT count(*) FROM product_fts WHERE product_fts"
                                    " MATCH 'item'"));
}

bool has_table(Connection& conn, const std::string& name) {
    return query_int(conn, "SELECT count(*) FROM sqlite_schema WHERE name = '" + name + "'") > 0;
}

void check_consistent(Connection& conn) {
    CHECK(query_text(conn, "PRAGMA integrity_check") == "ok");
    CHECK(query_int(conn, "SELECT count(*) FROM pragma_foreign_key_check") == 0);
    CHECK(conn.exec("INSERT INTO product_fts (product_fts, rank) VALUES ('integrity-check', 1)")
              .ok());
    // The three search triggers are on the serving table (that they index what is written
    // to it, the first test checks with a product added after the swaps).
    CHECK(query_int(conn,
                    "SELECT count(*) FROM sqlite_schema WHERE type = 'trigger' AND"
                    " tbl_name = 'product'") == 3);
}

void check_tidy(Connection& conn) {
    for (const char* leftover : {"product_next", "product_fts_next", "product_old",
                                 "product_fts_old", "product_fts_old_data"}) {
        INFO(leftover);
        CHECK_FALSE(has_table(conn, leftover));
    }
    CHECK(query_int(conn, "SELECT count(*) FROM catalog_build") == 0);
}

struct Fixture {
    TempDir dir;
    std::filesystem::path path = dir / "c.db";
    std::optional<Database> db{Database::open(path)};
    std::optional<Connection> conn{db->connect()};
    BuyerKey acme;

    // 1,500 products, stock on two of them and a contract price on one.
    Fixture() {
        REQUIRE(import_cif(*conn, full_load(0, 1500, "old")).applied);
        Buyer b;
        b.id = "acme";
        b.name = "Acme";
        b.credentials = {{"DUNS", "1"}};
        acme = add_buyer(*conn, b)->key;
        REQUIRE(set_stock(*conn, "S10", "Vaasa", *Amount::parse("5"), from_unix(1'700'000'000)));
        REQUIRE(set_stock(*conn, "S1400", "Vaasa", *Amount::parse("7"), from_unix(1'700'000'000)));
        auto p = apply_price_batch(*conn, {{"acme", "S1400", "1.50", "", "", "", ""}});
        REQUIRE(p);
        REQUIRE(p->problems.empty());
    }
    void close() {
        conn.reset();
        db.reset();
    }
    void reopen() {
        db.emplace(Database::open(path));
        conn.emplace(db->connect());
    }
};

// The next catalog of these tests: S0..S1199 kept (S0..S599 rewritten), S1200.. removed,
// S1500..S2499 new.
std::string next_load() {
    std::string text = cif_head + "ITEMCOUNT: 2200\nDATA\n";
    for (int i = 0; i < 2500; ++i) {
        if (i >= 1200 && i < 1500)
            continue;
        text += "S" + std::to_string(i) + "," + (i < 600 || i >= 1500 ? "new" : "old") + " item " +
                std::to_string(i) + ",31161500,2.00,EA\n";
    }
    return text + "ENDOFDATA\n";
}

}  // namespace

TEST_CASE("a large import is built beside the catalog and swapped in, as if written in place",
          "[swap]") {
    Fixture swapped, in_place;
    const auto id_of = [](Connection& c, const char* sku) {
        return query_int(c, std::string("SELECT id FROM product WHERE sku = '") + sku + "'");
    };
    const auto kept_id = id_of(*swapped.conn, "S10");

    auto r = import_cif(*swapped.conn, next_load());
    INFO((r.issues.empty() ? std::string() : r.issues[0].to_string()));
    REQUIRE(r.applied);
    auto reference = import_cif(*in_place.conn, next_load(), 1'000'000);
    REQUIRE(reference.applied);

    // The same counts and the same rows as the same file applied in place.
    CHECK(r.inserted == 1000);
    CHECK(r.updated == 600);
    CHECK(r.unchanged == 600);
    CHECK(r.deleted == 300);
    CHECK(r.inserted == reference.inserted);
    CHECK(r.updated == reference.updated);
    CHECK(r.unchanged == reference.unchanged);
    CHECK(r.deleted == reference.deleted);
    const std::string rows =
        "SELECT group_concat(sku || ':' || description || ':' || list_price || ':' ||"
        " created_at || ':' || updated_at, '|') FROM (SELECT * FROM product ORDER BY sku)";
    CHECK(query_text(*swapped.conn, rows) == query_text(*in_place.conn, rows));

    // A kept product keeps its id and so its stock; a removed one loses its stock and its
    // contract prices, as ON DELETE CASCADE says; new ones reuse no old id.
    CHECK(id_of(*swapped.conn, "S10") == kept_id);
    CHECK(stock_for_sku(*swapped.conn, "S10")->total == *Amount::parse("5"));
    CHECK(query_int(*swapped.conn, "SELECT count(*) FROM inventory") == 1);
    CHECK(query_int(*swapped.conn, "SELECT count(*) FROM contract_price") == 0);
    CHECK(query_int(*swapped.conn,
                    "SELECT min(id) FROM product WHERE sku >= 'S15' AND"
                    " length(sku) = 5") > 1500);

    // Search finds the new words and not the removed rows; the triggers serve the new table.
    CHECK(query_int(*swapped.conn,
                    "SELECT count(*) FROM product_fts WHERE product_fts MATCH 'new'") == 1600);
    CHECK(query_int(*swapped.conn,
                    "SELECT count(*) FROM product_fts WHERE product_fts MATCH 'old'") == 600);
    check_consistent(*swapped.conn);
    check_tidy(*swapped.conn);

    // Index names alternate from one swap to the next (the fixture's load was a swap too);
    // each import still works.
    const std::string index_names =
        "SELECT group_concat(name) FROM (SELECT name FROM sqlite_schema WHERE type = 'index'"
        " AND tbl_name = 'product' AND sql IS NOT NULL ORDER BY name)";
    const std::string names = query_text(*swapped.conn, index_names);
    CHECK((names == "product_category" || names == "product_category_alt"));
    REQUIRE(import_cif(*swapped.conn, full_load(0, 1700, "third")).applied);
    CHECK(query_text(*swapped.conn, index_names) ==
          (names == "product_category" ? "product_category_alt" : "product_category"));
    CHECK(query_int(*swapped.conn,
                    "SELECT count(*) FROM product_fts WHERE product_fts MATCH 'third'") == 1700);
    check_consistent(*swapped.conn);
    check_tidy(*swapped.conn);

    // And an ordinary write after it goes through the re-created triggers.
    std::istringstream small(
        "sku,description,uom,price,currency,unspsc\n"
        "Z1,zebra crossing,EA,1,EUR,31161500\n");
    REQUIRE(import_catalog_csv(*swapped.conn, small, "small.csv").applied);
    CHECK(query_int(*swapped.conn,
                    "SELECT count(*) FROM product_fts WHERE product_fts MATCH 'zebra'") == 1);
}

TEST_CASE(
    "while a build runs, writers of products are refused and stock and contract prices go "
    "ahead",
    "[swap]") {
    Fixture f;
    auto builder_conn = f.db->connect();
    std::optional<detail::CatalogSwap> build;
    build.emplace(builder_conn, detail::SwapPacing{});
    REQUIRE(build->begin("big.cif", [] { return Result<void>{}; }));
    CHECK(query_text(*f.conn, "SELECT source || ' ' || phase FROM catalog_build") ==
          "big.cif building");

    auto& conn = *f.conn;
    ProductUpdate p;
    p.fields = {{"sku", "S1"},  {"description", "changed"}, {"uom", "EA"},
                {"price", "1"}, {"currency", "EUR"},        {"unspsc", "31161500"}};
    auto batch = apply_product_batch(conn, {p}, now());
    REQUIRE_FALSE(batch);
    CHECK(batch.error().code == Errc::in_progress);
    CHECK(batch.error().message.find("big.cif") != std::string::npos);
    auto gone = delete_product(conn, "S1");
    REQUIRE_FALSE(gone);
    CHECK(gone.error().code == Errc::in_progress);
    auto list = apply_price_batch(conn, {{"", "S1", "9.00", "", "", "", ""}});
    REQUIRE_FALSE(list);
    CHECK(list.error().code == Errc::in_progress);
    std::istringstream small(
        "sku,description,uom,price,currency,unspsc\n"
        "S1,changed,EA,1,EUR,31161500\n");
    auto in_place = import_catalog_csv(conn, small, "small.csv");
    CHECK_FALSE(in_place.applied);
    REQUIRE(in_place.issues.size() == 1);
    CHECK(in_place.issues[0].message.find("is replacing the catalog") != std::string::npos);
    auto second = import_cif(conn, full_load(0, 10, "x"));
    CHECK_FALSE(second.applied);
    REQUIRE(second.issues.size() == 1);
    CHECK(second.issues[0].message.find("another catalog import (big.cif") != std::string::npos);

    // Stock and contract prices sit in their own tables, keyed by ids the build keeps.
    auto contract = apply_price_batch(conn, {{"acme", "S1", "1.25", "", "", "", ""}});
    REQUIRE(contract);
    CHECK(contract->problems.empty());
    auto stock = apply_stock_batch(conn, {{"S2", "Vaasa", *Amount::parse("3"), now()}});
    REQUIRE(stock);
    CHECK(stock->problems.empty());
    CHECK(query_text(conn, "SELECT description FROM product WHERE sku = 'S1'") == "old item 1");

    // An abandoned build (the destructor here; a dead process below) frees the writers.
    build.reset();
    check_tidy(conn);
    REQUIRE(apply_product_batch(conn, {p}, now()));
    CHECK(query_text(conn, "SELECT description FROM product WHERE sku = 'S1'") == "changed");
}

TEST_CASE(
    "an import killed anywhere leaves the old catalog or the new one, and the next import "
    "tidies up",
    "[swap][crash]") {
    REQUIRE(t::fault_injection_available());
    struct KillPoint {
        const char* where;
        const char* sql_contains;
        std::uint64_t nth;
        bool new_catalog;  // what a reader sees after the kill
    };
    const KillPoint points[] = {
        {"creating the next tables", "CREATE VIRTUAL TABLE main.product_fts_next", 1, false},
        {"copying, a step in", "INSERT INTO main.product_next SELECT p.*", 2, false},
        {"adding new products", "NOT EXISTS (SELECT 1 FROM main.product p", 1, false},
        {"merging the index", "'merge'", 1, false},
        {"inside the swap", "RENAME TO product_old", 1, false},
        {"emptying the old index", "DELETE FROM main.\"product_fts_old_data\"", 1, true},
        {"emptying the old table", "DELETE FROM main.\"product_old\"", 1, true},
    };
    // What the catalog looks like before and after the import that is killed.
    std::string before, after;
    {
        Fixture reference;
        before = fingerprint(*reference.conn);
        REQUIRE(import_cif(*reference.conn, next_load()).applied);
        after = fingerprint(*reference.conn);
    }
    REQUIRE(before != after);

    for (const auto& point : points) {
        DYNAMIC_SECTION(point.where) {
            Fixture f;
            f.close();
            const pid_t pid = ::fork();
            REQUIRE(pid >= 0);
            if (pid == 0) {
                // The child: the import, killed by SIGKILL just before the chosen statement
                // (no destructor, no rollback: what a crash or kill -9 leaves).
                auto db = Database::open(f.path);
                auto conn = db.connect();
                t::arm_hook(point.nth, point.sql_contains, [] { ::raise(SIGKILL); });
                (void)import_cif(conn, next_load());
                ::_exit(3);  // the kill point was never reached
            }
            int status = 0;
            REQUIRE(::waitpid(pid, &status, 0) == pid);
            REQUIRE(WIFSIGNALED(status));
            REQUIRE(WTERMSIG(status) == SIGKILL);

            f.reopen();
            auto& conn = *f.conn;
            CHECK(fingerprint(conn) == (point.new_catalog ? after : before));
            check_consistent(conn);

            // Until the dead build's heartbeat is a minute old, it counts as running: the
            // next import waits (product writers too, while it was building: the test
            // above and the next one).
            auto retry = import_cif(conn, next_load());
            CHECK_FALSE(retry.applied);
            CHECK(fingerprint(conn) == (point.new_catalog ? after : before));
            REQUIRE(conn.exec("UPDATE catalog_build SET heartbeat_at = heartbeat_at - 61").ok());

            // A minute on, the next import clears what the dead one left and applies.
            auto again = import_cif(conn, next_load());
            INFO((again.issues.empty() ? std::string() : again.issues[0].to_string()));
            REQUIRE(again.applied);
            check_consistent(conn);
            check_tidy(conn);
            if (!point.new_catalog)
                CHECK(fingerprint(conn) == after);
        }
    }
}

TEST_CASE("a disk error at any step of a swapped import leaves one whole catalog and no claim",
          "[swap][fault]") {
    REQUIRE(t::fault_injection_available());
    std::string before, after;
    std::uint64_t steps = 0;
    {
        Fixture reference;
        before = fingerprint(*reference.conn);
        t::count_steps("main.");
        REQUIRE(import_cif(*reference.conn, next_load()).applied);
        steps = t::steps_seen();
        t::disarm_fault();
        after = fingerprint(*reference.conn);
    }
    REQUIRE(steps > 20);
    // Sixteen points spread over the statements on the catalog itself (the build's SQL names
    // `main.`; staging writes only the TEMP database): the claim, the build, the merge, the
    // swap and the clearing. The build paces itself by the clock, so the count of steps
    // varies a little from run to run; the points are fractions of it.
    constexpr std::uint64_t points = 16;
    for (std::uint64_t k = 0; k < points; ++k) {
        const std::uint64_t nth = 1 + k * (steps - 1) / (points - 1);
        DYNAMIC_SECTION("point " << k << " of " << points) {
            INFO("failing step " << nth << " of about " << steps);
            Fixture f;
            ImportReport r;
            {
                t::ScopedFault fault({t::Fault::io_error, nth, "main.", false});
                r = import_cif(*f.conn, next_load());
            }
            const std::string now_seen = fingerprint(*f.conn);
            CHECK(now_seen == (r.applied ? after : before));
            check_consistent(*f.conn);
            // No claim is left behind, so nothing waits a minute for it.
            CHECK(query_int(*f.conn, "SELECT count(*) FROM catalog_build") == 0);
            auto again = import_cif(*f.conn, next_load());
            REQUIRE(again.applied);
            CHECK(fingerprint(*f.conn) == after);
            check_tidy(*f.conn);
        }
    }
}

TEST_CASE("a build that stalls past a minute lets writers go ahead, and then cannot swap them away",
          "[swap]") {
    Fixture f;
    auto builder_conn = f.db->connect();
    detail::CatalogSwap build(builder_conn, detail::SwapPacing{});
    REQUIRE(build.begin("big.cif", [] { return Result<void>{}; }));
    ProductUpdate p;
    p.fields = {{"sku", "S1"},       {"description", "written in the gap"},
                {"uom", "EA"},       {"price", "1"},
                {"currency", "EUR"}, {"unspsc", "31161500"}};
    auto refused = apply_product_batch(*f.conn, {p}, now());
    REQUIRE_FALSE(refused);
    CHECK(refused.error().code == Errc::in_progress);

    // A minute without a heartbeat (a stopped process, a suspended machine).
    REQUIRE(f.conn->exec("UPDATE catalog_build SET heartbeat_at = heartbeat_at - 61").ok());
    REQUIRE(apply_product_batch(*f.conn, {p}, now()));
    CHECK(query_int(*f.conn, "SELECT count(*) FROM catalog_build") == 0);

    // The build wakes up: its next step and its swap find the claim gone.
    auto next = build.step([](std::int64_t) { return Result<void>{}; });
    REQUIRE_FALSE(next);
    CHECK(next.error().code == Errc::in_progress);
    CHECK(next.error().message.find("other writers went ahead") != std::string::npos);
    auto swapped = build.swap("temp.no_such_table");
    REQUIRE_FALSE(swapped);
    CHECK(swapped.error().code == Errc::in_progress);
    CHECK(query_text(*f.conn, "SELECT description FROM product WHERE sku = 'S1'") ==
          "written in the gap");
}
