#include "gateway/service/document_builder.hpp"

#include "catalog/invoice_totals.hpp"
#include "cxml/parse.hpp"
#include "cxml/write.hpp"
#include "gateway/service/build_info.hpp"
#include "gateway/service/conversions.hpp"

namespace punchout::gateway {
namespace {

cxml::Credential credential(std::string domain, std::string identity) {
    cxml::Credential c;
    c.domain = std::move(domain);
    c.identity = std::move(identity);
    return c;
}

// The buyer's credentials as its order named them: a network-routed buyer wants the
// NetworkID it sent, not whichever credential the admin typed first.
std::vector<cxml::Credential> buyer_credentials(const catalog::Buyer& buyer,
                                                const catalog::Order& order) {
    std::vector<cxml::Credential> out;
    if (!order.document.empty()) {
        auto parsed = cxml::parse(order.document);
        if (parsed) {
            for (const auto& from : parsed.value().header.from.credentials) {
                const auto c = to_catalog(from);
                for (const auto& known : buyer.credentials) {
                    if (catalog::same_credential(known, c)) {
                        out.push_back(credential(c.domain, c.identity));
                        break;
                    }
                }
            }
        }
    }
    if (out.empty() && !buyer.credentials.empty()) {
        out.push_back(
            credential(buyer.credentials.front().domain, buyer.credentials.front().identity));
    }
    return out;
}

std::optional<cxml::DateTime> date(const std::string& text) {
    if (text.empty())
        return std::nullopt;
    return cxml::DateTime::parse(text);
}

cxml::ConfirmationStatusType status_type(catalog::LineStatus s) {
    switch (s) {
        case catalog::LineStatus::accept:
            return cxml::ConfirmationStatusType::accept;
        case catalog::LineStatus::backordered:
            return cxml::ConfirmationStatusType::backordered;
        case catalog::LineStatus::reject:
            return cxml::ConfirmationStatusType::reject;
    }
    return cxml::ConfirmationStatusType::accept;
}

const catalog::OrderLine* order_line(const catalog::Order& order, int number) {
    for (const auto& l : order.lines) {
        if (l.line_number == number)
            return &l;
    }
    return nullptr;
}

cxml::ItemId item_id(const catalog::OrderLine& l) {
    cxml::ItemId id;
    id.supplier_part_id = l.sku;
    id.supplier_part_auxiliary_id = l.token;
    id.buyer_part_id = l.buyer_part_id;
    return id;
}

std::uint32_t line_number(int n) {
    return n > 0 ? static_cast<std::uint32_t>(n) : 0u;
}

}  // namespace

DocumentBuilder::DocumentBuilder(const SupplierIdentity& supplier, const catalog::Buyer& buyer,
                                 const catalog::Order& order)
    : supplier_(supplier), buyer_(buyer), order_(order) {
    // Who we are to this buyer: its own supplier identity where one is set (each Coupa
    // customer configures one; Ariba wants our ANID, the -T one on test documents), else
    // the gateway's; likewise the secret.
    std::optional<std::pair<std::string, std::string>> us;
    if (!buyer.outbound_credential.identity.empty()) {
        us.emplace(buyer.outbound_credential.domain, buyer.outbound_credential.identity);
        if (order.deployment_mode == catalog::DeploymentMode::test &&
            !buyer.outbound_test_identity.empty()) {
            us->second = buyer.outbound_test_identity;
        }
    } else if (!supplier.credentials.empty()) {
        us = supplier.credentials.front();
    }
    if (us) {
        header_.from.credentials = {credential(us->first, us->second)};
        auto sender = credential(us->first, us->second);
        const auto& secret =
            buyer.outbound_secret.empty() ? supplier.outbound_secret : buyer.outbound_secret;
        if (!secret.empty())
            sender.shared_secret = secret;
        header_.sender.credentials = {std::move(sender)};
    }
    header_.to.credentials = buyer_credentials(buyer, order);
    header_.sender.user_agent = std::string(product_version());
}

cxml::Document DocumentBuilder::envelope(cxml::RequestPayload payload) const {
    cxml::Request request;
    request.deployment_mode = to_cxml(order_.deployment_mode);
    request.payload = std::move(payload);
    auto doc = cxml::make_document(std::move(request));
    doc.header = header_;
    doc.lang = "en-US";
    return doc;
}

cxml::OrderReference DocumentBuilder::order_reference() const {
    cxml::OrderReference ref;
    ref.order_id = order_.order_id;
    ref.order_date = date(order_.order_date);
    ref.document_payload_id = order_.payload_id;
    return ref;
}

cxml::Money DocumentBuilder::money(catalog::Amount amount) const {
    cxml::Money m;
    m.amount = to_decimal(amount, catalog::minor_unit_digits(order_.currency));
    m.currency = order_.currency;
    return m;
}

cxml::Document DocumentBuilder::confirmation(const catalog::Confirmation& c,
                                             catalog::Timestamp notice_date,
                                             cxml::DocumentOperation operation) const {
    cxml::ConfirmationRequest r;
    r.header.confirm_id = c.confirm_id;
    r.header.operation = operation;
    r.header.type = to_cxml(c.type);
    r.header.notice_date = to_cxml_time(notice_date);
    if (r.header.type != cxml::ConfirmationType::reject)
        r.header.total = money(order_.total);
    if (!c.comment.empty())
        r.header.comments = {cxml::Comments{c.comment, "en", {}, {}}};
    r.order_reference = order_reference();
    if (r.header.type == cxml::ConfirmationType::all_detail) {
        for (const auto& line : order_.lines) {
            cxml::ConfirmationItem item;
            item.quantity = to_decimal(line.quantity);
            item.line_number = line_number(line.line_number);
            item.unit_of_measure = line.uom;
            for (const auto& part : c.parts) {
                if (part.line_number != line.line_number)
                    continue;
                cxml::ConfirmationStatus s;
                s.quantity = to_decimal(part.quantity);
                s.type = status_type(part.status);
                s.unit_of_measure = line.uom;
                s.delivery_date = date(part.delivery_date);
                if (part.status != catalog::LineStatus::reject) {
                    cxml::Money price;
                    price.amount =
                        to_decimal(line.unit_price, catalog::minor_unit_digits(line.currency));
                    price.currency = line.currency;
                    s.unit_price = std::move(price);
                } else if (!c.comment.empty()) {
                    // Coupa reads a rejected line's reason from the line, not the header.
                    s.comments = {cxml::Comments{c.comment, "en", {}, {}}};
                }
                item.statuses.push_back(std::move(s));
            }
            if (!item.statuses.empty())
                r.items.push_back(std::move(item));
        }
    }
    return envelope(std::move(r));
}

cxml::Document DocumentBuilder::ship_notice(const catalog::Shipment& s,
                                            catalog::Timestamp notice_date,
                                            cxml::DocumentOperation operation) const {
    cxml::ShipNoticeRequest r;
    r.header.shipment_id = s.shipment_id;
    r.header.operation = operation;
    r.header.notice_date = to_cxml_time(notice_date);
    r.header.shipment_date = cxml::DateTime(to_cxml_time(s.shipped_at));
    r.header.delivery_date = date(s.delivery_date);
    r.header.shipment_type = "actual";
    cxml::ShipControl control;
    control.carriers = {cxml::CarrierIdentifier{"companyName", s.carrier}};
    control.shipment_identifiers = {
        cxml::ShipmentIdentifier{s.tracking, "trackingNumber", s.tracking_url}};
    r.controls = {std::move(control)};
    cxml::ShipNoticePortion portion;
    portion.order_reference = order_reference();
    for (const auto& shipped : s.lines) {
        cxml::ShipNoticeItem item;
        item.quantity = to_decimal(shipped.quantity);
        item.line_number = line_number(shipped.line_number);
        if (const auto* l = order_line(order_, shipped.line_number)) {
            item.item_id = item_id(*l);
            item.unit_of_measure = l->uom;
        }
        portion.items.push_back(std::move(item));
    }
    r.portions = {std::move(portion)};
    return envelope(std::move(r));
}

namespace {

catalog::Amount negated(catalog::Amount a) {
    return catalog::Amount::from_units(-a.units());
}

cxml::PostalAddress postal_address(const ConfiguredAddress& a) {
    cxml::PostalAddress p;
    p.street = {a.street};
    p.city = a.city;
    p.state = a.state;
    p.postal_code = a.postal_code;
    p.country = a.country;
    p.iso_country_code = a.country;
    return p;
}

// The DTD wants Street, City and Country in a PostalAddress; one without them is left out
// rather than written invalid.
bool complete(const cxml::PostalAddress& p) {
    return !p.street.empty() && !p.street.front().empty() && !p.city.empty() &&
           (!p.country.empty() || !p.iso_country_code.empty());
}

cxml::InvoicePartner partner(std::string role, std::string name,
                             std::optional<cxml::PostalAddress> address) {
    cxml::InvoicePartner p;
    p.contact.role = std::move(role);
    p.contact.name = std::move(name);
    p.contact.name_lang = "en";
    if (address && complete(*address)) {
        if (address->country.empty())
            address->country = address->iso_country_code;
        p.contact.postal_addresses = {std::move(*address)};
    }
    return p;
}

// The OrderRequest's BillTo, when the stored order can be read.
std::optional<cxml::Address> bill_to_of(const catalog::Order& order) {
    if (order.document.empty())
        return std::nullopt;
    auto parsed = cxml::parse(order.document);
    if (!parsed)
        return std::nullopt;
    const auto* request = std::get_if<cxml::Request>(&parsed.value().body);
    if (!request)
        return std::nullopt;
    const auto* o = std::get_if<cxml::OrderRequest>(&request->payload);
    if (!o)
        return std::nullopt;
    return o->header.bill_to;
}

}  // namespace

std::vector<cxml::InvoicePartner> DocumentBuilder::invoice_partners() const {
    std::vector<cxml::IdReference> tax_ids;
    if (!supplier_.tax_id.empty())
        tax_ids.push_back(cxml::IdReference{supplier_.tax_id_domain, supplier_.tax_id});
    std::optional<cxml::PostalAddress> ours;
    if (!supplier_.address.empty())
        ours = postal_address(supplier_.address);
    auto from = partner("from", supplier_.name, ours);
    from.id_references = tax_ids;
    const bool own_remit = !supplier_.remit_to.empty();
    auto remit = partner(
        "remitTo",
        own_remit && !supplier_.remit_to.name.empty() ? supplier_.remit_to.name : supplier_.name,
        own_remit ? std::optional(postal_address(supplier_.remit_to)) : ours);
    remit.id_references = tax_ids;

    const std::string buyer_name = buyer_.name.empty() ? buyer_.id : buyer_.name;
    const auto bill = bill_to_of(order_);
    std::optional<cxml::PostalAddress> bill_address;
    std::string bill_name = buyer_name;
    if (bill) {
        bill_address = bill->postal_address;
        if (!bill->name.empty())
            bill_name = bill->name;
    }
    auto bill_to = partner("billTo", bill_name, bill_address);
    if (bill)
        bill_to.contact.address_id = bill->address_id;
    // The buying organisation; its address is the one it is billed at.
    auto sold_to = partner("soldTo", buyer_name, bill_address);
    return {std::move(from), std::move(remit), std::move(bill_to), std::move(sold_to)};
}

cxml::Tax DocumentBuilder::invoice_tax(const catalog::Invoice& inv, catalog::Amount taxable,
                                       catalog::Amount tax) const {
    cxml::Tax t;
    const std::string rate = inv.tax_rate.to_string();
    t.money = money(tax);
    t.description = cxml::Description{
        inv.tax_category == "vat" ? "VAT " + rate + "%" : inv.tax_category + " tax " + rate + "%",
        {},
        "en",
        {}};
    cxml::TaxDetail detail;
    detail.purpose = "tax";
    detail.category = inv.tax_category;
    detail.percentage_rate = to_decimal(inv.tax_rate);
    detail.taxable_amount = money(taxable);
    detail.tax_amount = money(tax);
    t.details = {std::move(detail)};
    return t;
}

cxml::Document DocumentBuilder::invoice(const catalog::Invoice& inv,
                                        cxml::DocumentOperation operation) const {
    // cXML credit memos carry negative amounts (and a line-level one negative quantities);
    // we store what is credited as positive numbers, so the sign is applied here alone.
    const bool credit = inv.kind != catalog::InvoiceKind::standard;
    const auto sign = [&](catalog::Amount a) { return credit ? negated(a) : a; };
    cxml::InvoiceDetailRequest r;
    auto& h = r.header;
    h.invoice_id = inv.invoice_number;
    switch (inv.kind) {
        case catalog::InvoiceKind::standard:
            h.purpose = cxml::InvoicePurpose::standard;
            break;
        case catalog::InvoiceKind::credit_memo:
            h.purpose = cxml::InvoicePurpose::credit_memo;
            h.is_header_invoice = true;  // the DTD's rule for creditMemo
            break;
        case catalog::InvoiceKind::line_level_credit_memo:
            h.purpose = cxml::InvoicePurpose::line_level_credit_memo;
            break;
    }
    h.operation = operation;
    h.invoice_origin = cxml::InvoiceOrigin::supplier;
    h.invoice_date = to_cxml_time(inv.invoiced_at);
    h.is_tax_in_line = inv.tax_in_line && !h.is_header_invoice;
    h.partners = invoice_partners();
    // A cancellation names the document it cancels (the DTD: "must be specified as
    // DocumentReference"); invoices recorded without a document have no payloadID to name.
    if (operation == cxml::DocumentOperation::delete_ && !inv.payload_id.empty())
        h.document_reference = inv.payload_id;
    if (credit)
        h.invoice_id_info = cxml::InvoiceIdInfo{inv.credits_invoice_number, {}};
    if (!inv.reason.empty())
        h.comments = cxml::Comments{inv.reason, "en", {}, {}};
    if (!credit)
        h.payment_terms = {cxml::PaymentTerm{static_cast<std::uint32_t>(inv.due_days), {}, {}, {}}};

    if (h.is_header_invoice) {
        cxml::InvoiceDetailHeaderOrder order;
        order.info.order_reference = order_reference();
        order.subtotal_amount = money(sign(inv.subtotal));
        order.tax = invoice_tax(
            inv, sign(catalog::Amount::from_units(inv.subtotal.units() + inv.shipping.units())),
            sign(inv.tax));
        order.net_amount = money(sign(inv.net));
        r.header_orders = {std::move(order)};
    } else {
        cxml::InvoiceDetailOrder order;
        order.info.order_reference = order_reference();
        for (const auto& il : inv.lines) {
            cxml::InvoiceDetailItem item;
            item.invoice_line_number = line_number(il.invoice_line_number);
            item.quantity = to_decimal(sign(il.quantity));
            cxml::Money price;
            price.amount = to_decimal(il.unit_price, catalog::minor_unit_digits(inv.currency));
            price.currency = inv.currency;
            item.unit_price = std::move(price);
            if (il.price_basis_quantity != catalog::Amount::from_units(catalog::Amount::scale)) {
                cxml::PriceBasisQuantity basis;
                basis.quantity = to_decimal(il.price_basis_quantity);
                basis.conversion_factor = cxml::Decimal(1);
                item.price_basis_quantity = std::move(basis);
            }
            item.reference.line_number = line_number(il.line_number);
            if (const auto* l = order_line(order_, il.line_number)) {
                item.unit_of_measure = l->uom;
                if (item.price_basis_quantity)
                    item.price_basis_quantity->unit_of_measure = l->uom;
                item.reference.item_id = item_id(*l);
                if (!l->description.empty())
                    item.reference.description = cxml::Description{l->description, {}, "en", {}};
            }
            item.subtotal_amount = money(sign(il.amount));
            if (h.is_tax_in_line)
                item.tax = invoice_tax(inv, sign(il.amount), sign(il.tax));
            order.items.push_back(std::move(item));
        }
        r.orders = {std::move(order)};
    }

    auto& s = r.summary;
    s.subtotal_amount = money(sign(inv.subtotal));
    s.tax = invoice_tax(
        inv, sign(catalog::Amount::from_units(inv.subtotal.units() + inv.shipping.units())),
        sign(inv.tax));
    if (!inv.shipping.is_zero())
        s.shipping_amount = money(sign(inv.shipping));
    s.gross_amount = money(sign(inv.gross));
    s.net_amount = money(sign(inv.net));
    s.due_amount = money(sign(inv.due));
    return envelope(std::move(r));
}

cxml::Document DocumentBuilder::status_update(unsigned code, std::string message) const {
    cxml::StatusUpdateRequest r;
    r.document_reference = order_.payload_id;
    r.status = cxml::make_status(code, std::move(message));
    return envelope(std::move(r));
}

std::string DocumentBuilder::write(const cxml::Document& doc) const {
    cxml::WriteOptions options;
    if (!buyer_.cxml_version.empty())
        options.version = buyer_.cxml_version;
    return cxml::write(doc, options);
}

}  // namespace punchout::gateway
