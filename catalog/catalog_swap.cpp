#include "catalog/detail/catalog_swap.hpp"

#include "catalog/detail/secret_hash.hpp"
#include "catalog/write_transaction.hpp"

#include <algorithm>
#include <cctype>
#include <limits>
#include <thread>

namespace punchout::catalog::detail {
namespace {

constexpr const char* serving = "product";
constexpr const char* serving_fts = "product_fts";
constexpr const char* next_table = "product_next";
constexpr const char* next_fts = "product_fts_next";
constexpr const char* old_table = "product_old";
constexpr const char* old_fts = "product_fts_old";
// Index names are global in SQLite and cannot be renamed, so the next table's indexes take
// the other of two names: `product_category` one import, `product_category_alt` the next.
constexpr std::string_view alt_suffix = "_alt";

// FTS5's shadow tables that grow with the catalog and have rowids to delete by (the others,
// `_idx` and `_config`, stay small). `_data` keeps its records up to rowid 10 (the averages
// and the structure): without them FTS5 cannot open the table, not even to drop it.
struct Shadow {
    const char* suffix;
    std::int64_t keep_up_to;
};
constexpr Shadow fts_row_shadows[] = {{"_data", 10}, {"_docsize", 0}};

// Waiting longer than this for the write lock means other writers (the gateway's) want it:
// the build then rests longer after each step, up to max_yield times the step.
constexpr std::chrono::microseconds contended{500};
constexpr double max_yield = 16.0;

constexpr std::int64_t min_rows = 50;
constexpr std::int64_t max_rows = 50000;

std::string quoted(std::string_view name) {
    std::string out = "\"";
    for (const char c : name) {
        out += c;
        if (c == '"')
            out += '"';
    }
    return out + '"';
}

std::size_t find_keyword(const std::string& sql, std::string_view keyword) {
    std::string upper(sql.size(), ' ');
    std::transform(sql.begin(), sql.end(), upper.begin(),
                   [](unsigned char c) { return static_cast<char>(std::toupper(c)); });
    return upper.find(keyword);
}

Result<bool> exists(Connection& conn, const std::string& name) {
    auto st = conn.prepare("SELECT 1 FROM main.sqlite_schema WHERE name = ?1");
    st.bind(1, name);
    return st.step();
}

Result<std::string> stored_sql(Connection& conn, const std::string& name) {
    auto st = conn.prepare("SELECT sql FROM main.sqlite_schema WHERE name = ?1");
    st.bind(1, name);
    auto r = st.step();
    if (!r)
        return r.error();
    if (!*r)
        return Error{Errc::storage, "the catalog has no table " + name};
    return st.text(0);
}

struct Trigger {
    std::string name, sql;
};

Result<std::vector<Trigger>> triggers_on(Connection& conn, const std::string& table) {
    std::vector<Trigger> out;
    auto st = conn.prepare_once(
        "SELECT name, sql FROM main.sqlite_schema WHERE type = 'trigger' AND tbl_name = ?1");
    st.bind(1, table);
    if (auto r = st.for_each_row([&](Statement& row) {
            out.push_back({row.text(0), row.text(1)});
        });
        !r) {
        return r.error();
    }
    return out;
}

}  // namespace

Result<void> refuse_during_catalog_build(Connection& conn) {
    const std::int64_t live_since = to_unix(now()) - abandoned_build_after.count();
    // A writer that goes ahead past an abandoned build retires its claim in the same
    // transaction: should the build only have stalled, its next step and its swap find the
    // claim gone and stop, instead of swapping away what was written meanwhile.
    auto retire = conn.prepare(
        "DELETE FROM main.catalog_build WHERE phase = 'building' AND heartbeat_at < ?1");
    retire.bind(1, live_since);
    if (auto d = retire.run(); !d)
        return d;
    auto st = conn.prepare(
        "SELECT source, started_at FROM main.catalog_build"
        " WHERE phase = 'building' AND heartbeat_at >= ?1");
    st.bind(1, live_since);
    auto r = st.step();
    if (!r)
        return r.error();
    if (!*r)
        return {};
    return Error{Errc::in_progress,
                 "a catalog import (" + st.text(0) + ", started " +
                     format_timestamp(from_unix(st.int64(1))) +
                     ") is replacing the catalog; products and list prices can be changed again "
                     "once it is swapped in"};
}

CatalogSwap::CatalogSwap(Connection& conn, SwapPacing pacing)
    : conn_(conn),
      pacing_(pacing),
      token_(random_hex(16)),
      rows_(pacing.first_rows),
      yield_(pacing.yield) {}

CatalogSwap::~CatalogSwap() {
    // Best effort: whatever is left here the next import clears.
    if (!claimed_)
        return;
    if (!swapped_) {
        // Nothing of the build will be served: writers go ahead while its tables go.
        (void)timed([&]() -> Result<void> {
            auto st =
                conn_.prepare("UPDATE main.catalog_build SET phase = 'clearing' WHERE token = ?1");
            st.bind(1, token_);
            return st.run();
        });
        (void)drop_in_steps(next_fts);
        (void)drop_in_steps(next_table);
    } else {
        (void)finish();
    }
    if (claimed_)
        (void)release();
}

Result<void> CatalogSwap::timed(const std::function<Result<void>()>& work) {
    using std::chrono::duration_cast;
    using std::chrono::microseconds;
    const auto asked = std::chrono::steady_clock::now();
    auto tx = WriteTransaction::begin(conn_);
    if (!tx)
        return tx.error();
    const auto taken = std::chrono::steady_clock::now();
    if (auto r = work(); !r)
        return r.error();
    if (auto r = tx->commit(); !r)
        return r.error();
    last_wait_ = duration_cast<microseconds>(taken - asked);
    last_ = duration_cast<microseconds>(std::chrono::steady_clock::now() - taken);
    longest_ = std::max(longest_, last_);
    return {};
}

Result<void> CatalogSwap::claim(std::string_view source) {
    const Timestamp now = catalog::now();
    auto r = timed([&]() -> Result<void> {
        auto st = conn_.prepare(
            "SELECT source, started_at, phase FROM main.catalog_build WHERE heartbeat_at >= ?1");
        st.bind(1, to_unix(now) - abandoned_build_after.count());
        auto r = st.step();
        if (!r)
            return r.error();
        if (*r) {
            return Error{Errc::in_progress,
                         "another catalog import (" + st.text(0) + ", started " +
                             format_timestamp(from_unix(st.int64(1))) + ") is " +
                             (st.text(2) == "building" ? "being applied" : "clearing up") +
                             "; run this one when it has finished"};
        }
        auto put = conn_.prepare(
            "INSERT OR REPLACE INTO main.catalog_build"
            " (id, token, source, phase, started_at, heartbeat_at)"
            " VALUES (1, ?1, ?2, 'building', ?3, ?3)");
        put.bind(1, token_).bind(2, source).bind(3, to_unix(now));
        return put.run();
    });
    if (r)
        claimed_ = true;
    return r;
}

Result<void> CatalogSwap::release() {
    auto r = timed([&]() -> Result<void> {
        auto st = conn_.prepare("DELETE FROM main.catalog_build WHERE token = ?1");
        st.bind(1, token_);
        return st.run();
    });
    if (r)
        claimed_ = false;
    return r;
}

Result<void> CatalogSwap::step(const std::function<Result<void>(std::int64_t rows)>& work) {
    auto r = timed([&]() -> Result<void> {
        const std::int64_t at = to_unix(now());
        auto beat = conn_.prepare(
            "UPDATE main.catalog_build SET heartbeat_at = ?2 WHERE token = ?1 AND heartbeat_at >= "
            "?3");
        beat.bind(1, token_).bind(2, at).bind(3, at - abandoned_build_after.count());
        if (auto b = beat.run(); !b)
            return b.error();
        if (conn_.changes() == 0) {
            return Error{Errc::in_progress, "this import stalled for over " +
                                                std::to_string(abandoned_build_after.count()) +
                                                " s, so other writers went ahead of it; nothing "
                                                "was changed, import the file again"};
        }
        return work(rows_);
    });
    if (!r)
        return r;
    // Rows per step in proportion to how far the last step was from the target, at most
    // doubling or halving at once.
    const double last = static_cast<double>(std::max<std::int64_t>(last_.count(), 1));
    const double scale = std::clamp(static_cast<double>(pacing_.step.count()) / last, 0.5, 2.0);
    rows_ = std::clamp<std::int64_t>(static_cast<std::int64_t>(static_cast<double>(rows_) * scale),
                                     min_rows, max_rows);
    // The frames this step wrote are copied into the database file here, off the lock, so
    // that the gateway's next commit does not find them over SQLite's auto-checkpoint
    // threshold and copy them inside a request. PASSIVE: it waits for no reader or writer.
    (void)conn_.exec("PRAGMA main.wal_checkpoint(PASSIVE)");
    // Back off while others wait for the lock, creep back when they stop.
    yield_ = last_wait_ > contended ? std::min(yield_ * 2, max_yield)
                                    : std::max(yield_ * 0.9, pacing_.yield);
    const auto rest = std::chrono::duration_cast<std::chrono::microseconds>(last_ * yield_);
    std::this_thread::sleep_for(std::max(rest, pacing_.pause));
    return {};
}

void CatalogSwap::next_phase(std::int64_t first_rows) {
    rows_ = std::clamp(first_rows, min_rows, max_rows);
}

Result<void> CatalogSwap::drop_in_steps(const std::string& table) {
    auto present = exists(conn_, table);
    if (!present)
        return present.error();
    if (!*present)
        return {};
    auto sql = stored_sql(conn_, table);
    if (!sql)
        return sql.error();
    std::vector<std::pair<std::string, std::int64_t>> emptied;
    if (find_keyword(*sql, "CREATE VIRTUAL TABLE") == 0) {
        for (const auto& shadow : fts_row_shadows)
            emptied.emplace_back(table + shadow.suffix, shadow.keep_up_to);
    } else {
        emptied.emplace_back(table, std::numeric_limits<std::int64_t>::min());
    }
    for (const auto& [t, keep_up_to] : emptied) {
        next_phase(pacing_.first_rows);
        auto has = exists(conn_, t);
        if (!has)
            return has.error();
        bool more = *has;
        while (more) {
            auto r = step([&](std::int64_t rows) -> Result<void> {
                auto st = conn_.prepare("DELETE FROM main." + quoted(t) +
                                        " WHERE rowid IN (SELECT rowid FROM main." + quoted(t) +
                                        " WHERE rowid > ?2 LIMIT ?1)");
                st.bind(1, rows).bind(2, keep_up_to);
                if (auto d = st.run(); !d)
                    return d.error();
                more = conn_.changes() > 0;
                return {};
            });
            if (!r)
                return r;
        }
    }
    // Empty now: dropping frees only the few pages left. Its triggers go with it.
    return timed([&]() -> Result<void> {
        auto triggers = triggers_on(conn_, table);
        if (!triggers)
            return triggers.error();
        for (const auto& t : *triggers) {
            if (auto r = conn_.exec("DROP TRIGGER main." + quoted(t.name)); !r)
                return r.error();
        }
        return conn_.exec("DROP TABLE main." + quoted(table));
    });
}

Result<void> CatalogSwap::clear_leftovers() {
    for (const char* t : {next_fts, next_table, old_fts, old_table}) {
        if (auto r = drop_in_steps(t); !r)
            return r;
    }
    return {};
}

Result<void> CatalogSwap::begin(std::string_view source,
                                const std::function<Result<void>()>& prepare) {
    if (auto r = claim(source); !r)
        return r;
    if (auto r = clear_leftovers(); !r)
        return r;
    return timed([&]() -> Result<void> {
        auto table = stored_sql(conn_, serving);
        if (!table)
            return table.error();
        const std::size_t paren = table->find('(');
        if (paren == std::string::npos)
            return Error{Errc::storage, "cannot read the product table's definition"};
        if (auto r = conn_.exec("CREATE TABLE main." + std::string(next_table) + " " +
                                table->substr(paren));
            !r) {
            return r.error();
        }

        std::vector<std::string> indexes;
        std::string unreadable;
        {
            auto st = conn_.prepare_once(
                "SELECT name, sql FROM main.sqlite_schema"
                " WHERE type = 'index' AND tbl_name = ?1 AND sql IS NOT NULL");
            st.bind(1, serving);
            if (auto r = st.for_each_row([&](Statement& row) {
                    std::string name = row.text(0);
                    const std::string sql = row.text(1);
                    name = name.ends_with(alt_suffix)
                               ? name.substr(0, name.size() - alt_suffix.size())
                               : name + std::string(alt_suffix);
                    const std::size_t on = find_keyword(sql, " ON ");
                    const std::size_t cols =
                        on == std::string::npos ? std::string::npos : sql.find('(', on);
                    if (cols == std::string::npos) {
                        unreadable = name;
                        return;
                    }
                    const bool unique = find_keyword(sql, "CREATE UNIQUE INDEX") == 0;
                    indexes.push_back(
                        std::string(unique ? "CREATE UNIQUE INDEX " : "CREATE INDEX ") + "main." +
                        quoted(name) + " ON " + next_table + " " + sql.substr(cols));
                });
                !r) {
                return r.error();
            }
        }
        if (!unreadable.empty())
            return Error{Errc::storage, "cannot read the definition of index " + unreadable};
        for (const auto& sql : indexes) {
            if (auto r = conn_.exec(sql); !r)
                return r.error();
        }

        // The next index keeps `content = 'product'`: it is only read once it serves, and then
        // `product` is the table it was built from.
        auto fts = stored_sql(conn_, serving_fts);
        if (!fts)
            return fts.error();
        const std::size_t using_at = find_keyword(*fts, " USING ");
        if (using_at == std::string::npos)
            return Error{Errc::storage, "cannot read the search index's definition"};
        if (auto r = conn_.exec("CREATE VIRTUAL TABLE main." + std::string(next_fts) +
                                fts->substr(using_at));
            !r) {
            return r.error();
        }
        std::vector<std::pair<std::string, std::string>> settings;
        {
            auto st =
                conn_.prepare_once("SELECT k, v FROM main.product_fts_config WHERE k <> 'version'");
            if (auto r = st.for_each_row(
                    [&](Statement& row) { settings.emplace_back(row.text(0), row.text(1)); });
                !r) {
                return r.error();
            }
        }
        for (const auto& [k, v] : settings) {
            auto st = conn_.prepare_once(
                "INSERT INTO main.product_fts_next (product_fts_next, rank)"
                " VALUES (?1, ?2)");
            st.bind(1, k).bind(2, v);
            if (auto r = st.run(); !r)
                return r.error();
        }
        fts_columns_.clear();
        {
            auto st = conn_.prepare_once("SELECT name FROM pragma_table_info('product_fts')");
            if (auto r =
                    st.for_each_row([&](Statement& row) { fts_columns_.push_back(row.text(0)); });
                !r) {
                return r.error();
            }
        }
        return prepare();
    });
}

Result<void> CatalogSwap::swap(std::string_view removed) {
    // Renaming with legacy_alter_table on and foreign keys off rewrites only the renamed
    // table's own definition: the REFERENCES product clauses of other tables, and the
    // bodies of triggers and views, keep naming `product`, which is then the new table.
    // Both pragmas are no-ops inside a transaction, so they are set around it.
    if (auto r = conn_.exec("PRAGMA foreign_keys = OFF; PRAGMA legacy_alter_table = ON"); !r)
        return r;
    struct Restore {
        Connection& conn;
        ~Restore() { (void)conn.exec("PRAGMA legacy_alter_table = OFF; PRAGMA foreign_keys = ON"); }
    } restore{conn_};

    auto r = timed([&]() -> Result<void> {
        {
            auto st = conn_.prepare(
                "UPDATE main.catalog_build SET phase = 'clearing', heartbeat_at = ?2"
                " WHERE token = ?1 AND phase = 'building' AND heartbeat_at >= ?3");
            const std::int64_t at = to_unix(now());
            st.bind(1, token_).bind(2, at).bind(3, at - abandoned_build_after.count());
            if (auto u = st.run(); !u)
                return u.error();
            if (conn_.changes() == 0)
                return Error{Errc::in_progress,
                             "this import lost its claim on the catalog; nothing was changed"};
        }
        // What the foreign keys would have done had the removed products been deleted.
        struct Child {
            std::string table, column, on_delete, parent_column;
        };
        std::vector<Child> children;
        {
            auto st = conn_.prepare_once(
                "SELECT m.name, f.\"from\", f.on_delete, coalesce(f.\"to\", 'id')"
                " FROM main.sqlite_schema m, pragma_foreign_key_list(m.name) f"
                " WHERE m.type = 'table' AND lower(f.\"table\") = 'product' AND"
                " m.name NOT IN ('product', 'product_next', 'product_old')");
            if (auto q = st.for_each_row([&](Statement& row) {
                    children.push_back({row.text(0), row.text(1), row.text(2), row.text(3)});
                });
                !q) {
                return q.error();
            }
        }
        const std::string gone = " IN (SELECT id FROM " + std::string(removed) + ")";
        for (const auto& c : children) {
            // Removed products are known by id; a reference by another column would need
            // its own list.
            if (c.parent_column != "id") {
                return Error{Errc::storage, c.table + "." + c.column + " references product." +
                                                c.parent_column + ", which a swap cannot follow"};
            }
            std::string sql;
            if (c.on_delete == "CASCADE") {
                sql = "DELETE FROM main." + quoted(c.table) + " WHERE " + quoted(c.column) + gone;
            } else if (c.on_delete == "SET NULL") {
                sql = "UPDATE main." + quoted(c.table) + " SET " + quoted(c.column) +
                      " = NULL WHERE " + quoted(c.column) + gone;
            } else {
                auto st = conn_.prepare_once("SELECT 1 FROM main." + quoted(c.table) + " WHERE " +
                                             quoted(c.column) + gone + " LIMIT 1");
                auto any = st.step();
                if (!any)
                    return any.error();
                if (*any) {
                    return Error{Errc::constraint,
                                 "products this import removes are still used by " + c.table + "." +
                                     c.column};
                }
                continue;
            }
            if (auto e = conn_.exec(sql); !e)
                return e.error();
        }

        auto triggers = triggers_on(conn_, serving);
        if (!triggers)
            return triggers.error();
        for (const auto& t : *triggers) {
            if (auto e = conn_.exec("DROP TRIGGER main." + quoted(t.name)); !e)
                return e.error();
        }
        const std::string rename = std::string("ALTER TABLE main.") + serving + " RENAME TO " +
                                   old_table + "; ALTER TABLE main." + next_table + " RENAME TO " +
                                   serving + "; ALTER TABLE main." + serving_fts + " RENAME TO " +
                                   old_fts + "; ALTER TABLE main." + next_fts + " RENAME TO " +
                                   serving_fts;
        if (auto e = conn_.exec(rename); !e)
            return e.error();
        // Re-created from their stored text, the triggers name `product` and `product_fts`
        // again, now the new tables.
        for (const auto& t : *triggers) {
            if (auto e = conn_.exec(t.sql); !e)
                return e.error();
        }
        return {};
    });
    if (!r)
        return r;
    swapped_ = true;
    return {};
}

Result<void> CatalogSwap::finish() {
    if (auto r = drop_in_steps(old_fts); !r)
        return r;
    if (auto r = drop_in_steps(old_table); !r)
        return r;
    if (claimed_)
        return release();
    return {};
}

}  // namespace punchout::catalog::detail
