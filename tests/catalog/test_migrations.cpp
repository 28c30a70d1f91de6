#include "catalog/database.hpp"
#include "catalog/migration.hpp"
#include "tests/catalog/support.hpp"

#include <vector>

using namespace punchout::catalog;
using namespace punchout::catalog::test;

namespace {

std::int64_t user_version(Database& db) {
    auto conn = db.connect();
    return query_int(conn, "PRAGMA user_version");
}

bool has_table(Connection& conn, const std::string& name) {
    return query_int(conn, "SELECT count(*) FROM sqlite_schema WHERE name = '" + name + "'") == 1;
}

}  // namespace

TEST_CASE("the builtin migrations are numbered 1..n and named NNN_name.sql") {
    const auto all = builtin_migrations();
    REQUIRE(all.size() >= 1);
    for (std::size_t i = 0; i < all.size(); ++i) {
        const std::string name(all[i].name);
        CAPTURE(name);
        CHECK(all[i].version == static_cast<int>(i + 1));
        REQUIRE(name.size() > 8);
        CHECK(name.substr(0, 3).find_first_not_of("0123456789") == std::string::npos);
        CHECK(name[3] == '_');
        CHECK(name.substr(4, name.size() - 8)
                  .find_first_not_of("abcdefghijklmnopqrstuvwxyz0123456789_") == std::string::npos);
        CHECK(name.ends_with(".sql"));
        CHECK(std::stoi(name.substr(0, 3)) == all[i].version);
        CHECK_FALSE(all[i].sql.empty());
    }
    CHECK(latest_schema_version() == all.back().version);
}

TEST_CASE("the embedded schema is the text of schemas/ (the binary needs no files)") {
    for (const auto& m : builtin_migrations()) {
        std::ifstream in(
            std::filesystem::path(PUNCHOUT_SOURCE_DIR) / "schemas" / std::string(m.name),
            std::ios::binary);
        REQUIRE(in.good());
        const std::string text((std::istreambuf_iterator<char>(in)), {});
        CHECK(text == m.sql);
    }
}

TEST_CASE("an empty file is migrated to the latest version") {
    TempDir dir;
    auto db = Database::open(dir / "c.db");
    CHECK(db.schema_version() == latest_schema_version());
    CHECK(user_version(db) == latest_schema_version());
    auto conn = db.connect();
    for (const char* table : {"product", "category", "buyer", "buyer_credential", "sender",
                              "sender_buyer", "contract_price", "inventory", "product_fts"}) {
        CAPTURE(table);
        CHECK(has_table(conn, table));
    }
    // Large imports write few, large index segments (see schemas/006_search.sql).
    CHECK(query_int(conn, "SELECT v FROM product_fts_config WHERE k = 'hashsize'") == 33554432);
}

TEST_CASE("opening an already migrated file changes nothing") {
    TempDir dir;
    {
        auto db = Database::open(dir / "c.db");
        auto conn = db.connect();
        exec(conn, "INSERT INTO category (name, path) VALUES ('A', 'A')");
    }
    auto db = Database::open(dir / "c.db");
    CHECK(db.schema_version() == latest_schema_version());
    auto conn = db.connect();
    CHECK(query_int(conn, "SELECT count(*) FROM category") == 1);
}

TEST_CASE("a file at every earlier version migrates up with its data") {
    const auto all = builtin_migrations();
    for (std::size_t k = 0; k < all.size(); ++k) {
        DYNAMIC_SECTION("from version " << k) {
            TempDir dir;
            const auto path = dir / "c.db";
            {
                auto old = Database::open(path, {.migrations = all.first(k)});
                REQUIRE(old.schema_version() == static_cast<int>(k));
                if (k >= 1) {
                    // Version 1 has products: one must survive (and become searchable).
                    auto conn = old.connect();
                    exec(conn,
                         "INSERT INTO product (sku, description, unspsc, uom, list_price, "
                         "currency, created_at, updated_at) VALUES ('KEEP-1', 'Survivor "
                         "widget', '31161500', 'EA', 125000, 'EUR', 0, 0)");
                }
            }
            auto db = Database::open(path);
            CHECK(db.schema_version() == latest_schema_version());
            auto conn = db.connect();
            if (k >= 1) {
                CHECK(query_int(conn, "SELECT list_price FROM product WHERE sku = 'KEEP-1'") ==
                      125000);
                CHECK(query_int(conn,
                                "SELECT count(*) FROM product_fts WHERE product_fts MATCH "
                                "'survivor'") == 1);
            }
        }
    }
}

TEST_CASE("a file newer than this binary is refused with a clear error") {
    TempDir dir;
    const auto path = dir / "c.db";
    { auto db = Database::open(path); }
    const auto all = builtin_migrations();
    try {
        (void)Database::open(path, {.migrations = all.first(all.size() - 1)});
        FAIL("expected an exception");
    } catch (const std::runtime_error& e) {
        const std::string what = e.what();
        CHECK_THAT(what, Catch::Contains("schema version " + std::to_string(all.size())));
        CHECK_THAT(what,
                   Catch::Contains("newer than this program's " + std::to_string(all.size() - 1)));
    }
    // Refusing changed nothing.
    auto db = Database::open(path);
    CHECK(db.schema_version() == latest_schema_version());
}

TEST_CASE("adding a migration is one more entry (what schemas/NNN_x.sql turns into)") {
    TempDir dir;
    const auto path = dir / "c.db";
    { auto db = Database::open(path); }
    std::vector<Migration> extended(builtin_migrations().begin(), builtin_migrations().end());
    const int next = latest_schema_version() + 1;
    extended.push_back({next, "999_sessions.sql",
                        "CREATE TABLE session (id TEXT PRIMARY KEY, buyer_id INTEGER NOT NULL "
                        "REFERENCES buyer (id));"});
    auto db = Database::open(path, {.migrations = extended});
    CHECK(db.schema_version() == next);
    auto conn = db.connect();
    CHECK(has_table(conn, "session"));
}

TEST_CASE("a failing migration is rolled back whole and the file stays at its version") {
    TempDir dir;
    const auto path = dir / "c.db";
    { auto db = Database::open(path); }
    std::vector<Migration> broken(builtin_migrations().begin(), builtin_migrations().end());
    broken.push_back({latest_schema_version() + 1, "999_broken.sql",
                      "CREATE TABLE half_done (x); INSERT INTO no_such_table VALUES (1);"});
    try {
        (void)Database::open(path, {.migrations = broken});
        FAIL("expected an exception");
    } catch (const std::runtime_error& e) {
        CHECK_THAT(e.what(), Catch::Contains("999_broken.sql"));
        CHECK_THAT(e.what(), Catch::Contains("no_such_table"));
    }
    auto db = Database::open(path);
    CHECK(db.schema_version() == latest_schema_version());
    auto conn = db.connect();
    CHECK_FALSE(has_table(conn, "half_done"));
}

TEST_CASE("a migration list with a gap is a programming error") {
    TempDir dir;
    const Migration gap[] = {{1, "001_a.sql", "CREATE TABLE a (x);"},
                             {3, "003_c.sql", "CREATE TABLE c (x);"}};
    CHECK_THROWS_AS(Database::open(dir / "c.db", {.migrations = gap}), std::logic_error);
}
