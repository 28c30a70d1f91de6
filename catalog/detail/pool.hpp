#pragma once

#include "catalog/database.hpp"
#include "catalog/detail/sqlite.hpp"

#include <condition_variable>
#include <filesystem>
#include <memory>
#include <mutex>
#include <vector>

namespace punchout::catalog::detail {

/// The connections of one Database. Shared by the Database and every Connection lease, so
/// a lease handed back after the Database is gone still finds its pool.
class Pool {
public:
    Pool(std::filesystem::path path, DatabaseOptions options);

    /// An idle connection, a new one while fewer than pool_size are open, else waits.
    std::unique_ptr<ConnectionState> acquire();
    /// Hands a connection back (rolled back to autocommit first if a transaction leaked).
    void release(std::unique_ptr<ConnectionState> state) noexcept;

    /// Opens and configures a connection; throws std::runtime_error when the file cannot
    /// be opened.
    std::unique_ptr<ConnectionState> open_connection() const;

    const std::filesystem::path& path() const noexcept { return path_; }
    const DatabaseOptions& options() const noexcept { return options_; }

private:
    std::filesystem::path path_;
    DatabaseOptions options_;
    std::mutex mutex_;
    std::condition_variable returned_;
    std::vector<std::unique_ptr<ConnectionState>> idle_;
    std::size_t open_count_ = 0;
};

}  // namespace punchout::catalog::detail
