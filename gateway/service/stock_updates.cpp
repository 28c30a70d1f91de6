#include "gateway/service/stock_updates.hpp"

#include "gateway/service/idempotent_write.hpp"

namespace punchout::gateway {

catalog::Result<StockAnswer> update_stock(
    catalog::Connection& conn, const StockRequest& request,
    const std::function<std::string(const catalog::StockBatchResult&)>& render) {
    StockAnswer answer;
    catalog::CheckedStockBatch checked;
    auto outcome = write_once(
        conn, {request.client, request.idempotency_key, request.request_hash},
        catalog::Durability::normal,
        [&]() -> catalog::Result<void> {
            auto r = catalog::check_stock_batch(conn, request.rows);
            if (!r)
                return r.error();
            checked = std::move(*r);
            if (checked.problems.empty())
                return {};
            // Nothing written, the key stays free for the fixed batch.
            answer.result.problems = std::move(checked.problems);
            return catalog::Error{catalog::Errc::invalid, "rows refused"};
        },
        [&]() -> catalog::Result<WriteAnswer> {
            auto result = catalog::write_stock_batch(conn, request.rows, checked);
            if (!result)
                return result.error();
            answer.result = std::move(*result);
            if (!answer.result.problems.empty())
                return catalog::Error{catalog::Errc::invalid, "rows refused"};
            return WriteAnswer{200, render(answer.result)};
        });
    if (!outcome) {
        if (!answer.result.problems.empty()) {
            answer.kind = StockAnswer::Kind::rows_refused;
            return answer;
        }
        return outcome.error();
    }
    switch (outcome->kind) {
        case IdempotentOutcome::Kind::applied:
            answer.kind = StockAnswer::Kind::applied;
            break;
        case IdempotentOutcome::Kind::replayed:
            answer.kind = StockAnswer::Kind::replayed;
            break;
        case IdempotentOutcome::Kind::key_reused:
            answer.kind = StockAnswer::Kind::key_reused;
            break;
    }
    answer.status = outcome->answer.status;
    answer.body = std::move(outcome->answer.body);
    return answer;
}

}  // namespace punchout::gateway
