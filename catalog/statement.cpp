#include "catalog/statement.hpp"

#include "catalog/detail/fault_hook.hpp"
#include "catalog/detail/sqlite.hpp"

#include <stdexcept>
#include <utility>

namespace punchout::catalog {
namespace {

void check_bind(detail::StatementHandle* h, int rc, int index) {
    // A failed bind means a wrong index or out of memory: a bug, not an input problem.
    if (rc != SQLITE_OK) {
        throw std::logic_error("bind parameter " + std::to_string(index) + " of '" +
                               sqlite3_sql(h->stmt) + "': " + sqlite3_errstr(rc));
    }
}

}  // namespace

Statement::Statement(detail::StatementHandle* handle, bool owned) noexcept
    : handle_(handle), owned_(owned) {}

Statement::Statement(Statement&& other) noexcept
    : handle_(std::exchange(other.handle_, nullptr)), owned_(other.owned_) {}

Statement& Statement::operator=(Statement&& other) noexcept {
    if (this != &other) {
        release();
        handle_ = std::exchange(other.handle_, nullptr);
        owned_ = other.owned_;
    }
    return *this;
}

Statement::~Statement() {
    release();
}

void Statement::release() noexcept {
    if (!handle_)
        return;
    if (owned_) {
        delete handle_;
    } else {
        sqlite3_reset(handle_->stmt);
        sqlite3_clear_bindings(handle_->stmt);
        handle_->leased = false;
    }
    handle_ = nullptr;
}

Statement& Statement::bind(int index, std::int64_t value) {
    check_bind(handle_, sqlite3_bind_int64(handle_->stmt, index, value), index);
    return *this;
}

Statement& Statement::bind(int index, std::string_view value) {
    // A default std::string_view has no data pointer, which SQLite would bind as NULL; text
    // is always text, empty or not (bind nullptr for NULL).
    static constexpr char empty[] = "";
    check_bind(handle_,
               sqlite3_bind_text64(handle_->stmt, index, value.data() ? value.data() : empty,
                                   value.size(), SQLITE_TRANSIENT, SQLITE_UTF8),
               index);
    return *this;
}

Statement& Statement::bind(int index, std::nullptr_t) {
    check_bind(handle_, sqlite3_bind_null(handle_->stmt, index), index);
    return *this;
}

int Statement::parameter_count() const noexcept {
    return sqlite3_bind_parameter_count(handle_->stmt);
}

Result<bool> Statement::step() {
    if (const int injected = detail::injected_fault(sqlite3_sql(handle_->stmt))) {
        // As if the step had failed; the statement itself is untouched.
        return Error{detail::errc_from(injected),
                     std::string("SQL step: ") + sqlite3_errstr(injected) + " (injected)"};
    }
    const int rc = sqlite3_step(handle_->stmt);
    if (rc == SQLITE_ROW)
        return true;
    if (rc == SQLITE_DONE)
        return false;
    sqlite3* db = sqlite3_db_handle(handle_->stmt);
    Error error = detail::error_from(db, rc, "SQL step");
    // Leave the statement ready for another run; the error is already captured.
    sqlite3_reset(handle_->stmt);
    return error;
}

Result<void> Statement::run() {
    for (;;) {
        auto r = step();
        if (!r)
            return r.error();
        if (!*r)
            return {};
    }
}

void Statement::reset() noexcept {
    sqlite3_reset(handle_->stmt);
    sqlite3_clear_bindings(handle_->stmt);
}

bool Statement::is_null(int column) const noexcept {
    return sqlite3_column_type(handle_->stmt, column) == SQLITE_NULL;
}

std::int64_t Statement::int64(int column) const noexcept {
    return sqlite3_column_int64(handle_->stmt, column);
}

std::string_view Statement::text_view(int column) const noexcept {
    const auto* p = sqlite3_column_text(handle_->stmt, column);
    if (!p)
        return {};
    const int n = sqlite3_column_bytes(handle_->stmt, column);
    return {reinterpret_cast<const char*>(p), static_cast<std::size_t>(n)};
}

double Statement::real(int column) const noexcept {
    return sqlite3_column_double(handle_->stmt, column);
}

Statement& Statement::bind_blob(int index, std::string_view bytes) {
    static constexpr char empty[] = "";
    check_bind(handle_,
               sqlite3_bind_blob64(handle_->stmt, index, bytes.data() ? bytes.data() : empty,
                                   bytes.size(), SQLITE_TRANSIENT),
               index);
    return *this;
}

std::string Statement::blob(int column) const {
    const auto* p = static_cast<const char*>(sqlite3_column_blob(handle_->stmt, column));
    if (!p)
        return {};
    return std::string(p, static_cast<std::size_t>(sqlite3_column_bytes(handle_->stmt, column)));
}

std::string Statement::text(int column) const {
    return std::string(text_view(column));
}

std::optional<std::int64_t> Statement::optional_int64(int column) const noexcept {
    if (is_null(column))
        return std::nullopt;
    return int64(column);
}

std::optional<std::string> Statement::optional_text(int column) const {
    if (is_null(column))
        return std::nullopt;
    return text(column);
}

}  // namespace punchout::catalog
