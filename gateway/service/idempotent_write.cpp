#include "gateway/service/idempotent_write.hpp"

#include "catalog/idempotency.hpp"

#include <optional>

namespace punchout::gateway {
namespace {

// The outcome of a key that has an answer already, or nullopt.
catalog::Result<std::optional<IdempotentOutcome>> answered(catalog::Connection& conn,
                                                           const IdempotentRequest& request) {
    auto seen = catalog::find_idempotent_answer(conn, request.client, request.key);
    if (!seen)
        return seen.error();
    if (!*seen)
        return std::optional<IdempotentOutcome>{};
    IdempotentOutcome outcome;
    outcome.kind = (*seen)->request_hash == request.request_hash
                       ? IdempotentOutcome::Kind::replayed
                       : IdempotentOutcome::Kind::key_reused;
    outcome.answer = {(*seen)->status, (*seen)->body};
    return std::optional<IdempotentOutcome>{std::move(outcome)};
}

}  // namespace

catalog::Result<IdempotentOutcome> write_once(
    catalog::Connection& conn, const IdempotentRequest& request, catalog::Durability durability,
    const std::function<catalog::Result<void>()>& prepare,
    const std::function<catalog::Result<WriteAnswer>()>& apply) {
    auto before = answered(conn, request);
    if (!before)
        return before.error();
    if (*before)
        return std::move(**before);
    if (auto r = prepare(); !r)
        return r.error();
    return write_once(conn, request, durability, apply);
}

catalog::Result<IdempotentOutcome> write_once(
    catalog::Connection& conn, const IdempotentRequest& request, catalog::Durability durability,
    const std::function<catalog::Result<WriteAnswer>()>& apply) {
    // The key is looked up inside the write transaction: two retries of one request at once
    // are serialised by the write lock, and the second finds the first's answer.
    auto tx = catalog::WriteTransaction::begin(conn, durability);
    if (!tx)
        return tx.error();
    auto seen = answered(conn, request);
    if (!seen)
        return seen.error();
    if (*seen)
        return std::move(**seen);
    IdempotentOutcome outcome;
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
