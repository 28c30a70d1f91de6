#include "gateway/service/order_intake.hpp"

#include "catalog/order.hpp"
#include "gateway/service/order_check.hpp"
#include "gateway/service/order_store.hpp"

namespace punchout::gateway {
namespace {

// A payloadID seen before gets its first answer again.
OrderReceipt replayed(const catalog::InboundRecord& first) {
    return OrderReceipt{{first.status_code, first.response}, true, first.order_pk.value_or(0)};
}

}  // namespace

OrderIntake::OrderIntake(catalog::Database& db, CommitQueue& queue, AnswerWriter accepted)
    : db_(db), queue_(queue), accepted_(std::move(accepted)) {}

void OrderIntake::handle(const Authenticated& who, const cxml::Document& doc,
                         const cxml::OrderRequest& request, std::string raw_document,
                         LogFields& log, std::function<void(Outcome<OrderReceipt>)> done) {
    const auto& h = request.header;
    const auto operation = h.type;
    log.log("order_id", h.order_id);
    log.log("order_type", std::string(cxml::to_string(operation)));

    std::optional<Outcome<catalog::Order>> checked;
    {
        auto conn = db_.connect();
        // A replay is answered before anything else is looked at.
        auto seen = catalog::find_inbound(conn, who.buyer.key, doc.payload_id);
        if (!seen)
            return done(refusal_from(seen.error(), "The order could not be checked"));
        if (*seen) {
            log.log("replay", "1");
            return done(replayed(**seen));
        }
        checked.emplace(check_order(conn, who, doc, request, raw_document, catalog::now()));
    }
    if (!*checked)
        return done(checked->refusal());
    auto& order = checked->value();
    log.log("differences", std::to_string(order.differences.size()));
    if (!order.differences.empty() && who.buyer.order_policy == catalog::OrderPolicy::reject) {
        std::vector<Problem> problems;
        for (const auto& d : order.differences) {
            problems.push_back(Problem{"cXML/Request/OrderRequest/ItemOut[@lineNumber=" +
                                           std::to_string(d.line_number) + "]",
                                       d.message});
        }
        return done(Refusal::invalid(
            "The order was not accepted: it differs from the punchout cart or the contract:",
            std::move(problems)));
    }

    // The decisions that depend on what is stored are taken inside the commit, so two
    // concurrent posts of the same order cannot both win; the answer is given only once the
    // commit made the order durable.
    auto work = [order = std::move(order), operation, buyer = who.buyer.key,
                 accepted = accepted_](catalog::Connection& conn) -> Outcome<OrderReceipt> {
        auto seen = catalog::find_inbound(conn, buyer, order.payload_id);
        if (!seen)
            return refusal_from(seen.error(), "The order could not be checked");
        if (*seen) {
            // A concurrent post of the same document won: its answer is this one's too.
            return replayed(**seen);
        }
        auto stored = store_order(conn, order, operation);
        if (!stored)
            return stored.refusal();
        auto answer = accepted(stored->message);
        catalog::InboundRecord record{buyer,       order.payload_id, "OrderRequest",   answer.code,
                                      answer.text, stored->pk,       order.received_at};
        if (auto r = catalog::record_inbound(conn, record); !r)
            return refusal_from(r.error(), "The order could not be stored");
        return OrderReceipt{std::move(answer), false, stored->pk};
    };
    queue_.submit<OrderReceipt>(std::move(work), std::move(done));
}

}  // namespace punchout::gateway
