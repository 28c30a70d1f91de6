#pragma once

// The SQLite handles behind Database, Connection and Statement. Private to catalog/.
#include "catalog/error.hpp"

#include <chrono>
#include <memory>
#include <string>
#include <string_view>
#include <unordered_map>

#include <sqlite3.h>

namespace punchout::catalog::detail {

/// A prepared statement, owned either by a connection's cache or by one Statement.
struct StatementHandle {
    sqlite3_stmt* stmt = nullptr;
    bool cached = false;  // lives in ConnectionState::cache; reset, not finalized, on release
    bool leased = false;  // a Statement currently uses it

    StatementHandle() = default;
    StatementHandle(const StatementHandle&) = delete;
    StatementHandle& operator=(const StatementHandle&) = delete;
    ~StatementHandle() { sqlite3_finalize(stmt); }
};

/// One open SQLite connection with its prepared-statement cache.
struct ConnectionState {
    sqlite3* db = nullptr;
    std::unordered_map<std::string, std::unique_ptr<StatementHandle>> cache;
    /// How long a statement waits for a lock another connection holds (wait_for_lock).
    std::chrono::milliseconds busy_timeout{0};
    std::chrono::steady_clock::time_point busy_since{};

    ConnectionState() = default;
    ConnectionState(const ConnectionState&) = delete;
    ConnectionState& operator=(const ConnectionState&) = delete;
    ~ConnectionState() {
        cache.clear();  // statements first: sqlite3_close refuses while any is alive
        sqlite3_close(db);
    }
};

/// The error kind for an SQLite result code.
Errc errc_from(int rc) noexcept;

/// An Error for a failed call on `db`, prefixed with what was being done.
Error error_from(sqlite3* db, int rc, std::string_view doing);

}  // namespace punchout::catalog::detail
