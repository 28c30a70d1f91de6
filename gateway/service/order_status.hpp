#pragma once

#include "catalog/database.hpp"
#include "cxml/document.hpp"
#include "cxml/order_status_request.hpp"
#include "gateway/service/authenticator.hpp"
#include "gateway/service/commit_queue.hpp"
#include "gateway/service/config.hpp"
#include "gateway/service/log_fields.hpp"
#include "gateway/service/order_intake.hpp"
#include "gateway/service/outcome.hpp"

#include <functional>

namespace punchout::gateway {

/// Answers OrderStatusRequests. The 1.2.071 DTDs have no response element for it, so the
/// answer is a Status, and the order's state follows through the outbox (see
/// `queue_order_state`): accepted once the documents are durably queued; invalid naming
/// the orderID when this buyer has no such order (an order of another buyer reads the
/// same); busy or internal when the store failed. A replayed payloadID gets the first answer
/// and queues nothing.
class OrderStatusService {
public:
    /// `queued` is called after documents were committed to the outbox (wakes the sender);
    /// `accepted` writes the answer text (stored for replays).
    OrderStatusService(const Config& config, catalog::Database& db, CommitQueue& queue,
                       AnswerWriter accepted, std::function<void()> queued);

    /// Handles one authenticated OrderStatusRequest; `done` is called once, possibly from
    /// the commit thread.
    void handle(const Authenticated& who, const cxml::Document& doc,
                const cxml::OrderStatusRequest& request, LogFields& log,
                std::function<void(Outcome<WrittenAnswer>)> done);

private:
    const Config& config_;
    catalog::Database& db_;
    CommitQueue& queue_;
    AnswerWriter accepted_;
    std::function<void()> queued_;
};

}  // namespace punchout::gateway
