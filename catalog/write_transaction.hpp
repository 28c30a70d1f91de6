#pragma once

#include "catalog/connection.hpp"
#include "catalog/result.hpp"

#include <string>

namespace punchout::catalog {

/// How hard a commit tries to survive power loss.
enum class Durability {
    normal,  ///< WAL with synchronous=NORMAL: safe against crashes; catalog data
    full,    ///< synchronous=FULL for this transaction: orders and outbound documents
};

/// A write transaction: BEGIN IMMEDIATE, so the write lock is taken up front (or Errc::busy
/// after the busy timeout) instead of failing half-way. Rolled back unless committed.
///
/// On a connection already inside a transaction it becomes a SAVEPOINT, so library
/// functions that write can be composed into one larger transaction by the caller.
class WriteTransaction {
public:
    /// Takes the write lock on `conn`.
    static Result<WriteTransaction> begin(Connection& conn,
                                          Durability durability = Durability::normal);

    WriteTransaction(WriteTransaction&& other) noexcept;
    WriteTransaction& operator=(WriteTransaction&&) = delete;
    WriteTransaction(const WriteTransaction&) = delete;
    ~WriteTransaction();

    /// Makes the changes permanent (or releases the savepoint).
    Result<void> commit();

private:
    WriteTransaction(Connection& conn, bool savepoint, Durability durability) noexcept;
    void finish_durability() noexcept;

    Connection* conn_ = nullptr;
    bool savepoint_ = false;
    Durability durability_ = Durability::normal;
};

}  // namespace punchout::catalog
