#pragma once

#include <functional>
#include <string>
#include <vector>

#include "catalog/amount.hpp"
#include "catalog/connection.hpp"
#include "catalog/database.hpp"
#include "catalog/order.hpp"
#include "cxml/document.hpp"
#include "gateway/service/authenticator.hpp"
#include "gateway/service/commit_queue.hpp"
#include "gateway/service/config.hpp"
#include "gateway/service/log_fields.hpp"

namespace punchout::gateway {

/// The answer to an OrderRequest: a cXML Status code and the written Response.
struct OrderAnswer {
    unsigned code = 200;
    std::string body;
};

/// What validating an OrderRequest produced: the order to store, or why it is refused.
struct CheckedOrder {
    catalog::Order order;
    std::vector<std::string> errors;  ///< each a sentence naming the line; empty: valid
};

/// Turns an OrderRequest into the order we would store, checking what must hold (SKUs
/// known and visible to the buyer, quantities positive, one currency, totals adding up)
/// and comparing every line with the cart line we sent (by our token in
/// SupplierPartAuxiliaryID) and with the buyer's contract price at `now` (differences go
/// into `order.differences`).
CheckedOrder check_order(catalog::Connection& conn, const Authenticated& who,
                         const cxml::Document& doc, const cxml::OrderRequest& request,
                         std::string_view raw_document, catalog::Timestamp now);

/// The line total `quantity x price / price basis quantity`, rounded half-up to 4 places.
catalog::Amount line_total(catalog::Amount quantity, catalog::Amount price,
                           catalog::Amount price_basis_quantity);

/// Accepts OrderRequests exactly once: a replayed payloadID gets the first answer and
/// changes nothing; new, update and delete follow orderID and orderVersion; an order is
/// answered 200 only after its group commit reached the disk, and is never half-stored.
class OrderIntake {
public:
    OrderIntake(catalog::Database& db, CommitQueue& queue);

    /// Handles one authenticated OrderRequest; `done` is called once, possibly from the
    /// commit thread. Internal failures (500) name `reference`.
    void handle(const Authenticated& who, const cxml::Document& doc,
                const cxml::OrderRequest& request, std::string raw_document, LogFields& info,
                const std::string& reference,
                std::function<void(OrderAnswer)> done);

private:
    catalog::Database& db_;
    CommitQueue& queue_;
};

}  // namespace punchout::gateway
