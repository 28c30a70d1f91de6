#include "catalog/database.hpp"
#include "catalog/read_transaction.hpp"
#include "catalog/write_transaction.hpp"
#include "tests/catalog/support.hpp"

#include <atomic>
#include <chrono>
#include <sys/stat.h>
#include <thread>

using namespace punchout::catalog;
using namespace punchout::catalog::test;

namespace {

unsigned file_mode(const std::filesystem::path& p) {
    struct stat st {};
    REQUIRE(::stat(p.c_str(), &st) == 0);
    return st.st_mode & 0777;
}

}  // namespace

TEST_CASE("a new database file and its WAL files are readable by the owner only") {
    TempDir dir;
    const auto path = dir / "catalog.db";
    // A permissive umask must not widen the file: it holds MAC keys and password hashes.
    const mode_t old_umask = ::umask(0);
    auto db = Database::open(path);
    ::umask(old_umask);
    auto conn = db.connect();
    exec(conn, "INSERT INTO category (name, path) VALUES ('A', 'A')");
    CHECK(file_mode(path) == 0600);
    CHECK(file_mode(path.string() + "-wal") == 0600);
    CHECK(file_mode(path.string() + "-shm") == 0600);
}

TEST_CASE("an existing file keeps its mode") {
    TempDir dir;
    const auto path = dir / "catalog.db";
    { auto db = Database::open(path); }
    std::filesystem::permissions(path, std::filesystem::perms::owner_read |
                                           std::filesystem::perms::owner_write |
                                           std::filesystem::perms::group_read);
    auto db = Database::open(path);
    CHECK(file_mode(path) == 0640);
}

TEST_CASE("connections run in WAL mode with foreign keys") {
    TempDir dir;
    auto db = Database::open(dir / "c.db", {.busy_timeout = std::chrono::milliseconds(1234)});
    auto conn = db.connect();
    CHECK(query_text(conn, "PRAGMA journal_mode") == "wal");
    CHECK(query_int(conn, "PRAGMA foreign_keys") == 1);
    CHECK(query_int(conn, "PRAGMA synchronous") == 1);  // NORMAL
}

TEST_CASE("an unopenable path is a start-up error that names the file") {
    TempDir dir;
    const auto path = dir / "missing-dir" / "c.db";
    try {
        (void)Database::open(path);
        FAIL("expected an exception");
    } catch (const std::runtime_error& e) {
        CHECK_THAT(e.what(), Catch::Contains(path.string()));
    }
}

TEST_CASE("cached statements forget their bindings when handed back") {
    TempDir dir;
    auto db = Database::open(dir / "c.db");
    auto conn = db.connect();
    {
        auto st = conn.prepare("SELECT ?1");
        st.bind(1, std::int64_t{42});
        REQUIRE(*st.step());
        CHECK(st.int64(0) == 42);
    }
    auto st = conn.prepare("SELECT ?1");
    REQUIRE(*st.step());
    CHECK(st.is_null(0));
}

TEST_CASE("the same SQL can be used twice at once (nested loops)") {
    TempDir dir;
    auto db = Database::open(dir / "c.db");
    auto conn = db.connect();
    auto outer = conn.prepare("SELECT value FROM json_each('[1,2]')");
    int pairs = 0;
    while (*outer.step()) {
        auto inner = conn.prepare("SELECT value FROM json_each('[1,2]')");
        while (*inner.step())
            ++pairs;
    }
    CHECK(pairs == 4);
}

TEST_CASE("statements move, and a moved-from statement is inert") {
    TempDir dir;
    auto db = Database::open(dir / "c.db");
    auto conn = db.connect();
    auto a = conn.prepare_once("SELECT 7");
    Statement b = std::move(a);
    REQUIRE(*b.step());
    CHECK(b.int64(0) == 7);
    a = std::move(b);
    REQUIRE_FALSE(*a.step());
}

TEST_CASE("an SQL error in our own statement text is a programming error") {
    TempDir dir;
    auto db = Database::open(dir / "c.db");
    auto conn = db.connect();
    CHECK_THROWS_AS(conn.prepare("SELEC 1"), std::logic_error);
    // The failed prepare left nothing half-made behind in the cache.
    CHECK_THROWS_AS(conn.prepare("SELEC 1"), std::logic_error);
}

TEST_CASE("a constraint violation comes back as a value") {
    TempDir dir;
    auto db = Database::open(dir / "c.db");
    auto conn = db.connect();
    exec(conn, "INSERT INTO category (name, path) VALUES ('A', 'A')");
    auto st = conn.prepare("INSERT INTO category (name, path) VALUES ('A', 'A')");
    auto r = st.run();
    REQUIRE_FALSE(r.ok());
    CHECK(r.error().code == Errc::constraint);
    CHECK_THAT(r.error().message, Catch::Contains("UNIQUE"));
}

TEST_CASE("a write transaction rolls back unless committed") {
    TempDir dir;
    auto db = Database::open(dir / "c.db");
    auto conn = db.connect();
    {
        auto tx = WriteTransaction::begin(conn);
        REQUIRE(tx.ok());
        exec(conn, "INSERT INTO category (name, path) VALUES ('A', 'A')");
    }
    CHECK(query_int(conn, "SELECT count(*) FROM category") == 0);
    CHECK_FALSE(conn.in_transaction());
    {
        auto tx = WriteTransaction::begin(conn);
        exec(conn, "INSERT INTO category (name, path) VALUES ('A', 'A')");
        REQUIRE(tx->commit().ok());
        CHECK_FALSE(tx->commit().ok());  // already finished
    }
    CHECK(query_int(conn, "SELECT count(*) FROM category") == 1);
}

TEST_CASE("a write transaction inside another becomes a savepoint") {
    TempDir dir;
    auto db = Database::open(dir / "c.db");
    auto conn = db.connect();
    auto outer = WriteTransaction::begin(conn);
    REQUIRE(outer.ok());
    exec(conn, "INSERT INTO category (name, path) VALUES ('A', 'A')");
    {
        auto inner = WriteTransaction::begin(conn);
        REQUIRE(inner.ok());
        exec(conn, "INSERT INTO category (name, path) VALUES ('B', 'B')");
        // not committed: only the inner part is undone
    }
    {
        auto inner = WriteTransaction::begin(conn);
        exec(conn, "INSERT INTO category (name, path) VALUES ('C', 'C')");
        REQUIRE(inner->commit().ok());
    }
    REQUIRE(outer->commit().ok());
    CHECK(query_text(conn, "SELECT group_concat(path, ',') FROM category") == "A,C");
}

TEST_CASE("a second writer gets Errc::busy after the busy timeout") {
    TempDir dir;
    auto db = Database::open(dir / "c.db", {.busy_timeout = std::chrono::milliseconds(50)});
    auto a = db.connect();
    auto b = db.connect();
    auto held = WriteTransaction::begin(a);
    REQUIRE(held.ok());
    const auto start = std::chrono::steady_clock::now();
    auto blocked = WriteTransaction::begin(b);
    const auto waited = std::chrono::steady_clock::now() - start;
    REQUIRE_FALSE(blocked.ok());
    CHECK(blocked.error().code == Errc::busy);
    // It waited the timeout (not less), in short steps (its own handler, not SQLite's).
    CHECK(waited >= std::chrono::milliseconds(50));
}

TEST_CASE("durability full raises synchronous for that transaction only") {
    TempDir dir;
    auto db = Database::open(dir / "c.db");
    auto conn = db.connect();
    {
        auto tx = WriteTransaction::begin(conn, Durability::full);
        REQUIRE(tx.ok());
        CHECK(query_int(conn, "PRAGMA synchronous") == 2);  // FULL
        REQUIRE(tx->commit().ok());
    }
    CHECK(query_int(conn, "PRAGMA synchronous") == 1);
    {
        auto tx = WriteTransaction::begin(conn, Durability::full);
        // rolled back
    }
    CHECK(query_int(conn, "PRAGMA synchronous") == 1);
}

TEST_CASE("a read transaction keeps one snapshot while another connection commits") {
    TempDir dir;
    auto db = Database::open(dir / "c.db");
    auto reader = db.connect();
    auto writer = db.connect();
    exec(writer, "INSERT INTO category (name, path) VALUES ('A', 'A')");
    {
        auto tx = ReadTransaction::begin(reader);
        REQUIRE(tx.ok());
        CHECK(query_int(reader, "SELECT count(*) FROM category") == 1);
        exec(writer, "INSERT INTO category (name, path) VALUES ('B', 'B')");
        CHECK(query_int(reader, "SELECT count(*) FROM category") == 1);
    }
    CHECK(query_int(reader, "SELECT count(*) FROM category") == 2);
}

TEST_CASE("the pool hands out at most pool_size connections and waits for a return") {
    TempDir dir;
    auto db = Database::open(dir / "c.db", {.pool_size = 2});
    auto a = db.connect();
    auto b = db.connect();
    std::atomic<bool> got_third{false};
    std::thread t([&] {
        auto c = db.connect();
        got_third = true;
    });
    std::this_thread::sleep_for(std::chrono::milliseconds(50));
    CHECK_FALSE(got_third.load());
    { auto drop = std::move(a); }
    t.join();
    CHECK(got_third.load());
}

TEST_CASE("a lease dropped inside a transaction is rolled back before reuse") {
    TempDir dir;
    auto db = Database::open(dir / "c.db", {.pool_size = 1});
    {
        auto conn = db.connect();
        exec(conn, "BEGIN IMMEDIATE; INSERT INTO category (name, path) VALUES ('A', 'A')");
    }
    auto conn = db.connect();
    CHECK_FALSE(conn.in_transaction());
    CHECK(query_int(conn, "SELECT count(*) FROM category") == 0);
}

TEST_CASE("connection leases may outlive the Database object") {
    TempDir dir;
    std::optional<Connection> conn;
    {
        auto db = Database::open(dir / "c.db");
        conn.emplace(db.connect());
    }
    CHECK(query_int(*conn, "SELECT 1") == 1);
}
