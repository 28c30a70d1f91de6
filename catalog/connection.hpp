#pragma once

#include "catalog/result.hpp"
#include "catalog/statement.hpp"

#include <cstdint>
#include <memory>
#include <string_view>

namespace punchout::catalog {

namespace detail {
class Pool;
struct ConnectionState;
}  // namespace detail

/// A leased database connection. Move-only; its destructor hands it back to the pool.
/// A connection is never used by two threads at once (it is opened without SQLite's own
/// mutex), so keep a lease on the thread that took it.
class Connection {
public:
    Connection(Connection&& other) noexcept;
    Connection& operator=(Connection&& other) noexcept;
    Connection(const Connection&) = delete;
    Connection& operator=(const Connection&) = delete;
    ~Connection();

    /// A statement from this connection's cache (prepared once, kept for the connection's
    /// life). Bindings are cleared when the Statement is destroyed. An SQL error in `sql`
    /// is a programming error and throws std::logic_error.
    Statement prepare(std::string_view sql);

    /// A statement prepared for one use and finalized by its destructor.
    Statement prepare_once(std::string_view sql);

    /// Runs one or more statements that return no rows (DDL, PRAGMA, BEGIN ...).
    Result<void> exec(std::string_view sql);

    /// The rowid of the last row inserted on this connection.
    std::int64_t last_insert_rowid() const noexcept;

    /// Rows changed by the last INSERT, UPDATE or DELETE on this connection.
    std::int64_t changes() const noexcept;

    /// Rows changed on this connection since it was opened, triggers and FTS included.
    std::int64_t total_changes() const noexcept;

    /// True inside BEGIN ... COMMIT (or a savepoint).
    bool in_transaction() const noexcept;

private:
    friend class Database;
    Connection(std::shared_ptr<detail::Pool> pool, std::unique_ptr<detail::ConnectionState> state);
    Statement prepare_impl(std::string_view sql, bool cached);

    std::shared_ptr<detail::Pool> pool_;
    std::unique_ptr<detail::ConnectionState> state_;
};

}  // namespace punchout::catalog
