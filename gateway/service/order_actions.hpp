#pragma once

#include "catalog/confirmation.hpp"
#include "catalog/connection.hpp"
#include "catalog/credit_memo.hpp"
#include "catalog/fulfilment.hpp"
#include "catalog/order.hpp"
#include "catalog/result.hpp"
#include "catalog/timestamp.hpp"
#include "gateway/service/config.hpp"

#include <cstdint>
#include <string>
#include <vector>

// What the supplier does with an order, each as one durable transaction: the state change
// (confirmation, shipment, invoice, status) and the cXML document that tells the buyer,
// queued in the outbox. Used by punchoutctl and by the gateway (OrderStatusRequest).
namespace punchout::gateway {

/// A document an action put in the outbox.
struct QueuedDocument {
    std::int64_t outbox_id = 0;
    std::string document_type;
    std::string payload_id;
    std::string target_url;
};

/// What an action did.
struct ActionResult {
    catalog::Order order;   ///< after the action (its new status)
    std::string reference;  ///< the confirmID, shipmentID or invoiceID recorded, if any
    std::vector<QueuedDocument> queued;
    std::string note;  ///< for people: why nothing was queued, when nothing was
};

/// How an action runs.
struct ActionOptions {
    /// False: record the change without a document (a buyer that takes no documents).
    bool send = true;
    /// "admin", or "status-request" for answers to an OrderStatusRequest.
    std::string origin = "admin";
};

/// Records a confirmation and queues its ConfirmationRequest. Errc::invalid when the buyer
/// has no document URL (and `send`), or the confirmation does not fit the order (see
/// catalog::record_confirmation); nothing is changed then.
catalog::Result<ActionResult> confirm_order(catalog::Connection& conn,
                                            const SupplierIdentity& supplier, std::int64_t order_pk,
                                            const catalog::NewConfirmation& confirmation,
                                            catalog::Timestamp at,
                                            const ActionOptions& options = {});

/// What the supplier decided about an order, as `punchoutctl orders confirm` and
/// `POST /api/v1/orders/{id}/confirm` take it: decisions about some lines, and the status
/// and delivery date of everything they leave (catalog::plan_confirmation).
struct ConfirmationDecision {
    std::vector<catalog::LineDecision> lines;
    catalog::LineStatus rest = catalog::LineStatus::accept;
    std::string rest_delivery_date;
    std::string comment;
    std::string confirm_id;  ///< empty: "CNF-" and a number
};

/// Plans the confirmation from `decision` against the version in force and confirms it, in
/// one transaction (an update arriving in between cannot be confirmed by a stale plan).
/// Errc::invalid when the decision does not fit the order; Errc::not_found.
catalog::Result<ActionResult> confirm_order(catalog::Connection& conn,
                                            const SupplierIdentity& supplier, std::int64_t order_pk,
                                            const ConfirmationDecision& decision,
                                            catalog::Timestamp at,
                                            const ActionOptions& options = {});

/// Records a shipment and queues its ShipNoticeRequest.
catalog::Result<ActionResult> ship_order(catalog::Connection& conn,
                                         const SupplierIdentity& supplier, std::int64_t order_pk,
                                         const catalog::NewShipment& shipment,
                                         catalog::Timestamp at, const ActionOptions& options = {});

/// Records an invoice and queues its InvoiceDetailRequest.
catalog::Result<ActionResult> invoice_order(catalog::Connection& conn,
                                            const SupplierIdentity& supplier, std::int64_t order_pk,
                                            const catalog::NewInvoice& invoice,
                                            catalog::Timestamp at,
                                            const ActionOptions& options = {});

/// Records a credit memo against one of the order's invoices and queues its
/// InvoiceDetailRequest (creditMemo or lineLevelCreditMemo; catalog::record_credit_memo says
/// what may be credited). Nothing is changed when it is refused.
catalog::Result<ActionResult> credit_invoice(
    catalog::Connection& conn, const SupplierIdentity& supplier, std::int64_t order_pk,
    const catalog::NewCreditMemo& credit, catalog::Timestamp at, const ActionOptions& options = {});

/// Cancels an invoice (catalog::cancel_invoice) and queues it again with operation delete,
/// a new payloadID and DocumentReference = the payloadID it was sent with. Errc::invalid,
/// changing nothing, when it was recorded without a document and `send` is asked.
catalog::Result<ActionResult> cancel_invoice(
    catalog::Connection& conn, const SupplierIdentity& supplier, std::int64_t order_pk,
    const std::string& invoice_number, catalog::Timestamp at, const ActionOptions& options = {});

/// Queues a StatusUpdateRequest about the order (a cXML status code and a message) and
/// logs a "status-update" event.
catalog::Result<ActionResult> send_status_update(catalog::Connection& conn,
                                                 const SupplierIdentity& supplier,
                                                 std::int64_t order_pk, unsigned code,
                                                 const std::string& message, catalog::Timestamp at,
                                                 const ActionOptions& options = {});

/// Queues the order's current state for an OrderStatusRequest (origin "status-request"):
/// received -> StatusUpdateRequest 201; cancelled -> StatusUpdateRequest 200; confirmed,
/// backordered, rejected -> the confirmation in force again (operation update); shipped and
/// beyond -> every shipment's ShipNoticeRequest again (operation update). Queues nothing
/// (and says so in `note`) while an earlier status answer for the order is still pending.
catalog::Result<ActionResult> queue_order_state(catalog::Connection& conn,
                                                const SupplierIdentity& supplier,
                                                std::int64_t order_pk, catalog::Timestamp at);

}  // namespace punchout::gateway
