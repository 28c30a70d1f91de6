#pragma once

// Stored answers to integration API write batches, by Idempotency-Key
// (schemas/015_api_idempotency.sql).
#include "catalog/api_client.hpp"
#include "catalog/connection.hpp"
#include "catalog/result.hpp"
#include "catalog/timestamp.hpp"

#include <optional>
#include <string>
#include <string_view>

namespace punchout::catalog {

/// What was answered to a batch.
struct IdempotentAnswer {
    std::string request_hash;  ///< of the request it answered
    int status = 200;
    std::string body;
    Timestamp created_at{};
};

/// The most bytes an Idempotency-Key may have.
inline constexpr std::size_t max_idempotency_key = 255;

/// The answer stored for `client`'s `key`, if any.
Result<std::optional<IdempotentAnswer>> find_idempotent_answer(Connection& conn,
                                                               ApiClientKey client,
                                                               std::string_view key);

/// Stores the answer for `client`'s `key`, in the caller's transaction. Errc::constraint
/// when the key already has one.
Result<void> store_idempotent_answer(Connection& conn, ApiClientKey client, std::string_view key,
                                     const IdempotentAnswer& answer);

/// Forgets answers stored before `before`; the number forgotten.
Result<std::int64_t> purge_idempotent_answers(Connection& conn, Timestamp before);

}  // namespace punchout::catalog
