#include "cxml/write.hpp"

#include "cxml/detail/names.hpp"
#include "cxml/detail/xml_writer.hpp"

#include <stdexcept>

namespace punchout::cxml {

namespace {

using detail::XmlWriter;

constexpr int max_money_places = 4;

bool valid_version(std::string_view v) {
    int dots = 0;
    bool digit = false;
    for (char c : v) {
        if (c == '.') {
            if (!digit)
                return false;
            ++dots;
            digit = false;
        } else if (c >= '0' && c <= '9') {
            digit = true;
        } else {
            return false;
        }
    }
    return dots == 2 && digit;
}

// Writes the model in DTD order. Element functions take the element's data and write the
// whole element; optional parts are left out when empty.
class Writer {
public:
    Writer(std::string& out, const WriteOptions& options, std::string_view lang)
        : out_(out), xml_(out, options.ascii, options.indent), lang_(lang.empty() ? "en" : lang) {}

    void document(const Document& doc, const WriteOptions& options);

private:
    // Values needing no escaping go through a scratch buffer.
    std::string_view decimal(const Decimal& d) {
        scratch_.clear();
        d.append_to(scratch_);
        return scratch_;
    }
    std::string_view amount(const Decimal& d) {
        scratch_.clear();
        d.round_at_most(max_money_places).append_to(scratch_);
        return scratch_;
    }
    void date_attr(std::string_view name, const DateTime& d) {
        if (d.time) {
            scratch_.clear();
            d.time->append_to(scratch_);
            xml_.attr_raw(name, scratch_);
        } else {
            xml_.attr(name, d.text);
        }
    }
    void date_attr(std::string_view name, const std::optional<DateTime>& d) {
        if (d)
            date_attr(name, *d);
    }
    void uint_attr(std::string_view name, std::uint32_t v) {
        scratch_ = std::to_string(v);
        xml_.attr_raw(name, scratch_);
    }
    void uint_attr(std::string_view name, const std::optional<std::uint32_t>& v) {
        if (v)
            uint_attr(name, *v);
    }
    void decimal_attr(std::string_view name, const Decimal& d) { xml_.attr_raw(name, decimal(d)); }
    void decimal_attr(std::string_view name, const std::optional<Decimal>& d) {
        if (d)
            decimal_attr(name, *d);
    }
    std::string_view lang(const std::string& l) const { return l.empty() ? lang_ : l; }

    void money(const Money& m);
    void money_in(std::string_view wrapper, const Money& m) {
        xml_.begin(wrapper);
        money(m);
        xml_.end();
    }
    void extrinsics(const Extrinsics& list);
    void description(const Description& d);
    void comments(const Comments& c);
    void phone(std::string_view element, const Phone& p);
    void postal_address(const PostalAddress& a);
    void address(const Address& a);
    void ship_to(const ShipTo& s);
    void bill_to(const Address& a);
    void contact(const Contact& c);
    void shipping(const Shipping& s);
    void tax(const Tax& t);
    void distribution(const Distribution& d);
    void item_id(const ItemId& id);
    void classification(const Classification& c);
    void price_basis_quantity(const PriceBasisQuantity& p);
    void item_detail(const ItemDetail& d);
    void item_in(const ItemIn& item);
    void item_out(const ItemOut& item);
    void document_reference(std::string_view payload_id);
    void order_reference(const OrderReference& r);
    void order_id_info(const OrderReference& r);
    void supplier_order_info(const SupplierOrderInfo& s);
    void invoice_detail_order_info(const InvoiceDetailOrderInfo& info);
    void status(const Status& s);
    void credential(const Credential& c);
    void header(const Header& h);

    void punch_out_setup_request(const PunchOutSetupRequest& r);
    void punch_out_setup_response(const PunchOutSetupResponse& r);
    void punch_out_order_message(const PunchOutOrderMessage& m);
    void order_request(const OrderRequest& o);
    void confirmation_request(const ConfirmationRequest& r);
    void ship_notice_request(const ShipNoticeRequest& r);
    void status_update_request(const StatusUpdateRequest& r);
    void order_status_request(const OrderStatusRequest& r);
    void invoice_detail_request(const InvoiceDetailRequest& r);
    void profile_response(const ProfileResponse& p);

    std::string& out_;
    XmlWriter xml_;
    std::string lang_;
    std::string scratch_;
};

void Writer::money(const Money& m) {
    xml_.begin("Money");
    xml_.attr("currency", m.currency);
    if (m.alternate_amount)
        xml_.attr_raw("alternateAmount", amount(*m.alternate_amount));
    xml_.attr_if("alternateCurrency", m.alternate_currency);
    xml_.text_raw(amount(m.amount));
    xml_.end();
}

void Writer::extrinsics(const Extrinsics& list) {
    for (const auto& e : list) {
        xml_.begin("Extrinsic");
        xml_.attr("name", e.name);
        xml_.text(e.value);
        xml_.end();
    }
}

void Writer::description(const Description& d) {
    xml_.begin_mixed("Description");
    xml_.attr("xml:lang", lang(d.lang));
    xml_.attr_if("type", d.type);
    if (!d.short_name.empty())
        xml_.leaf("ShortName", d.short_name);
    xml_.text(d.text);
    xml_.end();
}

void Writer::comments(const Comments& c) {
    xml_.begin_mixed("Comments");
    xml_.attr_if("xml:lang", c.lang);
    xml_.attr_if("type", c.type);
    xml_.text(c.text);
    for (const auto& url : c.attachment_urls) {
        xml_.begin("Attachment");
        xml_.leaf("URL", url);
        xml_.end();
    }
    xml_.end();
}

void Writer::phone(std::string_view element, const Phone& p) {
    xml_.begin(element);
    xml_.attr_if("name", p.name);
    xml_.begin("TelephoneNumber");
    xml_.begin("CountryCode");
    xml_.attr("isoCountryCode", p.iso_country_code);
    xml_.text(p.country_code);
    xml_.end();
    xml_.leaf("AreaOrCityCode", p.area_or_city_code);
    xml_.leaf("Number", p.number);
    xml_.leaf_if("Extension", p.extension);
    xml_.end();
    xml_.end();
}

void Writer::postal_address(const PostalAddress& a) {
    xml_.begin("PostalAddress");
    xml_.attr_if("name", a.name);
    for (const auto& line : a.deliver_to)
        xml_.leaf("DeliverTo", line);
    // The DTD needs a Street (and a City, and a Country): written even when empty.
    if (a.street.empty())
        xml_.leaf("Street", "");
    for (const auto& line : a.street)
        xml_.leaf("Street", line);
    xml_.leaf("City", a.city);
    xml_.leaf_if("Municipality", a.municipality);
    if (!a.state.empty() || !a.iso_state_code.empty()) {
        xml_.begin("State");
        xml_.attr_if("isoStateCode", a.iso_state_code);
        xml_.text(a.state);
        xml_.end();
    }
    xml_.leaf_if("PostalCode", a.postal_code);
    xml_.begin("Country");
    xml_.attr("isoCountryCode", a.iso_country_code);
    xml_.text(a.country);
    xml_.end();
    extrinsics(a.extrinsics);
    xml_.end();
}

void Writer::address(const Address& a) {
    xml_.begin("Address");
    xml_.attr_if("isoCountryCode", a.iso_country_code);
    xml_.attr_if("addressID", a.address_id);
    xml_.attr_if("addressIDDomain", a.address_id_domain);
    xml_.begin("Name");
    xml_.attr("xml:lang", lang(a.name_lang));
    xml_.text(a.name);
    xml_.end();
    if (a.postal_address)
        postal_address(*a.postal_address);
    xml_.leaf_if("Email", a.email);
    if (a.phone)
        phone("Phone", *a.phone);
    if (a.fax)
        phone("Fax", *a.fax);
    xml_.leaf_if("URL", a.url);
    xml_.end();
}

void Writer::ship_to(const ShipTo& s) {
    xml_.begin("ShipTo");
    address(s.address);
    for (const auto& c : s.carriers) {
        xml_.begin("CarrierIdentifier");
        xml_.attr("domain", c.domain);
        xml_.text(c.value);
        xml_.end();
    }
    xml_.end();
}

void Writer::bill_to(const Address& a) {
    xml_.begin("BillTo");
    address(a);
    xml_.end();
}

void Writer::contact(const Contact& c) {
    xml_.begin("Contact");
    xml_.attr_if("role", c.role);
    xml_.attr_if("addressID", c.address_id);
    xml_.begin("Name");
    xml_.attr("xml:lang", lang(c.name_lang));
    xml_.text(c.name);
    xml_.end();
    for (const auto& a : c.postal_addresses)
        postal_address(a);
    for (const auto& e : c.emails)
        xml_.leaf("Email", e);
    for (const auto& p : c.phones)
        phone("Phone", p);
    extrinsics(c.extrinsics);
    xml_.end();
}

void Writer::shipping(const Shipping& s) {
    xml_.begin("Shipping");
    xml_.attr_if("trackingDomain", s.tracking_domain);
    xml_.attr_if("trackingId", s.tracking_id);
    money(s.money);
    description(s.description);
    xml_.end();
}

void Writer::tax(const Tax& t) {
    xml_.begin("Tax");
    money(t.money);
    description(t.description);
    for (const auto& d : t.details) {
        xml_.begin("TaxDetail");
        xml_.attr_if("purpose", d.purpose);
        xml_.attr("category", d.category);
        decimal_attr("percentageRate", d.percentage_rate);
        date_attr("taxPointDate", d.tax_point_date);
        if (d.taxable_amount)
            money_in("TaxableAmount", *d.taxable_amount);
        money_in("TaxAmount", d.tax_amount);
        if (!d.location.empty()) {
            xml_.begin("TaxLocation");
            xml_.attr("xml:lang", lang(d.location_lang));
            xml_.text(d.location);
            xml_.end();
        }
        if (d.description)
            description(*d.description);
        xml_.end();
    }
    extrinsics(t.extrinsics);
    xml_.end();
}

void Writer::distribution(const Distribution& d) {
    xml_.begin("Distribution");
    xml_.begin("Accounting");
    xml_.attr("name", d.accounting_name);
    for (const auto& s : d.segments) {
        xml_.begin("Segment");
        xml_.attr("type", s.type);
        xml_.attr("id", s.id);
        xml_.attr("description", s.description);
        xml_.end();
    }
    xml_.end();
    money_in("Charge", d.charge);
    xml_.end();
}

void Writer::item_id(const ItemId& id) {
    xml_.begin("ItemID");
    xml_.leaf("SupplierPartID", id.supplier_part_id);
    xml_.leaf_if("SupplierPartAuxiliaryID", id.supplier_part_auxiliary_id);
    xml_.leaf_if("BuyerPartID", id.buyer_part_id);
    xml_.end();
}

void Writer::classification(const Classification& c) {
    xml_.begin("Classification");
    xml_.attr("domain", c.domain);
    xml_.attr_if("code", c.code);
    xml_.text(c.value);
    xml_.end();
}

void Writer::price_basis_quantity(const PriceBasisQuantity& p) {
    xml_.begin("PriceBasisQuantity");
    decimal_attr("quantity", p.quantity);
    decimal_attr("conversionFactor", p.conversion_factor);
    xml_.leaf("UnitOfMeasure", p.unit_of_measure);
    if (p.description)
        description(*p.description);
    xml_.end();
}

void Writer::item_detail(const ItemDetail& d) {
    xml_.begin("ItemDetail");
    money_in("UnitPrice", d.unit_price);
    if (d.descriptions.empty())
        description(Description{});
    for (const auto& desc : d.descriptions)
        description(desc);
    xml_.leaf("UnitOfMeasure", d.unit_of_measure);
    if (d.price_basis_quantity)
        price_basis_quantity(*d.price_basis_quantity);
    for (const auto& c : d.classifications)
        classification(c);
    xml_.leaf_if("ManufacturerPartID", d.manufacturer_part_id);
    xml_.leaf_if("ManufacturerName", d.manufacturer_name);
    xml_.leaf_if("URL", d.url);
    xml_.leaf_if("LeadTime", d.lead_time);
    extrinsics(d.extrinsics);
    xml_.end();
}

void Writer::item_in(const ItemIn& item) {
    xml_.begin("ItemIn");
    decimal_attr("quantity", item.quantity);
    decimal_attr("openQuantity", item.open_quantity);
    decimal_attr("promisedQuantity", item.promised_quantity);
    uint_attr("lineNumber", item.line_number);
    uint_attr("parentLineNumber", item.parent_line_number);
    xml_.attr_if("itemType", item.item_type);
    xml_.attr_if("compositeItemType", item.composite_item_type);
    xml_.attr_if("itemClassification", item.item_classification);
    item_id(item.item_id);
    item_detail(item.detail);
    if (item.ship_to)
        ship_to(*item.ship_to);
    if (item.shipping)
        shipping(*item.shipping);
    if (item.tax)
        tax(*item.tax);
    for (const auto& d : item.distributions)
        distribution(d);
    for (const auto& c : item.contacts)
        contact(c);
    if (item.comments)
        comments(*item.comments);
    extrinsics(item.extrinsics);
    xml_.end();
}

void Writer::item_out(const ItemOut& item) {
    xml_.begin("ItemOut");
    decimal_attr("quantity", item.quantity);
    uint_attr("lineNumber", item.line_number);
    xml_.attr_if("requisitionID", item.requisition_id);
    date_attr("requestedDeliveryDate", item.requested_delivery_date);
    if (item.is_ad_hoc)
        xml_.attr_raw("isAdHoc", "yes");
    uint_attr("parentLineNumber", item.parent_line_number);
    xml_.attr_if("itemType", item.item_type);
    xml_.attr_if("itemClassification", item.item_classification);
    xml_.attr_if("itemCategory", item.item_category);
    if (item.is_return)
        xml_.attr_raw("isReturn", "yes");
    item_id(item.item_id);
    if (item.detail)
        item_detail(*item.detail);
    if (item.ship_to)
        ship_to(*item.ship_to);
    if (item.shipping)
        shipping(*item.shipping);
    if (item.tax)
        tax(*item.tax);
    for (const auto& d : item.distributions)
        distribution(d);
    for (const auto& c : item.contacts)
        contact(c);
    for (const auto& c : item.comments)
        comments(c);
    xml_.end();
}

void Writer::document_reference(std::string_view payload_id) {
    xml_.begin("DocumentReference");
    xml_.attr("payloadID", payload_id);
    xml_.end();
}

void Writer::order_reference(const OrderReference& r) {
    xml_.begin("OrderReference");
    xml_.attr_if("orderID", r.order_id);
    date_attr("orderDate", r.order_date);
    document_reference(r.document_payload_id);
    xml_.end();
}

void Writer::order_id_info(const OrderReference& r) {
    xml_.begin("OrderIDInfo");
    xml_.attr("orderID", r.order_id);
    date_attr("orderDate", r.order_date);
    xml_.end();
}

// OrderReference (or OrderIDInfo) and MasterAgreementReference in the DTD's order, which
// depends on whether the order's payloadID is known.
void Writer::invoice_detail_order_info(const InvoiceDetailOrderInfo& info) {
    xml_.begin("InvoiceDetailOrderInfo");
    const bool with_reference =
        info.order_reference && !info.order_reference->document_payload_id.empty();
    if (with_reference) {
        order_reference(*info.order_reference);
        if (info.master_agreement) {
            xml_.begin("MasterAgreementReference");
            xml_.attr_if("agreementID", info.master_agreement->agreement_id);
            date_attr("agreementDate", info.master_agreement->agreement_date);
            document_reference(info.master_agreement->document_payload_id);
            xml_.end();
        }
    } else {
        if (info.master_agreement) {
            xml_.begin("MasterAgreementReference");
            xml_.attr_if("agreementID", info.master_agreement->agreement_id);
            date_attr("agreementDate", info.master_agreement->agreement_date);
            document_reference(info.master_agreement->document_payload_id);
            xml_.end();
        }
        if (info.order_reference)
            order_id_info(*info.order_reference);
    }
    if (info.supplier_order_info)
        supplier_order_info(*info.supplier_order_info);
    xml_.end();
}

void Writer::supplier_order_info(const SupplierOrderInfo& s) {
    xml_.begin("SupplierOrderInfo");
    xml_.attr("orderID", s.order_id);
    date_attr("orderDate", s.order_date);
    xml_.end();
}

void Writer::status(const Status& s) {
    xml_.begin("Status");
    uint_attr("code", s.code);
    xml_.attr("text", s.text);
    xml_.attr_if("xml:lang", s.lang);
    xml_.text(s.message);
    xml_.end();
}

void Writer::credential(const Credential& c) {
    xml_.begin("Credential");
    xml_.attr("domain", c.domain);
    xml_.attr_if("type", c.type);
    xml_.leaf("Identity", c.identity);
    if (c.shared_secret) {
        xml_.leaf("SharedSecret", *c.shared_secret);
    } else if (c.mac) {
        xml_.begin("CredentialMac");
        xml_.attr("type", c.mac->type);
        xml_.attr("algorithm", c.mac->algorithm);
        xml_.attr("creationDate", c.mac->creation_date);
        xml_.attr("expirationDate", c.mac->expiration_date);
        xml_.text(c.mac->value);
        xml_.end();
    }
    xml_.end();
}

void Writer::header(const Header& h) {
    xml_.begin("Header");
    xml_.begin("From");
    for (const auto& c : h.from.credentials)
        credential(c);
    xml_.end();
    xml_.begin("To");
    for (const auto& c : h.to.credentials)
        credential(c);
    xml_.end();
    xml_.begin("Sender");
    for (const auto& c : h.sender.credentials)
        credential(c);
    xml_.leaf("UserAgent", h.sender.user_agent);
    xml_.end();
    xml_.end();
}

void Writer::punch_out_setup_request(const PunchOutSetupRequest& r) {
    xml_.begin("PunchOutSetupRequest");
    xml_.attr_raw("operation", to_string(r.operation));
    xml_.leaf("BuyerCookie", r.buyer_cookie);
    extrinsics(r.extrinsics);
    if (!r.browser_form_post_url.empty()) {
        xml_.begin("BrowserFormPost");
        xml_.leaf("URL", r.browser_form_post_url);
        xml_.end();
    }
    for (const auto& c : r.contacts)
        contact(c);
    if (!r.supplier_setup_url.empty()) {
        xml_.begin("SupplierSetup");
        xml_.leaf("URL", r.supplier_setup_url);
        xml_.end();
    }
    if (r.ship_to)
        ship_to(*r.ship_to);
    if (r.selected_item) {
        xml_.begin("SelectedItem");
        item_id(*r.selected_item);
        xml_.end();
    }
    for (const auto& item : r.items)
        item_out(item);
    xml_.end();
}

void Writer::punch_out_setup_response(const PunchOutSetupResponse& r) {
    xml_.begin("PunchOutSetupResponse");
    xml_.begin("StartPage");
    xml_.leaf("URL", r.start_page_url);
    xml_.end();
    xml_.end();
}

void Writer::punch_out_order_message(const PunchOutOrderMessage& m) {
    xml_.begin("PunchOutOrderMessage");
    xml_.leaf("BuyerCookie", m.buyer_cookie);
    const auto& h = m.header;
    xml_.begin("PunchOutOrderMessageHeader");
    xml_.attr_raw("operationAllowed", to_string(h.operation_allowed));
    xml_.attr_raw("quoteStatus", to_string(h.quote_status));
    money_in("Total", h.total);
    if (h.ship_to)
        ship_to(*h.ship_to);
    if (h.shipping)
        shipping(*h.shipping);
    if (h.tax)
        tax(*h.tax);
    if (h.supplier_order_info)
        supplier_order_info(*h.supplier_order_info);
    xml_.end();
    for (const auto& item : m.items)
        item_in(item);
    xml_.end();
}

void Writer::order_request(const OrderRequest& o) {
    xml_.begin("OrderRequest");
    const auto& h = o.header;
    xml_.begin("OrderRequestHeader");
    xml_.attr("orderID", h.order_id);
    date_attr("orderDate", h.order_date);
    xml_.attr_raw("type", to_string(h.type));
    xml_.attr_if("orderType", h.order_type);
    xml_.attr_if("orderVersion", h.order_version);
    date_attr("requestedDeliveryDate", h.requested_delivery_date);
    money_in("Total", h.total);
    if (h.ship_to)
        ship_to(*h.ship_to);
    bill_to(h.bill_to);
    if (h.shipping)
        shipping(*h.shipping);
    if (h.tax)
        tax(*h.tax);
    if (h.pcard) {
        xml_.begin("Payment");
        xml_.begin("PCard");
        xml_.attr("number", h.pcard->number);
        xml_.attr("expiration", h.pcard->expiration);
        xml_.attr_if("name", h.pcard->name);
        xml_.end();
        xml_.end();
    }
    for (const auto& c : h.contacts)
        contact(c);
    for (const auto& c : h.comments)
        comments(c);
    if (h.control_keys && (h.control_keys->confirmation || h.control_keys->ship_notice)) {
        xml_.begin("ControlKeys");
        if (h.control_keys->confirmation) {
            xml_.begin("OCInstruction");
            xml_.attr_raw("value", to_string(*h.control_keys->confirmation));
            xml_.end();
        }
        if (h.control_keys->ship_notice) {
            xml_.begin("ASNInstruction");
            xml_.attr_raw("value", to_string(*h.control_keys->ship_notice));
            xml_.end();
        }
        xml_.end();
    }
    if (!h.document_reference.empty())
        document_reference(h.document_reference);
    if (h.supplier_order_info)
        supplier_order_info(*h.supplier_order_info);
    extrinsics(h.extrinsics);
    xml_.end();
    for (const auto& item : o.items)
        item_out(item);
    xml_.end();
}

void Writer::confirmation_request(const ConfirmationRequest& r) {
    xml_.begin("ConfirmationRequest");
    const auto& h = r.header;
    xml_.begin("ConfirmationHeader");
    xml_.attr_if("confirmID", h.confirm_id);
    xml_.attr_raw("operation", to_string(h.operation));
    xml_.attr_raw("type", to_string(h.type));
    date_attr("noticeDate", h.notice_date);
    xml_.attr_if("invoiceID", h.invoice_id);
    if (!h.document_reference.empty())
        document_reference(h.document_reference);
    if (h.total)
        money_in("Total", *h.total);
    if (h.shipping)
        shipping(*h.shipping);
    if (h.tax)
        tax(*h.tax);
    for (const auto& c : h.contacts)
        contact(c);
    for (const auto& c : h.comments)
        comments(c);
    extrinsics(h.extrinsics);
    xml_.end();
    order_reference(r.order_reference);
    for (const auto& item : r.items) {
        xml_.begin("ConfirmationItem");
        decimal_attr("quantity", item.quantity);
        uint_attr("lineNumber", item.line_number);
        xml_.leaf("UnitOfMeasure", item.unit_of_measure);
        for (const auto& c : item.contacts)
            contact(c);
        for (const auto& s : item.statuses) {
            xml_.begin("ConfirmationStatus");
            decimal_attr("quantity", s.quantity);
            xml_.attr_raw("type", to_string(s.type));
            date_attr("shipmentDate", s.shipment_date);
            date_attr("deliveryDate", s.delivery_date);
            xml_.leaf("UnitOfMeasure", s.unit_of_measure);
            if (s.item_in) {
                item_in(*s.item_in);
            } else {
                if (s.unit_price)
                    money_in("UnitPrice", *s.unit_price);
                if (s.tax)
                    tax(*s.tax);
                if (s.shipping)
                    shipping(*s.shipping);
            }
            for (const auto& c : s.comments)
                comments(c);
            extrinsics(s.extrinsics);
            xml_.end();
        }
        xml_.end();
    }
    xml_.end();
}

void Writer::ship_notice_request(const ShipNoticeRequest& r) {
    xml_.begin("ShipNoticeRequest");
    const auto& h = r.header;
    xml_.begin("ShipNoticeHeader");
    xml_.attr("shipmentID", h.shipment_id);
    xml_.attr_raw("operation", to_string(h.operation));
    date_attr("noticeDate", h.notice_date);
    date_attr("shipmentDate", h.shipment_date);
    date_attr("deliveryDate", h.delivery_date);
    xml_.attr_if("shipmentType", h.shipment_type);
    if (!h.document_reference.empty())
        document_reference(h.document_reference);
    for (const auto& c : h.contacts)
        contact(c);
    for (const auto& c : h.comments)
        comments(c);
    extrinsics(h.extrinsics);
    xml_.end();
    for (const auto& control : r.controls) {
        xml_.begin("ShipControl");
        date_attr("startDate", control.start_date);
        for (const auto& c : control.carriers) {
            xml_.begin("CarrierIdentifier");
            xml_.attr("domain", c.domain);
            xml_.text(c.value);
            xml_.end();
        }
        for (const auto& s : control.shipment_identifiers) {
            xml_.begin("ShipmentIdentifier");
            xml_.attr_if("domain", s.domain);
            xml_.attr_if("trackingURL", s.tracking_url);
            xml_.text(s.value);
            xml_.end();
        }
        xml_.end();
    }
    for (const auto& p : r.portions) {
        xml_.begin("ShipNoticePortion");
        order_reference(p.order_reference);
        for (const auto& c : p.contacts)
            contact(c);
        for (const auto& c : p.comments)
            comments(c);
        extrinsics(p.extrinsics);
        for (const auto& item : p.items) {
            xml_.begin("ShipNoticeItem");
            decimal_attr("quantity", item.quantity);
            uint_attr("lineNumber", item.line_number);
            if (item.item_id)
                item_id(*item.item_id);
            xml_.leaf("UnitOfMeasure", item.unit_of_measure);
            for (const auto& c : item.comments)
                comments(c);
            extrinsics(item.extrinsics);
            xml_.end();
        }
        xml_.end();
    }
    xml_.end();
}

void Writer::status_update_request(const StatusUpdateRequest& r) {
    xml_.begin("StatusUpdateRequest");
    if (!r.document_reference.empty())
        document_reference(r.document_reference);
    status(r.status);
    extrinsics(r.extrinsics);
    xml_.end();
}

void Writer::order_status_request(const OrderStatusRequest& r) {
    xml_.begin("OrderStatusRequest");
    const auto& h = r.header;
    xml_.begin("OrderStatusRequestHeader");
    xml_.attr("orderStatusRequestID", h.request_id);
    date_attr("orderStatusRequestDate", h.request_date);
    if (h.order_reference.document_payload_id.empty())
        order_id_info(h.order_reference);
    else
        order_reference(h.order_reference);
    for (const auto& c : h.contacts)
        contact(c);
    if (h.comments)
        comments(*h.comments);
    extrinsics(h.extrinsics);
    xml_.end();
    for (const auto& item : r.items) {
        xml_.begin("OrderStatusRequestItem");
        xml_.begin("ItemReference");
        uint_attr("lineNumber", item.line_number);
        item_id(item.item_id);
        if (item.description)
            description(*item.description);
        xml_.end();
        if (item.comments)
            comments(*item.comments);
        xml_.end();
    }
    xml_.end();
}

void Writer::invoice_detail_request(const InvoiceDetailRequest& r) {
    xml_.begin("InvoiceDetailRequest");
    const auto& h = r.header;
    xml_.begin("InvoiceDetailRequestHeader");
    xml_.attr("invoiceID", h.invoice_id);
    xml_.attr_raw("purpose", to_string(h.purpose));
    xml_.attr_raw("operation", to_string(h.operation));
    date_attr("invoiceDate", h.invoice_date);
    if (h.invoice_origin != InvoiceOrigin::unspecified)
        xml_.attr_raw("invoiceOrigin", to_string(h.invoice_origin));
    xml_.begin("InvoiceDetailHeaderIndicator");
    if (h.is_header_invoice)
        xml_.attr_raw("isHeaderInvoice", "yes");
    xml_.end();
    xml_.begin("InvoiceDetailLineIndicator");
    if (h.is_tax_in_line)
        xml_.attr_raw("isTaxInLine", "yes");
    if (h.is_special_handling_in_line)
        xml_.attr_raw("isSpecialHandlingInLine", "yes");
    if (h.is_shipping_in_line)
        xml_.attr_raw("isShippingInLine", "yes");
    if (h.is_discount_in_line)
        xml_.attr_raw("isDiscountInLine", "yes");
    if (h.is_accounting_in_line)
        xml_.attr_raw("isAccountingInLine", "yes");
    xml_.end();
    for (const auto& p : h.partners) {
        xml_.begin("InvoicePartner");
        contact(p.contact);
        for (const auto& id : p.id_references) {
            xml_.begin("IdReference");
            xml_.attr("identifier", id.identifier);
            xml_.attr("domain", id.domain);
            xml_.end();
        }
        xml_.end();
    }
    if (!h.document_reference.empty())
        document_reference(h.document_reference);
    if (h.invoice_id_info) {
        xml_.begin("InvoiceIDInfo");
        xml_.attr("invoiceID", h.invoice_id_info->invoice_id);
        date_attr("invoiceDate", h.invoice_id_info->invoice_date);
        xml_.end();
    }
    if (!h.shipping_contacts.empty()) {
        xml_.begin("InvoiceDetailShipping");
        date_attr("shippingDate", h.shipping_date);
        for (const auto& c : h.shipping_contacts)
            contact(c);
        xml_.end();
    }
    for (const auto& term : h.payment_terms) {
        xml_.begin("PaymentTerm");
        uint_attr("payInNumberOfDays", term.pay_in_number_of_days);
        if (term.discount_percent) {
            xml_.begin("Discount");
            xml_.begin("DiscountPercent");
            decimal_attr("percent", *term.discount_percent);
            xml_.end();
            xml_.end();
        } else if (term.discount_amount) {
            xml_.begin("Discount");
            money_in("DiscountAmount", *term.discount_amount);
            xml_.end();
        }
        extrinsics(term.extrinsics);
        xml_.end();
    }
    if (h.comments)
        comments(*h.comments);
    extrinsics(h.extrinsics);
    xml_.end();

    for (const auto& order : r.orders) {
        xml_.begin("InvoiceDetailOrder");
        invoice_detail_order_info(order.info);
        for (const auto& item : order.items) {
            xml_.begin("InvoiceDetailItem");
            uint_attr("invoiceLineNumber", item.invoice_line_number);
            decimal_attr("quantity", item.quantity);
            xml_.leaf("UnitOfMeasure", item.unit_of_measure);
            money_in("UnitPrice", item.unit_price);
            if (item.price_basis_quantity)
                price_basis_quantity(*item.price_basis_quantity);
            xml_.begin("InvoiceDetailItemReference");
            uint_attr("lineNumber", item.reference.line_number);
            if (item.reference.item_id)
                item_id(*item.reference.item_id);
            if (item.reference.description)
                description(*item.reference.description);
            for (const auto& c : item.reference.classifications)
                classification(c);
            xml_.end();
            if (item.subtotal_amount)
                money_in("SubtotalAmount", *item.subtotal_amount);
            if (item.tax)
                tax(*item.tax);
            if (item.gross_amount)
                money_in("GrossAmount", *item.gross_amount);
            if (item.net_amount)
                money_in("NetAmount", *item.net_amount);
            if (item.comments)
                comments(*item.comments);
            extrinsics(item.extrinsics);
            xml_.end();
        }
        xml_.end();
    }

    if (h.is_header_invoice) {
        for (const auto& order : r.header_orders) {
            xml_.begin("InvoiceDetailHeaderOrder");
            invoice_detail_order_info(order.info);
            xml_.begin("InvoiceDetailOrderSummary");
            uint_attr("invoiceLineNumber", order.invoice_line_number);
            money_in("SubtotalAmount", order.subtotal_amount);
            if (order.tax)
                tax(*order.tax);
            if (order.gross_amount)
                money_in("GrossAmount", *order.gross_amount);
            if (order.net_amount)
                money_in("NetAmount", *order.net_amount);
            if (order.comments)
                comments(*order.comments);
            xml_.end();
            xml_.end();
        }
    }

    const auto& s = r.summary;
    xml_.begin("InvoiceDetailSummary");
    money_in("SubtotalAmount", s.subtotal_amount);
    tax(s.tax);
    if (s.special_handling_amount)
        money_in("SpecialHandlingAmount", *s.special_handling_amount);
    if (s.shipping_amount)
        money_in("ShippingAmount", *s.shipping_amount);
    if (s.gross_amount)
        money_in("GrossAmount", *s.gross_amount);
    if (s.discount_amount)
        money_in("InvoiceDetailDiscount", *s.discount_amount);
    money_in("NetAmount", s.net_amount);
    if (s.due_amount)
        money_in("DueAmount", *s.due_amount);
    xml_.end();
    xml_.end();
}

void Writer::profile_response(const ProfileResponse& p) {
    xml_.begin("ProfileResponse");
    date_attr("effectiveDate", p.effective_date);
    date_attr("lastRefresh", p.last_refresh);
    auto option = [&](const ProfileOption& o) {
        xml_.begin("Option");
        xml_.attr("name", o.name);
        xml_.text(o.value);
        xml_.end();
    };
    for (const auto& o : p.options)
        option(o);
    for (const auto& t : p.transactions) {
        xml_.begin("Transaction");
        xml_.attr("requestName", t.request_name);
        xml_.leaf("URL", t.url);
        for (const auto& o : t.options)
            option(o);
        xml_.end();
    }
    xml_.end();
}

[[noreturn]] void unsupported(const Unsupported& u) {
    throw std::invalid_argument("cannot write the unsupported body element <" + u.element + ">");
}

void Writer::document(const Document& doc, const WriteOptions& options) {
    const DocumentType type = document_type(doc);
    if (type == DocumentType::unsupported) {
        throw std::invalid_argument("cannot write the unsupported body element <" +
                                    std::string(body_element(doc)) + ">");
    }
    out_.append(options.ascii ? "<?xml version=\"1.0\" encoding=\"US-ASCII\"?>\n"
                              : "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n");
    out_.append("<!DOCTYPE cXML SYSTEM \"");
    out_.append(dtd_url(type, options.version));
    out_.append("\">");
    if (!options.indent)
        out_.push_back('\n');

    xml_.begin("cXML");
    xml_.attr("payloadID", doc.payload_id);
    date_attr("timestamp", doc.timestamp);
    xml_.attr_raw("version", options.version);
    xml_.attr_if("xml:lang", doc.lang);

    if (const auto* r = std::get_if<Request>(&doc.body)) {
        header(doc.header);
        xml_.begin("Request");
        xml_.attr_raw("deploymentMode", to_string(r->deployment_mode));
        std::visit(
            [&](const auto& p) {
                using T = std::decay_t<decltype(p)>;
                if constexpr (std::is_same_v<T, ProfileRequest>) {
                    xml_.begin("ProfileRequest");
                    xml_.end();
                } else if constexpr (std::is_same_v<T, PunchOutSetupRequest>) {
                    punch_out_setup_request(p);
                } else if constexpr (std::is_same_v<T, OrderRequest>) {
                    order_request(p);
                } else if constexpr (std::is_same_v<T, ConfirmationRequest>) {
                    confirmation_request(p);
                } else if constexpr (std::is_same_v<T, ShipNoticeRequest>) {
                    ship_notice_request(p);
                } else if constexpr (std::is_same_v<T, StatusUpdateRequest>) {
                    status_update_request(p);
                } else if constexpr (std::is_same_v<T, OrderStatusRequest>) {
                    order_status_request(p);
                } else if constexpr (std::is_same_v<T, InvoiceDetailRequest>) {
                    invoice_detail_request(p);
                } else {
                    unsupported(p);
                }
            },
            r->payload);
        xml_.end();
    } else if (const auto* m = std::get_if<Message>(&doc.body)) {
        header(doc.header);
        xml_.begin("Message");
        xml_.attr_raw("deploymentMode", to_string(m->deployment_mode));
        xml_.attr_if("inReplyTo", m->in_reply_to);
        if (m->status)
            status(*m->status);
        if (const auto* p = std::get_if<PunchOutOrderMessage>(&m->payload)) {
            punch_out_order_message(*p);
        } else {
            unsupported(std::get<Unsupported>(m->payload));
        }
        xml_.end();
    } else {
        const auto& r = std::get<Response>(doc.body);
        xml_.begin("Response");
        status(r.status());
        // Response guarantees a payload only with a 2xx status; check again all the same.
        if (r.status().is_success()) {
            if (const auto* p = std::get_if<ProfileResponse>(&r.payload()))
                profile_response(*p);
            else if (const auto* s = std::get_if<PunchOutSetupResponse>(&r.payload()))
                punch_out_setup_response(*s);
        }
        xml_.end();
    }
    xml_.end();
    out_.push_back('\n');
}

}  // namespace

std::string dtd_url(DocumentType type, std::string_view version) {
    std::string url = "http://xml.cxml.org/schemas/cXML/";
    url.append(version);
    url.push_back('/');
    url.append(dtd_module(type));
    return url;
}

void write_to(std::string& out, const Document& doc, const WriteOptions& options) {
    if (!valid_version(options.version)) {
        throw std::invalid_argument("cXML version '" + options.version +
                                    "' is not of the form 1.2.071");
    }
    // Roughly what a document needs, so the string grows once or twice at most.
    out.reserve(out.size() + 2048 + line_count(doc) * 1024);
    Writer w(out, options, doc.lang);
    w.document(doc, options);
}

std::string write(const Document& doc, const WriteOptions& options) {
    std::string out;
    write_to(out, doc, options);
    return out;
}

}  // namespace punchout::cxml
