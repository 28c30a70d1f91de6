#include "catalog/write_transaction.hpp"

#include <utility>

namespace punchout::catalog {

WriteTransaction::WriteTransaction(Connection& conn, bool savepoint, Durability durability) noexcept
    : conn_(&conn), savepoint_(savepoint), durability_(durability) {}

Result<WriteTransaction> WriteTransaction::begin(Connection& conn, Durability durability) {
    if (conn.in_transaction()) {
        // Nested in the caller's transaction: durability is the outer one's business.
        if (auto r = conn.exec("SAVEPOINT write_transaction"); !r)
            return r.error();
        return WriteTransaction(conn, true, Durability::normal);
    }
    if (durability == Durability::full) {
        if (auto r = conn.exec("PRAGMA synchronous = FULL"); !r)
            return r.error();
    }
    if (auto r = conn.exec("BEGIN IMMEDIATE"); !r) {
        if (durability == Durability::full)
            (void)conn.exec("PRAGMA synchronous = NORMAL");
        return r.error();
    }
    return WriteTransaction(conn, false, durability);
}

WriteTransaction::WriteTransaction(WriteTransaction&& other) noexcept
    : conn_(std::exchange(other.conn_, nullptr)),
      savepoint_(other.savepoint_),
      durability_(other.durability_) {}

WriteTransaction::~WriteTransaction() {
    if (!conn_)
        return;
    if (savepoint_) {
        (void)conn_->exec("ROLLBACK TO write_transaction; RELEASE write_transaction");
    } else {
        (void)conn_->exec("ROLLBACK");
        finish_durability();
    }
}

Result<void> WriteTransaction::commit() {
    if (!conn_)
        return Error{Errc::invalid, "transaction already finished"};
    // After some I/O, disk-full and out-of-memory errors SQLite rolls the whole transaction
    // back by itself; a statement ignored on the way (a cleanup, a PRAGMA) would hide it,
    // and RELEASE or COMMIT would then fail as if the request were wrong.
    if (!conn_->in_transaction()) {
        if (!savepoint_)
            finish_durability();
        conn_ = nullptr;
        return Error{Errc::storage,
                     "the database rolled the transaction back (an I/O error, a full disk or "
                     "no memory on the way); nothing was written"};
    }
    auto r = conn_->exec(savepoint_ ? "RELEASE write_transaction" : "COMMIT");
    if (!r)
        return r;  // still open: the destructor rolls back
    if (!savepoint_)
        finish_durability();
    conn_ = nullptr;
    return {};
}

void WriteTransaction::finish_durability() noexcept {
    if (durability_ == Durability::full)
        (void)conn_->exec("PRAGMA synchronous = NORMAL");
}

}  // namespace punchout::catalog
