#pragma once

// A write from the integration API applied at most once per Idempotency-Key: the change and
// the answer given for it are committed in one transaction, so a client that lost the answer
// (a timeout, the gateway killed mid-write) sends the same request again with the same key
// and gets the same answer, the change made once.
#include "catalog/api_client.hpp"
#include "catalog/connection.hpp"
#include "catalog/result.hpp"
#include "catalog/write_transaction.hpp"

#include <functional>
#include <string>

namespace punchout::gateway {

/// Who asks, under which key, and a hash of what they sent (the same key must come with the
/// same request).
struct IdempotentRequest {
    catalog::ApiClientKey client;
    std::string key;
    std::string request_hash;
};

/// The answer given to a write, as stored under its key.
struct WriteAnswer {
    int status = 200;
    std::string body;
};

struct IdempotentOutcome {
    enum class Kind {
        applied,     ///< the change was made now; `answer` is stored under the key
        replayed,    ///< the key's stored answer; nothing changed
        key_reused,  ///< the key answered another request; nothing changed
    };
    Kind kind = Kind::applied;
    WriteAnswer answer;
};

/// Runs `apply` inside one write transaction unless the key has an answer. An error from
/// `apply` rolls everything back and leaves the key free (the client fixes the request and
/// may use the key again); it is returned as is.
catalog::Result<IdempotentOutcome> write_once(
    catalog::Connection& conn, const IdempotentRequest& request, catalog::Durability durability,
    const std::function<catalog::Result<WriteAnswer>()>& apply);

/// The same, with the reading half of the work done first and without the write lock, so
/// the lock is held only for the writes (a 1,000-row stock batch: its SKU lookups and
/// checks run beside other writers). The key is looked up before `prepare` (a retry gets
/// its stored answer even if its rows would no longer check out) and again inside the
/// transaction. An error from `prepare` is returned as is; nothing is written.
catalog::Result<IdempotentOutcome> write_once(
    catalog::Connection& conn, const IdempotentRequest& request, catalog::Durability durability,
    const std::function<catalog::Result<void>()>& prepare,
    const std::function<catalog::Result<WriteAnswer>()>& apply);

}  // namespace punchout::gateway
