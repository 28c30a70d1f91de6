#include "catalog/read_transaction.hpp"

#include <utility>

namespace punchout::catalog {

Result<ReadTransaction> ReadTransaction::begin(Connection& conn) {
    // DEFERRED: no lock is taken; the first read fixes the snapshot every later read sees.
    if (auto r = conn.exec("BEGIN DEFERRED"); !r)
        return r.error();
    return ReadTransaction(conn);
}

ReadTransaction::ReadTransaction(ReadTransaction&& other) noexcept
    : conn_(std::exchange(other.conn_, nullptr)) {}

ReadTransaction::~ReadTransaction() {
    // A read has nothing to keep: if COMMIT fails the snapshot must still end, or the next
    // user of this connection would write inside it.
    if (conn_ && !conn_->exec("COMMIT"))
        (void)conn_->exec("ROLLBACK");
}

}  // namespace punchout::catalog
