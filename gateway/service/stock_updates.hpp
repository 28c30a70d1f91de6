#pragma once

// A stock batch from the integration API, applied at most once per Idempotency-Key: the
// batch and its answer are written in one transaction, so a client that lost the answer
// (a timeout, the gateway killed mid-write) sends the same batch again with the same key
// and gets the same answer, the batch applied once.
#include "catalog/api_client.hpp"
#include "catalog/connection.hpp"
#include "catalog/result.hpp"
#include "catalog/stock_batch.hpp"

#include <functional>
#include <string>
#include <vector>

namespace punchout::gateway {

struct StockRequest {
    catalog::ApiClientKey client;
    std::string idempotency_key;
    std::string request_hash;  ///< of what the client sent: the same key must come with it
    std::vector<catalog::StockUpdate> rows;
};

struct StockAnswer {
    enum class Kind {
        applied,       ///< applied now; `body` is the answer, stored under the key
        replayed,      ///< the key's stored answer (`status`, `body`); nothing applied
        rows_refused,  ///< rows have problems (`result.problems`); nothing applied or stored
        key_reused,    ///< the key answered another request; nothing applied
    };
    Kind kind = Kind::applied;
    catalog::StockBatchResult result;
    int status = 200;
    std::string body;
};

/// Applies `request` unless its key was seen. `render` turns an applied result into the
/// answer's body (stored with the batch). Store failures as errors: nothing applied.
catalog::Result<StockAnswer> update_stock(
    catalog::Connection& conn, const StockRequest& request,
    const std::function<std::string(const catalog::StockBatchResult&)>& render);

}  // namespace punchout::gateway
