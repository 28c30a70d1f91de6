#pragma once

#include "catalog/buyer.hpp"
#include "catalog/fulfilment.hpp"
#include "catalog/order.hpp"
#include "catalog/timestamp.hpp"
#include "cxml/document.hpp"
#include "gateway/service/config.hpp"

#include <string>
#include <vector>

namespace punchout::gateway {

/// Builds the cXML documents we send a buyer about one of its orders.
///
/// Every document has From = our first supplier credential, To = the buyer's credentials
/// the order came from (its From, limited to credentials the buyer is known by; the
/// buyer's first credential when the stored order cannot be read), Sender = our first
/// credential with the outbound SharedSecret (none when it is not configured), the order's
/// deployment mode, and a fresh payloadID. `write` writes it in the buyer's cXML version.
class DocumentBuilder {
public:
    DocumentBuilder(const SupplierIdentity& supplier, const catalog::Buyer& buyer,
                    const catalog::Order& order);

    /// A ConfirmationRequest: type accept or reject without items, or allDetail with one
    /// ConfirmationItem per order line and a ConfirmationStatus per confirmed part.
    cxml::Document confirmation(
        const catalog::Confirmation& c, catalog::Timestamp notice_date,
        cxml::DocumentOperation operation = cxml::DocumentOperation::new_) const;

    /// A ShipNoticeRequest for one shipment: carrier (companyName), tracking number, and a
    /// ShipNoticeItem per shipped line.
    cxml::Document ship_notice(
        const catalog::Shipment& s, catalog::Timestamp notice_date,
        cxml::DocumentOperation operation = cxml::DocumentOperation::new_) const;

    /// An InvoiceDetailRequest (invoiceOrigin supplier) with the stored lines and sums, a
    /// TaxDetail naming category and rate (per line too when the invoice has tax in line),
    /// payment term, order reference and the partners: from and remitTo (the configured
    /// addresses and tax id), billTo and soldTo (the OrderRequest's BillTo, the buyer's
    /// name). A credit memo is purpose creditMemo (a header invoice, one
    /// InvoiceDetailHeaderOrder) or lineLevelCreditMemo, with negative amounts and
    /// quantities and InvoiceIDInfo naming the invoice it credits. `delete_` cancels the
    /// invoice: DocumentReference names the payloadID it was sent with.
    cxml::Document invoice(const catalog::Invoice& inv,
                           cxml::DocumentOperation operation = cxml::DocumentOperation::new_) const;

    /// A StatusUpdateRequest about the order's OrderRequest (DocumentReference = its
    /// payloadID).
    cxml::Document status_update(unsigned code, std::string message) const;

    /// `doc` written as cXML in the buyer's version.
    std::string write(const cxml::Document& doc) const;

    /// The header every document gets.
    const cxml::Header& header() const noexcept { return header_; }

private:
    cxml::Document envelope(cxml::RequestPayload payload) const;
    cxml::OrderReference order_reference() const;
    cxml::Money money(catalog::Amount amount) const;
    std::vector<cxml::InvoicePartner> invoice_partners() const;
    cxml::Tax invoice_tax(const catalog::Invoice& inv, catalog::Amount taxable,
                          catalog::Amount tax) const;

    const SupplierIdentity& supplier_;
    const catalog::Buyer& buyer_;
    const catalog::Order& order_;
    cxml::Header header_;
};

}  // namespace punchout::gateway
