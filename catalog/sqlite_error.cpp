#include "catalog/detail/sqlite.hpp"

#include <string>

namespace punchout::catalog::detail {

Errc errc_from(int rc) noexcept {
    switch (rc & 0xff) {
        case SQLITE_CONSTRAINT:
            return Errc::constraint;
        case SQLITE_BUSY:
        case SQLITE_LOCKED:
            return Errc::busy;
        case SQLITE_ERROR:
        case SQLITE_MISMATCH:
        case SQLITE_RANGE:
        case SQLITE_TOOBIG:
            return Errc::invalid;
        default:
            return Errc::storage;
    }
}

Error error_from(sqlite3* db, int rc, std::string_view doing) {
    std::string message(doing);
    message += ": ";
    message += db ? sqlite3_errmsg(db) : sqlite3_errstr(rc);
    return Error{errc_from(rc), std::move(message)};
}

}  // namespace punchout::catalog::detail
