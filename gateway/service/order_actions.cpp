#include "gateway/service/order_actions.hpp"

#include "catalog/buyer.hpp"
#include "catalog/credit_memo.hpp"
#include "catalog/outbox.hpp"
#include "catalog/write_transaction.hpp"
#include "gateway/service/document_builder.hpp"
#include "gateway/service/platform_rules.hpp"

#include <exception>
#include <optional>

namespace punchout::gateway {
namespace {

using catalog::Errc;
using catalog::Error;
using catalog::Result;

// Everything an action needs before it changes anything: the order, its buyer, and (when
// the action sends) the URL the document goes to.
struct Subject {
    catalog::Order order;
    catalog::Buyer buyer;
};

Result<Subject> load_subject(catalog::Connection& conn, std::int64_t order_pk, bool send) {
    auto order = catalog::find_order(conn, order_pk);
    if (!order)
        return order.error();
    auto buyer = catalog::find_buyer(conn, order->buyer);
    if (!buyer)
        return buyer.error();
    if (send && buyer->document_url.empty()) {
        return Error{Errc::invalid,
                     "buyer '" + buyer->id +
                         "' has no document URL, so the document could not be sent; nothing "
                         "was changed. Set the buyer's document URL, or record the change "
                         "without a document (--no-send)"};
    }
    return Subject{std::move(*order), std::move(*buyer)};
}

Result<QueuedDocument> queue(catalog::Connection& conn, const DocumentBuilder& builder,
                             const Subject& s, const cxml::Document& doc, const std::string& origin,
                             catalog::Timestamp at) {
    catalog::NewOutboxDocument out;
    out.buyer = s.buyer.key;
    out.order_pk = s.order.pk;
    out.document_type = std::string(cxml::to_string(cxml::document_type(doc)));
    out.payload_id = doc.payload_id;
    out.target_url = s.buyer.document_url;
    out.origin = origin;
    try {
        out.body = builder.write(doc);
    } catch (const std::exception& e) {
        // A cXML version the writer cannot write is the buyer's configuration, not ours.
        return Error{Errc::invalid, "the document could not be written for buyer '" + s.buyer.id +
                                        "' (cXML version '" + s.buyer.cxml_version +
                                        "'): " + e.what()};
    }
    auto entry = catalog::enqueue_document(conn, out, at);
    if (!entry)
        return entry.error();
    return QueuedDocument{entry->id, out.document_type, out.payload_id, out.target_url};
}

Result<void> note_not_sent(catalog::Connection& conn, const Subject& s, std::string_view type,
                           catalog::Timestamp at) {
    return catalog::add_order_event(conn, s.order.pk, "document-not-sent",
                                    std::string(type) + " not sent (recorded with --no-send)", at);
}

// For actions that need not know what was queued.
struct NothingToNote {
    template <class Recorded>
    Result<void> operator()(const Recorded&, const std::string&) const {
        return {};
    }
};

// Runs `record` (the state change) and `build` (the document from what was recorded) in
// one transaction with full durability, queueing the document unless told not to;
// `queued(recorded, payloadID)` then notes what was sent, in the same transaction.
template <class Record, class Build, class Queued = NothingToNote>
Result<ActionResult> run_action(catalog::Connection& conn, const SupplierIdentity& supplier,
                                std::int64_t order_pk, catalog::Timestamp at,
                                const ActionOptions& options, std::string_view type, Record record,
                                Build build, Queued queued = {}) {
    auto tx = catalog::WriteTransaction::begin(conn, catalog::Durability::full);
    if (!tx)
        return tx.error();
    auto subject = load_subject(conn, order_pk, options.send);
    if (!subject)
        return subject.error();
    auto recorded = record();
    if (!recorded)
        return recorded.error();
    auto after = catalog::find_order(conn, order_pk);
    if (!after)
        return after.error();
    subject->order = std::move(*after);

    ActionResult result;
    if (options.send) {
        DocumentBuilder builder(supplier, subject->buyer, subject->order);
        auto q = queue(conn, builder, *subject, build(builder, *recorded), options.origin, at);
        if (!q)
            return q.error();
        if (auto noted = queued(*recorded, q->payload_id); !noted)
            return noted.error();
        result.queued.push_back(std::move(*q));
    } else {
        if (auto r = note_not_sent(conn, *subject, type, at); !r)
            return r.error();
        result.note = std::string(type) + " not sent (--no-send)";
    }
    if (auto r = tx->commit(); !r)
        return r.error();
    result.order = std::move(subject->order);
    return result;
}

// run_action for a record that has an id of its own (confirmID, shipmentID, invoiceID),
// which the result reports as its reference.
template <class Record, class Recorded, class Build, class Queued = NothingToNote>
Result<ActionResult> run_referenced_action(catalog::Connection& conn,
                                           const SupplierIdentity& supplier, std::int64_t order_pk,
                                           catalog::Timestamp at, const ActionOptions& options,
                                           std::string_view type, Record record,
                                           std::string Recorded::*id, Build build,
                                           Queued queued = {}) {
    std::string reference;
    auto r = run_action(
        conn, supplier, order_pk, at, options, type,
        [&]() -> Result<Recorded> {
            auto recorded = record();
            if (recorded)
                reference = (*recorded).*id;
            return recorded;
        },
        build, queued);
    if (r)
        r->reference = reference;
    return r;
}

// The buyer's ControlKeys overrule the network's defaults: a document the buyer declared
// not allowed would be refused there and fail in the outbox for good, so it is refused here,
// before anything changes. Recording without a document (--no-send) stays possible.
Result<void> confirmation_allowed(const catalog::Order& order, bool send) {
    if (send && order.confirmation_rule == catalog::DocumentRule::not_allowed) {
        return Error{Errc::invalid,
                     "the buyer declared order confirmations not allowed for order " +
                         order.order_id +
                         " (ControlKeys OCInstruction notAllowed); nothing was "
                         "changed. Record it without a document (--no-send)"};
    }
    return {};
}

// What the buyer's platform would refuse in the document `check` looks at (nothing when
// no document is sent).
template <class Check>
Result<void> platform_allows(catalog::Connection& conn, const catalog::Order& order, bool send,
                             Check check) {
    if (!send)
        return {};
    auto buyer = catalog::find_buyer(conn, order.buyer);
    if (!buyer)
        return buyer.error();
    return check(platform_of(*buyer));
}

Result<void> ship_notice_allowed(catalog::Connection& conn, const catalog::Order& order,
                                 bool send) {
    if (!send)
        return {};
    if (order.ship_notice_rule == catalog::DocumentRule::not_allowed) {
        return Error{Errc::invalid, "the buyer declared ship notices not allowed for order " +
                                        order.order_id +
                                        " (ControlKeys ASNInstruction notAllowed); nothing was "
                                        "changed. Record it without a document (--no-send)"};
    }
    if (order.confirmation_rule == catalog::DocumentRule::required_before_ship_notice) {
        auto f = catalog::load_fulfilment(conn, order);
        if (!f)
            return f.error();
        if (!f->confirmation) {
            return Error{Errc::invalid,
                         "the buyer requires an order confirmation before a ship "
                         "notice for order " +
                             order.order_id +
                             " (ControlKeys OCInstruction requiredBeforeASN); "
                             "nothing was changed. Confirm the order first"};
        }
    }
    return {};
}

// Notes on the invoice (or credit memo) the payloadID it went out with, for a later
// cancellation to name.
auto note_payload_id(catalog::Connection& conn) {
    return [&conn](const catalog::Invoice& inv, const std::string& payload_id) {
        return catalog::set_invoice_payload_id(conn, inv.pk, payload_id);
    };
}

}  // namespace

Result<ActionResult> confirm_order(catalog::Connection& conn, const SupplierIdentity& supplier,
                                   std::int64_t order_pk,
                                   const catalog::NewConfirmation& confirmation,
                                   catalog::Timestamp at, const ActionOptions& options) {
    return run_referenced_action(
        conn, supplier, order_pk, at, options, "ConfirmationRequest",
        [&]() -> Result<catalog::Confirmation> {
            auto order = catalog::find_order(conn, order_pk);
            if (!order)
                return order.error();
            if (auto ok = confirmation_allowed(*order, options.send); !ok)
                return ok.error();
            if (auto ok = platform_allows(conn, *order, options.send,
                                          [&](const cxml::PlatformProfile& p) {
                                              return check_confirmation(p, confirmation, at);
                                          });
                !ok)
                return ok.error();
            return catalog::record_confirmation(conn, order_pk, confirmation, at);
        },
        &catalog::Confirmation::confirm_id,
        [&](const DocumentBuilder& b, const catalog::Confirmation& c) {
            return b.confirmation(c, at);
        });
}

Result<ActionResult> confirm_order(catalog::Connection& conn, const SupplierIdentity& supplier,
                                   std::int64_t order_pk, const ConfirmationDecision& decision,
                                   catalog::Timestamp at, const ActionOptions& options) {
    auto tx = catalog::WriteTransaction::begin(conn, catalog::Durability::full);
    if (!tx)
        return tx.error();
    auto order = catalog::find_order(conn, order_pk);
    if (!order)
        return order.error();
    auto plan = catalog::plan_confirmation(*order, decision.lines, decision.rest,
                                           decision.rest_delivery_date);
    if (!plan)
        return plan.error();
    plan->comment = decision.comment;
    if (!decision.confirm_id.empty())
        plan->confirm_id = decision.confirm_id;
    auto done = confirm_order(conn, supplier, order_pk, *plan, at, options);
    if (!done)
        return done.error();
    if (auto r = tx->commit(); !r)
        return r.error();
    return done;
}

Result<ActionResult> ship_order(catalog::Connection& conn, const SupplierIdentity& supplier,
                                std::int64_t order_pk, const catalog::NewShipment& shipment,
                                catalog::Timestamp at, const ActionOptions& options) {
    return run_referenced_action(
        conn, supplier, order_pk, at, options, "ShipNoticeRequest",
        [&]() -> Result<catalog::Shipment> {
            auto order = catalog::find_order(conn, order_pk);
            if (!order)
                return order.error();
            if (auto ok = ship_notice_allowed(conn, *order, options.send); !ok)
                return ok.error();
            if (auto ok = platform_allows(conn, *order, options.send,
                                          [&](const cxml::PlatformProfile& p) {
                                              return check_shipment(p, shipment, at);
                                          });
                !ok)
                return ok.error();
            return catalog::record_shipment(conn, order_pk, shipment, at);
        },
        &catalog::Shipment::shipment_id,
        [&](const DocumentBuilder& b, const catalog::Shipment& s) { return b.ship_notice(s, at); });
}

Result<ActionResult> invoice_order(catalog::Connection& conn, const SupplierIdentity& supplier,
                                   std::int64_t order_pk, const catalog::NewInvoice& invoice,
                                   catalog::Timestamp at, const ActionOptions& options) {
    return run_referenced_action(
        conn, supplier, order_pk, at, options, "InvoiceDetailRequest",
        [&] { return catalog::record_invoice(conn, order_pk, invoice, at); },
        &catalog::Invoice::invoice_number,
        [&](const DocumentBuilder& b, const catalog::Invoice& inv) { return b.invoice(inv); },
        note_payload_id(conn));
}

Result<ActionResult> credit_invoice(catalog::Connection& conn, const SupplierIdentity& supplier,
                                    std::int64_t order_pk, const catalog::NewCreditMemo& credit,
                                    catalog::Timestamp at, const ActionOptions& options) {
    return run_referenced_action(
        conn, supplier, order_pk, at, options, "InvoiceDetailRequest",
        [&] { return catalog::record_credit_memo(conn, order_pk, credit, at); },
        &catalog::Invoice::invoice_number,
        [&](const DocumentBuilder& b, const catalog::Invoice& cm) { return b.invoice(cm); },
        note_payload_id(conn));
}

Result<ActionResult> cancel_invoice(catalog::Connection& conn, const SupplierIdentity& supplier,
                                    std::int64_t order_pk, const std::string& invoice_number,
                                    catalog::Timestamp at, const ActionOptions& options) {
    return run_referenced_action(
        conn, supplier, order_pk, at, options, "InvoiceDetailRequest",
        [&]() -> Result<catalog::Invoice> {
            // The cancellation names the document it cancels; an invoice that never went
            // out has nothing at the buyer to cancel.
            auto inv = catalog::find_invoice(conn, order_pk, invoice_number);
            if (!inv)
                return inv.error();
            if (options.send && inv->payload_id.empty() && !inv->cancelled_at &&
                inv->kind == catalog::InvoiceKind::standard) {
                return Error{Errc::invalid,
                             invoice_number +
                                 " was recorded without a document (--no-send), so the buyer "
                                 "has nothing to cancel; nothing was changed. Cancel it with "
                                 "--no-send"};
            }
            return catalog::cancel_invoice(conn, order_pk, invoice_number, at);
        },
        &catalog::Invoice::invoice_number,
        [&](const DocumentBuilder& b, const catalog::Invoice& inv) {
            return b.invoice(inv, cxml::DocumentOperation::delete_);
        });
}

Result<ActionResult> send_status_update(catalog::Connection& conn, const SupplierIdentity& supplier,
                                        std::int64_t order_pk, unsigned code,
                                        const std::string& message, catalog::Timestamp at,
                                        const ActionOptions& options) {
    if (code < 100 || code > 999)
        return Error{Errc::invalid, "status code " + std::to_string(code) + " is not a cXML code"};
    return run_action(
        conn, supplier, order_pk, at, options, "StatusUpdateRequest",
        [&]() -> Result<bool> {
            auto r = catalog::add_order_event(conn, order_pk, "status-update",
                                              std::to_string(code) + " " + message, at);
            if (!r)
                return r.error();
            return true;
        },
        [&](const DocumentBuilder& b, bool) { return b.status_update(code, message); });
}

Result<ActionResult> queue_order_state(catalog::Connection& conn, const SupplierIdentity& supplier,
                                       std::int64_t order_pk, catalog::Timestamp at) {
    auto tx = catalog::WriteTransaction::begin(conn, catalog::Durability::full);
    if (!tx)
        return tx.error();
    auto subject = load_subject(conn, order_pk, false);
    if (!subject)
        return subject.error();
    ActionResult result;
    const auto& order = subject->order;
    result.order = order;
    if (subject->buyer.document_url.empty()) {
        result.note = "no document URL is on file for your organisation";
        return result;
    }
    catalog::OutboxFilter pending;
    pending.status = catalog::OutboxStatus::pending;
    pending.order_pk = order.pk;
    pending.origin = "status-request";
    pending.limit = 1;
    auto waiting = catalog::list_outbox(conn, pending);
    if (!waiting)
        return waiting.error();
    if (!waiting->empty()) {
        result.note = "an answer to an earlier OrderStatusRequest is still on its way";
        return result;
    }
    auto f = catalog::load_fulfilment(conn, order);
    if (!f)
        return f.error();

    DocumentBuilder builder(supplier, subject->buyer, order);
    std::vector<cxml::Document> docs;
    using catalog::OrderStatus;
    const auto s = order.status;
    if (s == OrderStatus::cancelled) {
        docs.push_back(builder.status_update(200, "Order " + order.order_id +
                                                      " was cancelled (version " +
                                                      std::to_string(order.version) + ")."));
    } else if (!f->shipments.empty() &&
               order.ship_notice_rule != catalog::DocumentRule::not_allowed &&
               (s == OrderStatus::partially_shipped || s == OrderStatus::shipped ||
                s == OrderStatus::invoiced)) {
        for (const auto& shipment : f->shipments)
            docs.push_back(builder.ship_notice(shipment, at, cxml::DocumentOperation::update));
    } else if (f->confirmation && order.confirmation_rule != catalog::DocumentRule::not_allowed) {
        docs.push_back(builder.confirmation(*f->confirmation, at, cxml::DocumentOperation::update));
    } else {
        docs.push_back(builder.status_update(201, "Order " + order.order_id + " was received on " +
                                                      catalog::format_timestamp(order.received_at) +
                                                      " and is not confirmed yet."));
    }
    for (const auto& doc : docs) {
        auto q = queue(conn, builder, *subject, doc, "status-request", at);
        if (!q)
            return q.error();
        result.queued.push_back(std::move(*q));
    }
    if (auto r = catalog::add_order_event(
            conn, order.pk, "status-requested",
            std::to_string(result.queued.size()) + " document(s) queued in answer", at);
        !r) {
        return r.error();
    }
    if (auto r = tx->commit(); !r)
        return r.error();
    return result;
}

}  // namespace punchout::gateway
