#include "gateway/service/order_intake.hpp"

#include "catalog/order.hpp"
#include "cxml/digest.hpp"
#include "gateway/service/order_check.hpp"
#include "gateway/service/order_store.hpp"

#include <algorithm>

namespace punchout::gateway {
namespace {

// The same document sent again gets its first answer again.
OrderReceipt replayed(const catalog::InboundRecord& first) {
    return OrderReceipt{{first.status_code, first.response}, true, first.order_pk.value_or(0)};
}

// What tells a retry from another document under the same payloadID: the request as read,
// and every attachment's bytes.
std::string fingerprint_of(const cxml::Document& doc,
                           const std::vector<catalog::OrderAttachment>& files) {
    std::string parts = cxml::request_fingerprint(doc);
    for (const auto& f : files) {
        parts += ' ';
        parts += f.content_id;
        parts += '=';
        parts += f.sha256;
    }
    return files.empty() ? parts : cxml::sha256_hex(parts);
}

}  // namespace

OrderIntake::OrderIntake(catalog::Database& db, CommitQueue& queue, AnswerWriter accepted)
    : db_(db), queue_(queue), accepted_(std::move(accepted)) {}

void OrderIntake::handle(const Authenticated& who, const cxml::Document& doc,
                         const cxml::OrderRequest& request, std::string raw_document,
                         LogFields& log, std::function<void(Outcome<OrderReceipt>)> done,
                         std::vector<catalog::OrderAttachment> files) {
    const auto& h = request.header;
    const auto operation = h.type;
    log.log("order_id", h.order_id);
    log.log("order_type", std::string(cxml::to_string(operation)));

    for (auto& f : files) {
        f.size = static_cast<std::int64_t>(f.content.size());
        f.sha256 = cxml::sha256_hex(f.content);
    }
    std::string fingerprint = fingerprint_of(doc, files);
    if (!files.empty())
        log.log("attachments", std::to_string(files.size()));

    std::optional<Outcome<catalog::Order>> checked;
    {
        auto conn = db_.connect();
        // A replay is answered before anything else is looked at.
        auto seen = catalog::find_inbound(conn, who.buyer.key, doc.payload_id);
        if (!seen)
            return done(refusal_from(seen.error(), "The order could not be checked"));
        if (const auto* same = catalog::same_document(*seen, fingerprint)) {
            log.log("replay", "1");
            return done(replayed(*same));
        }
        if (!seen->empty())
            log.log("payload_id_reused", std::to_string(seen->size()));
        checked.emplace(
            check_order(conn, who, doc, request, raw_document, catalog::now(), std::move(files)));
    }
    if (!*checked)
        return done(checked->refusal());
    auto& order = checked->value();
    log.log("differences", std::to_string(order.differences.size()));
    // A buyer with the reject policy wants nothing stored that differs from the cart or
    // the contract. A lost attachment is no such difference: the order stands without it.
    const auto refusable = [](const catalog::OrderDifference& d) {
        return d.kind != catalog::DifferenceKind::attachment_missing;
    };
    if (who.buyer.order_policy == catalog::OrderPolicy::reject &&
        std::any_of(order.differences.begin(), order.differences.end(), refusable)) {
        std::vector<Problem> problems;
        for (const auto& d : order.differences) {
            if (!refusable(d))
                continue;
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
                 fingerprint = std::move(fingerprint),
                 accepted = accepted_](catalog::Connection& conn) -> Outcome<OrderReceipt> {
        auto seen = catalog::find_inbound(conn, buyer, order.payload_id);
        if (!seen)
            return refusal_from(seen.error(), "The order could not be checked");
        if (const auto* same = catalog::same_document(*seen, fingerprint)) {
            // A concurrent post of the same document won: its answer is this one's too.
            return replayed(*same);
        }
        auto stored = store_order(conn, order, operation);
        if (!stored)
            return stored.refusal();
        auto answer = accepted(stored->message);
        catalog::InboundRecord record{buyer,          order.payload_id, fingerprint,
                                      "OrderRequest", answer.code,      answer.text,
                                      stored->pk,     order.received_at};
        if (auto r = catalog::record_inbound(conn, record); !r)
            return refusal_from(r.error(), "The order could not be stored");
        return OrderReceipt{std::move(answer), false, stored->pk};
    };
    queue_.submit<OrderReceipt>(std::move(work), std::move(done));
}

}  // namespace punchout::gateway
