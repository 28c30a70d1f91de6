#pragma once

#include "catalog/connection.hpp"
#include "catalog/result.hpp"

namespace punchout::catalog {

/// A read-only transaction: every query inside it sees the same snapshot of the database,
/// taken at its first read, even while a writer commits (WAL). Ends when destroyed.
class ReadTransaction {
public:
    /// Starts a read transaction on `conn` (which must not be in a transaction already).
    static Result<ReadTransaction> begin(Connection& conn);

    ReadTransaction(ReadTransaction&& other) noexcept;
    ReadTransaction& operator=(ReadTransaction&&) = delete;
    ReadTransaction(const ReadTransaction&) = delete;
    ~ReadTransaction();

private:
    explicit ReadTransaction(Connection& conn) noexcept : conn_(&conn) {}
    Connection* conn_ = nullptr;
};

}  // namespace punchout::catalog
