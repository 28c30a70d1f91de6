#include "gateway/service/idempotent_write.hpp"

#include "catalog/idempotency.hpp"

namespace punchout::gateway {

catalog::Result<IdempotentOutcome> write_once(
    catalog::Connection& conn, const IdempotentRequest& request, catalog::Durability durability,
    const std::function<catalog::Result<WriteAnswer>()>& apply) {
    // The key is looked up inside the write transaction: two retries of one request at once
    // are serialised by the write lock, and the second finds the first's answer.
    auto tx = catalog::WriteTransaction::begin(conn, durability);
    if (!tx)
        return tx.error();
    IdempotentOutcome outcome;
    auto seen = catalog::find_idempotent_answer(conn, request.client, request.key);
    if (!seen)
        return seen.error();
    if (*seen) {
        outcome.kind = (*seen)->request_hash == request.request_hash
                           ? IdempotentOutcome::Kind::replayed
                           : IdempotentOutcome::Kind::key_reused;
        outcome.answer = {(*seen)->status, (*seen)->body};
        return outcome;
    }
    auto answer = apply();
    if (!answer)
        return answer.error();
    outcome.answer = std::move(*answer);
    if (auto r = catalog::store_idempotent_answer(
            conn, request.client, request.key,
            {request.request_hash, outcome.answer.status, outcome.answer.body, catalog::now()});
        !r)
        return r.error();
    if (auto r = tx->commit(); !r)
        return r.error();
    return outcome;
}

}  // namespace punchout::gateway
