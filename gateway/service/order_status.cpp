#include "gateway/service/order_status.hpp"

#include "catalog/order.hpp"
#include "cxml/write.hpp"
#include "gateway/service/order_actions.hpp"

#include <memory>

namespace punchout::gateway {
namespace {

OrderAnswer answer(unsigned code, std::string message) {
    return OrderAnswer{
        code, cxml::write(cxml::make_status_response(cxml::make_status(code, std::move(message))))};
}

std::string state_message(const ActionResult& r) {
    const auto& o = r.order;
    std::string text = "Order " + o.order_id + " is " + o.status + ".";
    if (!r.queued.empty()) {
        text += " Its state follows as " + std::to_string(r.queued.size()) + " " +
                r.queued.front().document_type + (r.queued.size() > 1 ? " documents." : ".");
    } else if (!r.note.empty()) {
        text += " Nothing more follows: " + r.note + ".";
    }
    return text;
}

}  // namespace

OrderStatusService::OrderStatusService(const Config& config, catalog::Database& db,
                                       CommitQueue& queue, std::function<void()> queued)
    : config_(config), db_(db), queue_(queue), queued_(std::move(queued)) {}

void OrderStatusService::handle(const Authenticated& who, const cxml::Document& doc,
                                const cxml::OrderStatusRequest& request, LogFields& info,
                                std::function<void(OrderAnswer)> done) {
    const std::string order_id = request.header.order_reference.order_id;
    info.log("order_id", order_id);
    if (order_id.empty())
        return done(answer(400, "The OrderStatusRequest names no orderID."));
    {
        auto conn = db_.connect();
        auto seen = catalog::find_inbound(conn, who.buyer.key, doc.payload_id);
        if (!seen)
            return done(answer(500, "The request could not be checked: " + seen.error().message));
        if (*seen) {
            info.log("replay", "1");
            return done(OrderAnswer{(*seen)->status_code, (*seen)->response});
        }
        auto order = catalog::find_order(conn, who.buyer.key, order_id);
        if (!order) {
            if (order.error().code != catalog::Errc::not_found)
                return done(answer(500, "The order could not be read: " + order.error().message));
            // Unknown and another buyer's read the same: nothing leaks.
            return done(answer(400, "Order " + order_id +
                                        " is not known here for your organisation; check the "
                                        "orderID."));
        }
    }

    // The state is read and queued inside the commit, so it is the state at that moment
    // and is on disk before we say 200.
    auto outcome = std::make_shared<OrderAnswer>();
    auto queued_any = std::make_shared<bool>(false);
    auto work = [this, outcome, queued_any, order_id, buyer = who.buyer.key,
                 payload_id = doc.payload_id](catalog::Connection& conn) -> bool {
        auto order = catalog::find_order(conn, buyer, order_id);
        if (!order) {
            *outcome = answer(500, "The order could not be read: " + order.error().message);
            return false;
        }
        auto r = queue_order_state(conn, config_.supplier, order->pk, catalog::now());
        if (!r) {
            *outcome = answer(500, "The order's state could not be queued: " + r.error().message);
            return false;
        }
        *outcome = answer(200, state_message(*r));
        *queued_any = !r->queued.empty();
        catalog::InboundRecord record{buyer,         payload_id, "OrderStatusRequest", 200,
                                      outcome->body, order->pk,  catalog::now()};
        if (auto rec = catalog::record_inbound(conn, record); !rec) {
            *outcome = answer(500, "The request could not be recorded: " + rec.error().message);
            return false;
        }
        return true;
    };
    queue_.submit(std::move(work),
                  [this, outcome, queued_any, done](bool durable, const std::string& error) {
                      if (!durable) {
                          return done(answer(500, "The answer could not be stored durably (" +
                                                      error + "); please ask again."));
                      }
                      if (*queued_any && queued_)
                          queued_();
                      done(*outcome);
                  });
}

}  // namespace punchout::gateway
