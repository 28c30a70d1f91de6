#pragma once

// Realistic documents built through the public model, for the writer, transport and OCI
// tests.
#include "cxml/document.hpp"

#include <string>

namespace punchout::cxml::test {

inline Decimal dec(const char* s) {
    return *Decimal::parse(s);
}

inline Timestamp when(const char* s) {
    return *Timestamp::parse(s);
}

inline Credential credential(const char* domain, const char* identity) {
    Credential c;
    c.domain = domain;
    c.identity = identity;
    return c;
}

/// Supplier to buyer, through the Ariba Network.
inline Header supplier_header() {
    Header h;
    h.from.credentials = {credential("NetworkID", "AN01000000321"),
                          credential("DUNS", "987654321")};
    h.to.credentials = {credential("NetworkID", "AN01000002779")};
    Credential sender = credential("NetworkID", "AN01000000321");
    sender.shared_secret = "s3cr&t<\"x\">";
    h.sender.credentials = {sender};
    h.sender.user_agent = "punchout-gateway 0.1";
    return h;
}

inline Header buyer_header() {
    Header h;
    h.from.credentials = {credential("NetworkID", "AN01000002779")};
    h.to.credentials = {credential("NetworkID", "AN01000000321")};
    Credential sender = credential("NetworkID", "sysadmin@ariba.com");
    sender.shared_secret = "network";
    h.sender.credentials = {sender};
    h.sender.user_agent = "Ariba Network 1.1";
    return h;
}

inline Document envelope(Header header, std::variant<Request, Response, Message> body) {
    Document d;
    d.payload_id = "1732357200123.4711.0123456789abcdef@gw.supplier.example";
    d.timestamp = when("2026-11-23T10:15:00+01:00");
    d.lang = "en-US";
    d.header = std::move(header);
    d.body = std::move(body);
    return d;
}

inline Address address(const char* name) {
    Address a;
    a.name = name;
    a.name_lang = "en";
    a.address_id = "A-17";
    PostalAddress p;
    p.deliver_to = {"Jürgen Müller", "Dock 3"};
    p.street = {"Leopoldstraße 244"};
    p.city = "München";
    p.postal_code = "80807";
    p.country = "Deutschland";
    p.iso_country_code = "DE";
    a.postal_address = p;
    a.email = "receiving@buyer.example";
    Phone phone;
    phone.country_code = "49";
    phone.iso_country_code = "DE";
    phone.area_or_city_code = "89";
    phone.number = "1234567";
    a.phone = phone;
    return a;
}

inline ItemDetail item_detail(int i) {
    ItemDetail d;
    d.unit_price = Money{dec("12.5000") + Decimal(i % 7), "EUR", {}, {}};
    Description desc;
    desc.lang = "en";
    desc.short_name = "Item " + std::to_string(i);
    desc.text = "Ballpoint pen, blue ink, box of 10 — model " + std::to_string(i) + " & co <x>";
    d.descriptions = {desc};
    d.unit_of_measure = "BX";
    d.classifications = {Classification{"UNSPSC", {}, "44121704"}};
    d.manufacturer_part_id = "MP-" + std::to_string(i);
    d.manufacturer_name = "Pens Inc.";
    d.url = "https://shop.supplier.example/p/" + std::to_string(i) + "?a=1&b=2";
    d.lead_time = "3";
    d.extrinsics = {Extrinsic{"Color", "blue"}};
    return d;
}

inline ItemIn item_in(int i) {
    ItemIn item;
    item.quantity = Decimal(1 + i % 5);
    item.line_number = static_cast<std::uint32_t>(i);
    item.item_id = ItemId{"PEN-" + std::to_string(i), "cart:42:" + std::to_string(i), {}};
    item.detail = item_detail(i);
    return item;
}

inline ItemOut item_out(int i) {
    ItemOut item;
    item.quantity = Decimal(1 + i % 9);
    item.line_number = static_cast<std::uint32_t>(i);
    item.requested_delivery_date = DateTime(when("2026-12-01T00:00:00+01:00"));
    item.item_id = ItemId{"PEN-" + std::to_string(i), "cart:42:" + std::to_string(i), {}};
    item.detail = item_detail(i);
    Distribution dist;
    dist.accounting_name = "Marketing";
    dist.segments = {AccountingSegment{"CostCenter", "4100", "Marketing"}};
    dist.charge = Money{item.detail->unit_price.amount * item.quantity, "EUR", {}, {}};
    item.distributions = {dist};
    item.comments = {Comments{"Line comment " + std::to_string(i), "en", {}, {}}};
    return item;
}

/// A PunchOutOrderMessage with `lines` lines and a correct total.
inline Document punch_out_order_message(int lines) {
    PunchOutOrderMessage m;
    m.buyer_cookie = "34234234ADFSDF234234";
    m.header.operation_allowed = PunchOutOperation::edit;
    Decimal total;
    for (int i = 1; i <= lines; ++i) {
        m.items.push_back(item_in(i));
        total += m.items.back().detail.unit_price.amount * m.items.back().quantity;
    }
    m.header.total = Money{total, "EUR", {}, {}};
    Message msg;
    msg.payload = std::move(m);
    return envelope(supplier_header(), std::move(msg));
}

/// An OrderRequest with `lines` lines and a correct total.
inline Document order_request(int lines) {
    OrderRequest o;
    auto& h = o.header;
    h.order_id = "PO-2026-000123";
    h.order_date = DateTime(when("2026-11-23T09:00:00-08:00"));
    h.order_version = "1";
    ShipTo ship;
    ship.address = address("Buyer GmbH Werk München");
    ship.carriers = {CarrierIdentifier{"SCAC", "UPSN"}};
    h.ship_to = ship;
    h.bill_to = address("Buyer GmbH Accounts Payable");
    h.shipping =
        Shipping{Money{dec("25.00"), "EUR", {}, {}}, Description{{}, {}, "en", {}}, {}, {}};
    Contact c;
    c.role = "endUser";
    c.name = "Jürgen Müller";
    c.name_lang = "de";
    c.emails = {"j.mueller@buyer.example"};
    h.contacts = {c};
    h.comments = {Comments{"Deliver to gate 3", "en", {}, {"cid:note@buyer.example"}}};
    h.extrinsics = {Extrinsic{"CostCenter", "4100"},
                    Extrinsic{"UserEmail", "j.mueller@buyer.example"}};
    Decimal total;
    for (int i = 1; i <= lines; ++i) {
        o.items.push_back(item_out(i));
        total += o.items.back().detail->unit_price.amount * o.items.back().quantity;
    }
    h.total = Money{total, "EUR", {}, {}};
    Request r;
    r.payload = std::move(o);
    return envelope(buyer_header(), std::move(r));
}

}  // namespace punchout::cxml::test
