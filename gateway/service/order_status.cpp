#include "gateway/service/order_status.hpp"

#include "catalog/order.hpp"
#include "cxml/digest.hpp"
#include "gateway/service/conversions.hpp"
#include "gateway/service/order_actions.hpp"

#include <memory>

namespace punchout::gateway {
namespace {

std::string state_message(const ActionResult& r) {
    const auto& o = r.order;
    std::string text =
        "Order " + o.order_id + " is " + std::string(catalog::to_string(o.status)) + ".";
    if (!r.queued.empty()) {
        text += " Its state follows as " + std::to_string(r.queued.size()) + " " +
                r.queued.front().document_type + (r.queued.size() > 1 ? " documents." : ".");
    } else if (!r.note.empty()) {
        text += " Nothing more follows: " + r.note + ".";
    }
    return text;
}

// What the commit thread hands back: the answer, and whether the sender has work.
struct StatusAnswer {
    WrittenAnswer answer;
    bool queued_any = false;
};

}  // namespace

OrderStatusService::OrderStatusService(const Config& config, catalog::Database& db,
                                       CommitQueue& queue, AnswerWriter accepted,
                                       std::function<void()> queued)
    : config_(config),
      db_(db),
      queue_(queue),
      accepted_(std::move(accepted)),
      queued_(std::move(queued)) {}

void OrderStatusService::handle(const Authenticated& who, const cxml::Document& doc,
                                const cxml::OrderStatusRequest& request, LogFields& log,
                                std::function<void(Outcome<WrittenAnswer>)> done) {
    const std::string order_id = request.header.order_reference.order_id;
    log.log("order_id", order_id);
    if (order_id.empty())
        return done(Refusal::invalid("The OrderStatusRequest names no orderID."));
    // A test realm asks about its own orders only.
    const auto mode = to_catalog(cxml::deployment_mode(doc));
    std::string fingerprint = cxml::request_fingerprint(doc);
    {
        auto conn = db_.connect();
        auto seen = catalog::find_inbound(conn, who.buyer.key, doc.payload_id);
        if (!seen)
            return done(refusal_from(seen.error(), "The request could not be checked"));
        if (const auto* same = catalog::same_document(*seen, fingerprint)) {
            log.log("replay", "1");
            return done(WrittenAnswer{same->status_code, same->response});
        }
        if (!seen->empty())
            log.log("payload_id_reused", std::to_string(seen->size()));
        auto order = catalog::find_order(conn, who.buyer.key, mode, order_id);
        if (!order) {
            if (order.error().code != catalog::Errc::not_found)
                return done(refusal_from(order.error(), "The order could not be read"));
            // Unknown and another buyer's read the same: nothing leaks.
            return done(Refusal::invalid("Order " + order_id +
                                         " is not known here for your organisation; check the "
                                         "orderID."));
        }
    }

    // The state is read and queued inside the commit, so it is the state at that moment
    // and is on disk before we answer.
    auto work = [this, order_id, buyer = who.buyer.key, mode, fingerprint = std::move(fingerprint),
                 payload_id = doc.payload_id](catalog::Connection& conn) -> Outcome<StatusAnswer> {
        auto order = catalog::find_order(conn, buyer, mode, order_id);
        if (!order)
            return refusal_from(order.error(), "The order could not be read");
        const auto at = catalog::now();
        auto r = queue_order_state(conn, config_.supplier, order->pk, at);
        if (!r)
            return refusal_from(r.error(), "The order's state could not be queued");
        StatusAnswer out{accepted_(state_message(*r)), !r->queued.empty()};
        catalog::InboundRecord record{
            buyer,           payload_id,      fingerprint, "OrderStatusRequest",
            out.answer.code, out.answer.text, order->pk,   at};
        if (auto rec = catalog::record_inbound(conn, record); !rec)
            return refusal_from(rec.error(), "The request could not be recorded");
        return out;
    };
    queue_.submit<StatusAnswer>(std::move(work),
                                [this, done = std::move(done)](Outcome<StatusAnswer> outcome) {
                                    if (!outcome)
                                        return done(outcome.refusal());
                                    if (outcome->queued_any && queued_)
                                        queued_();
                                    done(std::move(outcome->answer));
                                });
}

}  // namespace punchout::gateway
