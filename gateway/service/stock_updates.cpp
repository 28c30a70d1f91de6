#include "gateway/service/stock_updates.hpp"

#include "catalog/idempotency.hpp"
#include "catalog/write_transaction.hpp"

namespace punchout::gateway {

catalog::Result<StockAnswer> update_stock(
    catalog::Connection& conn, const StockRequest& request,
    const std::function<std::string(const catalog::StockBatchResult&)>& render) {
    // The key is looked up inside the write transaction: two retries of one batch at once
    // are serialised by the write lock, and the second finds the first's answer.
    auto tx = catalog::WriteTransaction::begin(conn);
    if (!tx)
        return tx.error();
    StockAnswer answer;
    auto seen = catalog::find_idempotent_answer(conn, request.client, request.idempotency_key);
    if (!seen)
        return seen.error();
    if (*seen) {
        answer.kind = (*seen)->request_hash == request.request_hash ? StockAnswer::Kind::replayed
                                                                    : StockAnswer::Kind::key_reused;
        answer.status = (*seen)->status;
        answer.body = (*seen)->body;
        return answer;
    }
    auto result = catalog::apply_stock_batch(conn, request.rows);
    if (!result)
        return result.error();
    answer.result = std::move(*result);
    if (!answer.result.problems.empty()) {
        answer.kind = StockAnswer::Kind::rows_refused;
        return answer;  // rolled back: nothing written, the key stays free for the fixed batch
    }
    answer.body = render(answer.result);
    if (auto r = catalog::store_idempotent_answer(
            conn, request.client, request.idempotency_key,
            {request.request_hash, answer.status, answer.body, catalog::now()});
        !r)
        return r.error();
    if (auto r = tx->commit(); !r)
        return r.error();
    return answer;
}

}  // namespace punchout::gateway
