#pragma once

#include "catalog/database.hpp"
#include "catalog/order.hpp"
#include "cxml/document.hpp"
#include "cxml/order_request.hpp"
#include "gateway/service/authenticator.hpp"
#include "gateway/service/commit_queue.hpp"
#include "gateway/service/log_fields.hpp"
#include "gateway/service/outcome.hpp"

#include <cstdint>
#include <functional>
#include <string>
#include <vector>

namespace punchout::gateway {

/// An answer as it goes on the wire: its status code and text.
struct WrittenAnswer {
    unsigned code = 0;
    std::string text;
};

/// Writes the answer to a request that did what was asked, with `message` for people.
/// The transport supplies it (the status numbers are chosen there); the service stores the
/// text so that a replay of the payloadID gets the very same bytes.
using AnswerWriter = std::function<WrittenAnswer(std::string message)>;

/// What an accepted OrderRequest, or a replay of one, answers with.
struct OrderReceipt {
    WrittenAnswer answer;  ///< fresh, or as first given
    bool replay = false;
    std::int64_t order_pk = 0;
};

/// Accepts OrderRequests exactly once: a replay (the same payloadID carrying the same
/// document, by request_fingerprint and the attachments' digests) gets the first answer and
/// changes nothing; a payloadID reused by a different document (ERPs that derive it from a
/// timestamp to the second) is processed on its own merits and logged, never answered with
/// the other document's answer. new, update and delete follow store_order, each deployment
/// mode in its own orderID namespace; an order is answered only after its group commit
/// reached the disk, and is never half-stored, attachments included.
class OrderIntake {
public:
    OrderIntake(catalog::Database& db, CommitQueue& queue, AnswerWriter accepted);

    /// Handles one authenticated OrderRequest; `done` is called once, possibly from the
    /// commit thread: the receipt, or a refusal (invalid with a problem per line from
    /// check_order, invalid listing each difference for a buyer with the reject policy,
    /// conflict or invalid from store_order, busy or internal when the store failed).
    /// Refusals are not recorded against the payloadID: the same document sent again after
    /// the cause is fixed is evaluated afresh.
    /// `files` are the parts that came with the document (multipart/related), kept with the
    /// order version.
    void handle(const Authenticated& who, const cxml::Document& doc,
                const cxml::OrderRequest& request, std::string raw_document, LogFields& log,
                std::function<void(Outcome<OrderReceipt>)> done,
                std::vector<catalog::OrderAttachment> files = {});

private:
    catalog::Database& db_;
    CommitQueue& queue_;
    AnswerWriter accepted_;
};

}  // namespace punchout::gateway
