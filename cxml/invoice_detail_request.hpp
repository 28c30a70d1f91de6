#pragma once

#include "cxml/comments.hpp"
#include "cxml/contact.hpp"
#include "cxml/date_time.hpp"
#include "cxml/decimal.hpp"
#include "cxml/description.hpp"
#include "cxml/document_operation.hpp"
#include "cxml/extrinsic.hpp"
#include "cxml/item_detail.hpp"
#include "cxml/item_id.hpp"
#include "cxml/money.hpp"
#include "cxml/order_reference.hpp"
#include "cxml/tax.hpp"

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace punchout::cxml {

/// `InvoiceDetailRequestHeader@purpose`.
enum class InvoicePurpose {
    standard,
    credit_memo,
    debit_memo,
    line_level_credit_memo,
    line_level_debit_memo,
};

/// The cXML word ("standard", "creditMemo", ...).
std::string_view to_string(InvoicePurpose purpose) noexcept;

/// `InvoiceDetailRequestHeader@invoiceOrigin`: who raised the invoice. Coupa's compliant
/// invoicing wants "supplier"; unspecified leaves the attribute out.
enum class InvoiceOrigin {
    unspecified,
    supplier,
    buyer,
};

/// The cXML word ("supplier", "buyer"; "" for unspecified).
std::string_view to_string(InvoiceOrigin origin) noexcept;

/// An `InvoiceIDInfo`: an earlier invoice this one refers to (a credit memo's original).
struct InvoiceIdInfo {
    std::string invoice_id;                ///< `invoiceID`
    std::optional<DateTime> invoice_date;  ///< `invoiceDate`

    bool operator==(const InvoiceIdInfo&) const = default;
};

/// An `IdReference`: an identifier in some domain (tax number, ...).
struct IdReference {
    std::string domain;      ///< `domain`
    std::string identifier;  ///< `identifier`

    bool operator==(const IdReference&) const = default;
};

/// An `InvoicePartner`: a party to the invoice (remitTo, billTo, invoiceFrom, ...).
struct InvoicePartner {
    Contact contact;
    std::vector<IdReference> id_references;  ///< `IdReference*`

    bool operator==(const InvoicePartner&) const = default;
};

/// A `PaymentTerm`: pay within so many days, optionally with a discount.
struct PaymentTerm {
    std::uint32_t pay_in_number_of_days = 0;  ///< `payInNumberOfDays`
    std::optional<Decimal> discount_percent;  ///< `Discount/DiscountPercent@percent`
    std::optional<Money> discount_amount;     ///< `Discount/DiscountAmount/Money`
    Extrinsics extrinsics;                    ///< `Extrinsic*`

    bool operator==(const PaymentTerm&) const = default;
};

/// An `InvoiceDetailRequestHeader`.
struct InvoiceDetailRequestHeader {
    std::string invoice_id;                                     ///< `invoiceID`
    InvoicePurpose purpose = InvoicePurpose::standard;          ///< `purpose`
    DocumentOperation operation = DocumentOperation::new_;      ///< `operation`: new or delete
    DateTime invoice_date;                                      ///< `invoiceDate`
    InvoiceOrigin invoice_origin = InvoiceOrigin::unspecified;  ///< `invoiceOrigin`
    bool is_header_invoice = false;            ///< `InvoiceDetailHeaderIndicator@isHeaderInvoice`
    bool is_tax_in_line = false;               ///< `InvoiceDetailLineIndicator@isTaxInLine`
    bool is_special_handling_in_line = false;  ///< `...@isSpecialHandlingInLine`
    bool is_shipping_in_line = false;          ///< `...@isShippingInLine`
    bool is_discount_in_line = false;          ///< `...@isDiscountInLine`
    bool is_accounting_in_line = false;        ///< `...@isAccountingInLine`
    std::vector<InvoicePartner> partners;      ///< `InvoicePartner*`
    std::string document_reference;            ///< `DocumentReference@payloadID`
    std::optional<InvoiceIdInfo> invoice_id_info;  ///< `InvoiceIDInfo`
    std::optional<DateTime> shipping_date;         ///< `InvoiceDetailShipping@shippingDate`
    std::vector<Contact> shipping_contacts;        ///< `InvoiceDetailShipping/Contact` (>= 2)
    std::vector<PaymentTerm> payment_terms;        ///< `PaymentTerm*`
    std::optional<Comments> comments;              ///< `Comments`
    Extrinsics extrinsics;                         ///< `Extrinsic*`

    bool operator==(const InvoiceDetailRequestHeader&) const = default;
};

/// A `MasterAgreementReference`: the contract an invoiced order falls under.
struct MasterAgreementReference {
    std::string agreement_id;                ///< `agreementID`
    std::optional<DateTime> agreement_date;  ///< `agreementDate`
    std::string document_payload_id;         ///< `DocumentReference@payloadID`

    bool operator==(const MasterAgreementReference&) const = default;
};

/// An `InvoiceDetailOrderInfo`: which order (or agreement) the invoiced lines belong to.
struct InvoiceDetailOrderInfo {
    std::optional<OrderReference> order_reference;  ///< `OrderReference` or `OrderIDInfo`
    std::optional<MasterAgreementReference> master_agreement;  ///< `MasterAgreementReference`
    std::optional<SupplierOrderInfo> supplier_order_info;      ///< `SupplierOrderInfo`

    bool operator==(const InvoiceDetailOrderInfo&) const = default;
};

/// An `InvoiceDetailItemReference`: which order line an invoice line bills.
struct InvoiceDetailItemReference {
    std::uint32_t line_number = 0;                ///< `lineNumber` of the order line
    std::optional<ItemId> item_id;                ///< `ItemID`
    std::optional<Description> description;       ///< `Description`
    std::vector<Classification> classifications;  ///< `Classification*`

    bool operator==(const InvoiceDetailItemReference&) const = default;
};

/// An `InvoiceDetailItem`: one invoiced line.
struct InvoiceDetailItem {
    std::uint32_t invoice_line_number = 0;                   ///< `invoiceLineNumber`
    Decimal quantity;                                        ///< `quantity`
    std::string unit_of_measure;                             ///< `UnitOfMeasure`
    Money unit_price;                                        ///< `UnitPrice/Money`
    std::optional<PriceBasisQuantity> price_basis_quantity;  ///< `PriceBasisQuantity`
    InvoiceDetailItemReference reference;                    ///< `InvoiceDetailItemReference`
    std::optional<Money> subtotal_amount;                    ///< `SubtotalAmount/Money`
    std::optional<Tax> tax;                                  ///< `Tax`
    std::optional<Money> gross_amount;                       ///< `GrossAmount/Money`
    std::optional<Money> net_amount;                         ///< `NetAmount/Money`
    std::optional<Comments> comments;                        ///< `Comments`
    Extrinsics extrinsics;                                   ///< `Extrinsic*`

    bool operator==(const InvoiceDetailItem&) const = default;
};

/// An `InvoiceDetailOrder`: the invoiced lines of one order.
struct InvoiceDetailOrder {
    InvoiceDetailOrderInfo info;           ///< `InvoiceDetailOrderInfo`
    std::vector<InvoiceDetailItem> items;  ///< `InvoiceDetailItem+`

    bool operator==(const InvoiceDetailOrder&) const = default;
};

/// An `InvoiceDetailHeaderOrder`: one order billed (or credited) as a sum without item
/// details, used when `is_header_invoice` (creditMemo and debitMemo require it).
struct InvoiceDetailHeaderOrder {
    InvoiceDetailOrderInfo info;            ///< `InvoiceDetailOrderInfo`
    std::uint32_t invoice_line_number = 1;  ///< `InvoiceDetailOrderSummary@invoiceLineNumber`
    Money subtotal_amount;                  ///< `InvoiceDetailOrderSummary/SubtotalAmount/Money`
    std::optional<Tax> tax;                 ///< `InvoiceDetailOrderSummary/Tax`
    std::optional<Money> gross_amount;      ///< `InvoiceDetailOrderSummary/GrossAmount/Money`
    std::optional<Money> net_amount;        ///< `InvoiceDetailOrderSummary/NetAmount/Money`
    std::optional<Comments> comments;       ///< `InvoiceDetailOrderSummary/Comments`

    bool operator==(const InvoiceDetailHeaderOrder&) const = default;
};

/// An `InvoiceDetailSummary`: the invoice totals.
struct InvoiceDetailSummary {
    Money subtotal_amount;                         ///< `SubtotalAmount/Money`
    Tax tax;                                       ///< `Tax` (required)
    std::optional<Money> special_handling_amount;  ///< `SpecialHandlingAmount/Money`
    std::optional<Money> shipping_amount;          ///< `ShippingAmount/Money`
    std::optional<Money> gross_amount;             ///< `GrossAmount/Money`
    std::optional<Money> discount_amount;          ///< `InvoiceDetailDiscount/Money`
    Money net_amount;                              ///< `NetAmount/Money` (required)
    std::optional<Money> due_amount;               ///< `DueAmount/Money`

    bool operator==(const InvoiceDetailSummary&) const = default;
};

/// A cXML `InvoiceDetailRequest`: an invoice.
struct InvoiceDetailRequest {
    InvoiceDetailRequestHeader header;
    std::vector<InvoiceDetailOrder> orders;  ///< `InvoiceDetailOrder+` (detail invoices)
    /// `InvoiceDetailHeaderOrder+`: written instead of `orders` when the header says
    /// `is_header_invoice`.
    std::vector<InvoiceDetailHeaderOrder> header_orders;
    InvoiceDetailSummary summary;  ///< `InvoiceDetailSummary`

    bool operator==(const InvoiceDetailRequest&) const = default;
};

}  // namespace punchout::cxml
