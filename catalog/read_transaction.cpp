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
    if (conn_)
        (void)conn_->exec("COMMIT");
}

}  // namespace punchout::catalog
