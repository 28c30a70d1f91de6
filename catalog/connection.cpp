#include "catalog/connection.hpp"

#include "catalog/detail/fault_hook.hpp"
#include "catalog/detail/pool.hpp"
#include "catalog/detail/sqlite.hpp"

#include <stdexcept>
#include <string>
#include <utility>

namespace punchout::catalog {

Connection::Connection(std::shared_ptr<detail::Pool> pool,
                       std::unique_ptr<detail::ConnectionState> state)
    : pool_(std::move(pool)), state_(std::move(state)) {}

Connection::Connection(Connection&& other) noexcept = default;

Connection& Connection::operator=(Connection&& other) noexcept {
    if (this != &other) {
        if (state_)
            pool_->release(std::move(state_));
        pool_ = std::move(other.pool_);
        state_ = std::move(other.state_);
    }
    return *this;
}

Connection::~Connection() {
    if (state_)
        pool_->release(std::move(state_));
}

Statement Connection::prepare(std::string_view sql) {
    return prepare_impl(sql, true);
}

Statement Connection::prepare_once(std::string_view sql) {
    return prepare_impl(sql, false);
}

Statement Connection::prepare_impl(std::string_view sql, bool cached) {
    detail::StatementHandle* slot = nullptr;
    if (cached) {
        auto& entry = state_->cache[std::string(sql)];
        if (entry && !entry->leased) {
            entry->leased = true;
            return Statement(entry.get(), false);
        }
        // A second live use of the same SQL (a nested loop) gets its own one-off statement.
        if (!entry) {
            entry = std::make_unique<detail::StatementHandle>();
            entry->cached = true;
            slot = entry.get();
        }
    }
    std::unique_ptr<detail::StatementHandle> owned;
    if (!slot) {
        owned = std::make_unique<detail::StatementHandle>();
        slot = owned.get();
    }
    const int rc = sqlite3_prepare_v3(state_->db, sql.data(), static_cast<int>(sql.size()),
                                      owned ? 0 : SQLITE_PREPARE_PERSISTENT, &slot->stmt, nullptr);
    if (rc != SQLITE_OK) {
        std::string message = "prepare '" + std::string(sql) + "': " + sqlite3_errmsg(state_->db);
        if (cached && !owned)
            state_->cache.erase(std::string(sql));
        throw std::logic_error(message);
    }
    if (owned)
        return Statement(owned.release(), true);
    slot->leased = true;
    return Statement(slot, false);
}

Result<void> Connection::exec(std::string_view sql) {
    if (const int injected = detail::injected_fault(sql))
        return Error{detail::errc_from(injected),
                     std::string(sqlite3_errstr(injected)) + " (injected)"};
    const std::string text(sql);
    char* message = nullptr;
    const int rc = sqlite3_exec(state_->db, text.c_str(), nullptr, nullptr, &message);
    if (rc == SQLITE_OK)
        return {};
    std::string what = message ? message : sqlite3_errstr(rc);
    sqlite3_free(message);
    return Error{detail::errc_from(rc), what};
}

std::int64_t Connection::last_insert_rowid() const noexcept {
    return sqlite3_last_insert_rowid(state_->db);
}

std::int64_t Connection::changes() const noexcept {
    return sqlite3_changes64(state_->db);
}

std::int64_t Connection::total_changes() const noexcept {
    return sqlite3_total_changes64(state_->db);
}

bool Connection::in_transaction() const noexcept {
    return sqlite3_get_autocommit(state_->db) == 0;
}

}  // namespace punchout::catalog
