#include "catalog/database.hpp"

#include "catalog/detail/pool.hpp"
#include "catalog/detail/rank_function.hpp"
#include "catalog/detail/sqlite.hpp"

#include <algorithm>
#include <cerrno>
#include <chrono>
#include <cstdint>
#include <cstring>
#include <fcntl.h>
#include <stdexcept>
#include <string>
#include <thread>
#include <unistd.h>

namespace punchout::catalog {
namespace {

[[noreturn]] void fail(const std::filesystem::path& path, const std::string& what) {
    throw std::runtime_error("database " + path.string() + ": " + what);
}

void exec_or_throw(sqlite3* db, const std::filesystem::path& path, const std::string& sql) {
    char* message = nullptr;
    if (sqlite3_exec(db, sql.c_str(), nullptr, nullptr, &message) != SQLITE_OK) {
        std::string what = message ? message : sqlite3_errmsg(db);
        sqlite3_free(message);
        fail(path, what + " (in: " + sql.substr(0, 60) + ")");
    }
}

int user_version(sqlite3* db, const std::filesystem::path& path) {
    sqlite3_stmt* stmt = nullptr;
    if (sqlite3_prepare_v2(db, "PRAGMA user_version", -1, &stmt, nullptr) != SQLITE_OK) {
        fail(path, sqlite3_errmsg(db));
    }
    int version = 0;
    const int rc = sqlite3_step(stmt);
    if (rc == SQLITE_ROW)
        version = sqlite3_column_int(stmt, 0);
    sqlite3_finalize(stmt);
    if (rc != SQLITE_ROW)
        fail(path, std::string("reading the schema version: ") + sqlite3_errstr(rc));
    return version;
}

void check_migration_list(std::span<const Migration> migrations) {
    int expected = 1;
    for (const auto& m : migrations) {
        if (m.version != expected) {
            throw std::logic_error("migration " + std::string(m.name) + " has version " +
                                   std::to_string(m.version) + ", expected " +
                                   std::to_string(expected));
        }
        ++expected;
    }
}

constexpr std::string_view foreign_keys_off_marker = "-- punchout: foreign-keys-off";

// True when PRAGMA foreign_key_check finds no row pointing nowhere.
bool foreign_keys_hold(sqlite3* db) {
    sqlite3_stmt* stmt = nullptr;
    if (sqlite3_prepare_v2(db, "PRAGMA foreign_key_check", -1, &stmt, nullptr) != SQLITE_OK)
        return false;
    const bool clean = sqlite3_step(stmt) == SQLITE_DONE;
    sqlite3_finalize(stmt);
    return clean;
}

// Applies every migration newer than the file's user_version. Each runs in its own
// IMMEDIATE transaction that re-reads the version first, so two processes opening the same
// new file at once cannot both apply a step.
int migrate(sqlite3* db, const std::filesystem::path& path, std::span<const Migration> all) {
    const int known = static_cast<int>(all.size());
    for (;;) {
        exec_or_throw(db, path, "BEGIN IMMEDIATE");
        const int current = user_version(db, path);
        if (current > known) {
            exec_or_throw(db, path, "ROLLBACK");
            fail(path, "its schema version " + std::to_string(current) +
                           " is newer than this program's " + std::to_string(known) +
                           "; it was written by a newer punchout release, use that release");
        }
        if (current == known) {
            exec_or_throw(db, path, "COMMIT");
            return current;
        }
        const Migration& next = all[static_cast<std::size_t>(current)];
        // A step that rebuilds a referenced table runs with foreign keys off (SQLite's
        // "making other kinds of table schema changes" procedure). The pragma is a no-op
        // inside a transaction, so the transaction is restarted around it.
        const bool keys_off = std::string_view(next.sql).starts_with(foreign_keys_off_marker);
        if (keys_off) {
            exec_or_throw(db, path, "ROLLBACK");
            exec_or_throw(db, path, "PRAGMA foreign_keys = OFF");
            exec_or_throw(db, path, "BEGIN IMMEDIATE");
            if (user_version(db, path) != current) {
                exec_or_throw(db, path, "ROLLBACK");
                exec_or_throw(db, path, "PRAGMA foreign_keys = ON");
                continue;  // another process applied it meanwhile
            }
        }
        char* message = nullptr;
        const std::string sql(next.sql);
        if (sqlite3_exec(db, sql.c_str(), nullptr, nullptr, &message) != SQLITE_OK) {
            std::string what = message ? message : sqlite3_errmsg(db);
            sqlite3_free(message);
            sqlite3_exec(db, "ROLLBACK", nullptr, nullptr, nullptr);
            fail(path, "migration " + std::string(next.name) + " failed: " + what);
        }
        if (keys_off && !foreign_keys_hold(db)) {
            sqlite3_exec(db, "ROLLBACK", nullptr, nullptr, nullptr);
            sqlite3_exec(db, "PRAGMA foreign_keys = ON", nullptr, nullptr, nullptr);
            fail(path, "migration " + std::string(next.name) +
                           " left rows whose foreign keys point nowhere");
        }
        exec_or_throw(db, path, "PRAGMA user_version = " + std::to_string(next.version));
        exec_or_throw(db, path, "COMMIT");
        if (keys_off)
            exec_or_throw(db, path, "PRAGMA foreign_keys = ON");
    }
}

// Creates the file with mode 0600 before SQLite does, so the catalog (which holds MAC keys
// and password hashes) is never readable by others, not even for a moment. SQLite gives the
// -wal and -shm files the same mode as the database file.
void create_private_file(const std::filesystem::path& path) {
    const int fd = ::open(path.c_str(), O_WRONLY | O_CREAT | O_EXCL | O_CLOEXEC, 0600);
    if (fd >= 0) {
        ::close(fd);
        return;
    }
    if (errno != EEXIST)
        fail(path, std::string("cannot create: ") + std::strerror(errno));
}

}  // namespace

namespace detail {

// SQLite's own busy timeout sleeps 1, 2, 5, 10, ... up to 100 ms between tries, so a
// writer that finds the lock taken (a setup's session behind an API batch) often sleeps on
// long after it was released and loses to the next batch: its p99 grew eightfold beside
// stock batches. Waiting in steps of at most a millisecond, a writer takes the lock
// within about a millisecond of its release; a try costs a few microseconds.
int wait_for_lock(void* arg, int tries) {
    auto* state = static_cast<ConnectionState*>(arg);
    const auto now = std::chrono::steady_clock::now();
    if (tries == 0)
        state->busy_since = now;
    if (now - state->busy_since >= state->busy_timeout)
        return 0;  // SQLITE_BUSY to the caller
    const auto step = std::chrono::microseconds(std::int64_t{50} << std::min(tries, 5));
    std::this_thread::sleep_for(
        std::min<std::chrono::microseconds>(step, std::chrono::milliseconds(1)));
    return 1;
}

Pool::Pool(std::filesystem::path path, DatabaseOptions options)
    : path_(std::move(path)), options_(options) {}

std::unique_ptr<ConnectionState> Pool::open_connection() const {
    auto state = std::make_unique<ConnectionState>();
    const int rc = sqlite3_open_v2(path_.c_str(), &state->db,
                                   SQLITE_OPEN_READWRITE | SQLITE_OPEN_NOMUTEX, nullptr);
    if (rc != SQLITE_OK) {
        fail(path_, state->db ? sqlite3_errmsg(state->db) : sqlite3_errstr(rc));
    }
    sqlite3_extended_result_codes(state->db, 1);
    if (!detail::register_rank_function(state->db)) {
        fail(path_, "this SQLite has no FTS5 (the catalog search needs it)");
    }
    state->busy_timeout = options_.busy_timeout;
    sqlite3_busy_handler(state->db, wait_for_lock, state.get());
    exec_or_throw(state->db, path_,
                  "PRAGMA foreign_keys = ON;"
                  "PRAGMA synchronous = NORMAL;"
                  "PRAGMA cache_size = -" +
                      std::to_string(options_.cache_kib) + ";");
    return state;
}

std::unique_ptr<ConnectionState> Pool::acquire() {
    std::unique_lock lock(mutex_);
    for (;;) {
        if (!idle_.empty()) {
            auto state = std::move(idle_.back());
            idle_.pop_back();
            return state;
        }
        if (open_count_ < options_.pool_size) {
            ++open_count_;
            lock.unlock();
            try {
                return open_connection();
            } catch (...) {
                lock.lock();
                --open_count_;
                throw;
            }
        }
        returned_.wait(lock);
    }
}

void Pool::release(std::unique_ptr<ConnectionState> state) noexcept {
    // A lease dropped inside a transaction (an exception unwound past its owner) must not
    // hand the next user a half-finished transaction.
    if (sqlite3_get_autocommit(state->db) == 0) {
        sqlite3_exec(state->db, "ROLLBACK", nullptr, nullptr, nullptr);
    }
    {
        std::lock_guard lock(mutex_);
        idle_.push_back(std::move(state));
    }
    returned_.notify_one();
}

}  // namespace detail

Database::Database(std::shared_ptr<detail::Pool> pool, int version)
    : pool_(std::move(pool)), schema_version_(version) {}

Database Database::open(const std::filesystem::path& path, DatabaseOptions options) {
    check_migration_list(options.migrations);
    if (options.pool_size == 0)
        options.pool_size = 1;
    create_private_file(path);
    auto pool = std::make_shared<detail::Pool>(path, options);
    auto first = pool->acquire();
    // WAL lets readers keep their snapshot while an import commits; the mode is stored in
    // the file, so this only changes something the first time.
    sqlite3_stmt* stmt = nullptr;
    std::string mode;
    if (sqlite3_prepare_v2(first->db, "PRAGMA journal_mode = WAL", -1, &stmt, nullptr) ==
            SQLITE_OK &&
        sqlite3_step(stmt) == SQLITE_ROW) {
        mode = reinterpret_cast<const char*>(sqlite3_column_text(stmt, 0));
    }
    sqlite3_finalize(stmt);
    if (mode != "wal")
        fail(path, "cannot switch to WAL journal mode (got '" + mode + "')");

    const int version = migrate(first->db, path, options.migrations);
    Database db(pool, version);
    pool->release(std::move(first));
    return db;
}

Connection Database::connect() {
    return Connection(pool_, pool_->acquire());
}

const std::filesystem::path& Database::path() const noexcept {
    return pool_->path();
}

}  // namespace punchout::catalog
