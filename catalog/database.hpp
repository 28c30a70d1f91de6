#pragma once

#include "catalog/connection.hpp"
#include "catalog/migration.hpp"

#include <chrono>
#include <cstddef>
#include <filesystem>
#include <memory>
#include <span>

namespace punchout::catalog {

namespace detail {
class Pool;
}

/// How a Database opens its file.
struct DatabaseOptions {
    /// At most this many connections are open at once; `connect()` waits beyond that.
    std::size_t pool_size = 4;
    /// How long a writer waits for another writer's lock before giving up with Errc::busy.
    std::chrono::milliseconds busy_timeout{5000};
    /// Page cache per connection, in KiB.
    std::size_t cache_kib = 16 * 1024;
    /// The migrations to apply on open (tests pass a prefix to build older versions).
    std::span<const Migration> migrations = builtin_migrations();
};

/// The catalog store: one SQLite file in WAL mode and a small pool of connections.
///
/// `open` creates the file readable and writable by its owner only (0600) if it does not
/// exist, switches it to WAL, and applies the migrations it has not seen yet, each in its
/// own transaction, tracking the version in `PRAGMA user_version`. Failing to open or
/// migrate is a start-up error and throws std::runtime_error; so does a file whose schema
/// is newer than this binary's.
class Database {
public:
    /// Opens (and creates and migrates) the database at `path`.
    static Database open(const std::filesystem::path& path, DatabaseOptions options = {});

    /// A connection for the calling thread, handed back to the pool by its destructor.
    /// Waits while all pool_size connections are leased.
    Connection connect();

    /// The file this database lives in.
    const std::filesystem::path& path() const noexcept;

    /// The schema version of the file after opening.
    int schema_version() const noexcept { return schema_version_; }

private:
    Database(std::shared_ptr<detail::Pool> pool, int version);

    std::shared_ptr<detail::Pool> pool_;
    int schema_version_ = 0;
};

}  // namespace punchout::catalog
