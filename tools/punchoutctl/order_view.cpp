#include "tools/punchoutctl/order_view.hpp"

#include "catalog/amount.hpp"
#include "catalog/invoice_totals.hpp"
#include "catalog/timestamp.hpp"
#include "tools/punchoutctl/cli.hpp"

#include <ostream>
#include <string>

namespace punchout::tools {
namespace {

Cell money_cell(catalog::Amount a, int digits = 2) {
    return {a.to_string(digits), money_json(a)};
}

Cell quantity_cell(catalog::Amount a) {
    return {a.to_string(), quantity_json(a)};
}

Cell count_cell(long long n) {
    return {std::to_string(n), Json(n)};
}

// An optional date: "-" in the text, null in the JSON.
Cell date_cell(const std::string& date) {
    return {date.empty() ? "-" : date, date.empty() ? Json() : Json(date)};
}

Cell time_cell(catalog::Timestamp t) {
    return text_cell(catalog::format_timestamp(t));
}

// A value only the JSON shows.
Cell json_only(Json json) {
    return {std::string(), std::move(json)};
}

Record header_of(const catalog::Order& o, BuyerNames& buyers) {
    Record r;
    r.add("order_id", "order", o.order_id, o.order_id)
        .add("buyer", "buyer", buyers.id(o.buyer), buyers.id(o.buyer))
        .add("status", "status", std::string(catalog::to_string(o.status)),
             std::string(catalog::to_string(o.status)))
        .add("version", "version",
             std::to_string(o.version) +
                 (o.order_version.empty() ? "" : " (orderVersion " + o.order_version + ")"),
             o.version)
        .add("order_version", "", "", o.order_version)
        .add("order_type", "", "", o.order_type)
        .add("order_date", "order date", o.order_date.empty() ? "-" : o.order_date, o.order_date)
        .add("currency", "", "", o.currency)
        .add("total", "total", o.total.to_string(2) + " " + o.currency, money_json(o.total))
        .add("subtotal", "lines sum", o.subtotal.to_string(2) + " " + o.currency,
             money_json(o.subtotal))
        .add("tax", "", "", money_json(o.tax))
        .add("shipping", "", "", money_json(o.shipping))
        .add("", "tax / shipping", o.tax.to_string(2) + " / " + o.shipping.to_string(2), Json())
        .add("deployment_mode", "mode", std::string(catalog::to_string(o.deployment_mode)),
             std::string(catalog::to_string(o.deployment_mode)))
        .add("confirmation_rule", "confirmations",
             o.confirmation_rule == catalog::DocumentRule::unstated
                 ? "-"
                 : std::string(catalog::to_string(o.confirmation_rule)),
             std::string(catalog::to_string(o.confirmation_rule)))
        .add("ship_notice_rule", "ship notices",
             o.ship_notice_rule == catalog::DocumentRule::unstated
                 ? "-"
                 : std::string(catalog::to_string(o.ship_notice_rule)),
             std::string(catalog::to_string(o.ship_notice_rule)))
        .add("payload_id", "payloadID", o.payload_id, o.payload_id)
        .add("ship_to", "ship to", o.ship_to.empty() ? "-" : o.ship_to, o.ship_to)
        .add("received_at", "received", catalog::format_timestamp(o.received_at),
             catalog::format_timestamp(o.received_at))
        .add("updated_at", "updated", catalog::format_timestamp(o.updated_at),
             catalog::format_timestamp(o.updated_at));
    return r;
}

const catalog::LineProgress* progress_of(const catalog::Fulfilment& f, int line) {
    for (const auto& l : f.lines) {
        if (l.line_number == line)
            return &l;
    }
    return nullptr;
}

Listing lines_of(const catalog::Order& o, const catalog::Fulfilment& f) {
    Listing out({{"line", "LINE"},
                 {"sku", "SKU"},
                 {"token", ""},
                 {"quantity", "QTY"},
                 {"uom", "UOM"},
                 {"unit_price", "PRICE"},
                 {"currency", ""},
                 {"price_basis_quantity", ""},
                 {"fulfilment.accepted", "ACCEPTED"},
                 {"fulfilment.backordered", "BACKORDERED"},
                 {"fulfilment.rejected", "REJECTED"},
                 {"fulfilment.shipped", "SHIPPED"},
                 {"fulfilment.invoiced", "INVOICED"},
                 {"description", "DESCRIPTION"},
                 {"flags", "FLAGS"},
                 {"tax", ""},
                 {"shipping", ""},
                 {"requested_delivery", ""}});
    for (const auto& l : o.lines) {
        Json flags = Json::array();
        std::string flag_text;
        for (auto [on, name] :
             {std::pair{l.non_catalog, "non-catalog"}, std::pair{l.is_return, "return"}}) {
            if (!on)
                continue;
            flags.push(std::string(name));
            flag_text += (flag_text.empty() ? "" : ",") + std::string(name);
        }
        std::string price = l.unit_price.to_string(2) + " " + l.currency;
        if (l.price_basis_quantity != catalog::Amount::from_units(catalog::Amount::scale))
            price += " per " + l.price_basis_quantity.to_string();
        const auto* p = progress_of(f, l.line_number);
        auto progress = [&](catalog::Amount catalog::LineProgress::*field) {
            return p ? quantity_cell(p->*field) : Cell{"-", Json()};
        };
        out.add({count_cell(l.line_number),
                 text_cell(l.sku),
                 json_only(l.token),
                 quantity_cell(l.quantity),
                 text_cell(l.uom),
                 {price, money_json(l.unit_price)},
                 json_only(l.currency),
                 json_only(quantity_json(l.price_basis_quantity)),
                 progress(&catalog::LineProgress::accepted),
                 progress(&catalog::LineProgress::backordered),
                 progress(&catalog::LineProgress::rejected),
                 progress(&catalog::LineProgress::shipped),
                 progress(&catalog::LineProgress::invoiced),
                 {shortened(l.description, 40), l.description},
                 {flag_text.empty() ? "-" : flag_text, std::move(flags)},
                 json_only(money_json(l.tax)),
                 json_only(money_json(l.shipping)),
                 json_only(l.requested_delivery)});
    }
    return out;
}

Listing attachments_of(const std::vector<catalog::OrderAttachment>& files) {
    Listing out({{"version", "VERSION"},
                 {"content_id", "CONTENT-ID"},
                 {"content_type", "TYPE"},
                 {"filename", "FILENAME"},
                 {"size", "BYTES"},
                 {"sha256", "SHA-256"}});
    for (const auto& f : files) {
        out.add({count_cell(f.version),
                 text_cell(f.content_id),
                 text_cell(f.content_type),
                 {f.filename.empty() ? "-" : shortened(f.filename, 40), f.filename},
                 count_cell(f.size),
                 {f.sha256.substr(0, 16), f.sha256}});
    }
    return out;
}

Listing differences_of(const catalog::Order& o) {
    Listing out({{"line", "LINE"},
                 {"kind", "KIND"},
                 {"expected", "EXPECTED"},
                 {"actual", "ACTUAL"},
                 {"message", "MESSAGE"}});
    for (const auto& d : o.differences) {
        out.add({count_cell(d.line_number), text_cell(std::string(catalog::to_string(d.kind))),
                 text_cell(d.expected), text_cell(d.actual), text_cell(d.message)});
    }
    return out;
}

Listing confirmation_parts_of(const catalog::Fulfilment& f) {
    Listing out({{"line", "LINE"},
                 {"quantity", "QTY"},
                 {"status", "STATUS"},
                 {"delivery_date", "DELIVERY"}});
    if (!f.confirmation)
        return out;
    for (const auto& part : f.confirmation->parts) {
        out.add({count_cell(part.line_number), quantity_cell(part.quantity),
                 text_cell(std::string(catalog::to_string(part.status))),
                 date_cell(part.delivery_date)});
    }
    return out;
}

std::optional<Record> confirmation_of(const catalog::Fulfilment& f) {
    if (!f.confirmation)
        return std::nullopt;
    const auto& c = *f.confirmation;
    Record r;
    r.add("confirm_id", "confirmID", c.confirm_id, c.confirm_id)
        .add("type", "type", std::string(catalog::to_string(c.type)),
             std::string(catalog::to_string(c.type)))
        .add("comment", "comment", c.comment.empty() ? "-" : c.comment, c.comment)
        .add("created_at", "at", catalog::format_timestamp(c.created_at),
             catalog::format_timestamp(c.created_at));
    return r;
}

Listing shipments_of(const catalog::Fulfilment& f) {
    Listing out({{"shipment_id", "SHIPMENT"},
                 {"carrier", "CARRIER"},
                 {"tracking", "TRACKING"},
                 {"tracking_url", ""},
                 {"shipped_at", "SHIPPED"},
                 {"delivery_date", "DELIVERY"},
                 {"lines", "LINES"}});
    for (const auto& s : f.shipments) {
        std::string text;
        Json json = Json::array();
        for (const auto& l : s.lines) {
            text += (text.empty() ? "" : ", ") + std::to_string(l.line_number) + ": " +
                    l.quantity.to_string();
            json.push(Json::object()
                          .set("line", l.line_number)
                          .set("quantity", quantity_json(l.quantity)));
        }
        out.add({text_cell(s.shipment_id),
                 text_cell(s.carrier),
                 text_cell(s.tracking),
                 json_only(s.tracking_url),
                 time_cell(s.shipped_at),
                 date_cell(s.delivery_date),
                 {text, std::move(json)}});
    }
    return out;
}

Listing invoices_of(const catalog::Fulfilment& f) {
    Listing out({{"invoice_id", "INVOICE"},
                 {"purpose", "PURPOSE"},
                 {"credits", "CREDITS"},
                 {"state", "STATE"},
                 {"tax_in_line", ""},
                 {"reason", ""},
                 {"currency", ""},
                 {"subtotal", "SUBTOTAL"},
                 {"shipping", "SHIPPING"},
                 {"tax_rate", ""},
                 {"tax_category", ""},
                 {"tax", "TAX"},
                 {"gross", ""},
                 {"net", "NET"},
                 {"due", "DUE"},
                 {"due_date", "DUE DATE"},
                 {"invoiced_at", ""},
                 {"lines", ""}});
    for (const auto& inv : f.invoices) {
        const int d = catalog::minor_unit_digits(inv.currency);
        const std::string due_date = catalog::format_timestamp(inv.due_date());
        // The stored sums of a credit memo are what it gives back; shown as the buyer sees
        // them in the document's purpose column, not with a sign.
        out.add({text_cell(inv.invoice_number),
                 text_cell(std::string(catalog::to_string(inv.kind))),
                 text_cell(inv.credits_invoice_number.empty() ? "-" : inv.credits_invoice_number),
                 text_cell(inv.cancelled_at ? "cancelled" : "active"),
                 json_only(inv.tax_in_line),
                 json_only(inv.reason),
                 json_only(inv.currency),
                 money_cell(inv.subtotal, d),
                 money_cell(inv.shipping, d),
                 json_only(quantity_json(inv.tax_rate)),
                 json_only(inv.tax_category),
                 {inv.tax.to_string(d) + " (" + inv.tax_rate.to_string() + "% " + inv.tax_category +
                      ")",
                  money_json(inv.tax)},
                 json_only(money_json(inv.gross)),
                 money_cell(inv.net, d),
                 {inv.due.to_string(d) + " " + inv.currency, money_json(inv.due)},
                 {due_date.substr(0, 10), due_date},
                 json_only(catalog::format_timestamp(inv.invoiced_at)),
                 json_only(static_cast<long long>(inv.lines.size()))});
    }
    return out;
}

Listing outbox_of(const std::vector<catalog::OutboxEntry>& outbox, BuyerNames& buyers,
                  const std::string& order_id) {
    Listing out(outbox_columns());
    for (const auto& e : outbox)
        out.add(outbox_cells(e, buyers, order_id));
    return out;
}

}  // namespace

Listing events_listing(const std::vector<catalog::OrderEvent>& events) {
    Listing out({{"at", "AT"}, {"kind", "EVENT"}, {"detail", "DETAIL"}});
    for (const auto& e : events)
        out.add({time_cell(e.at), text_cell(e.kind), text_cell(e.detail)});
    return out;
}

OrderView order_view(const catalog::Order& order, const catalog::Fulfilment& fulfilment,
                     const std::vector<catalog::OrderEvent>& events,
                     const std::vector<catalog::OutboxEntry>& outbox, BuyerNames& buyers,
                     const std::vector<catalog::OrderAttachment>& attachments) {
    return OrderView{header_of(order, buyers),
                     lines_of(order, fulfilment),
                     differences_of(order),
                     attachments_of(attachments),
                     confirmation_of(fulfilment),
                     confirmation_parts_of(fulfilment),
                     shipments_of(fulfilment),
                     invoices_of(fulfilment),
                     outbox_of(outbox, buyers, order.order_id),
                     events_listing(events)};
}

void OrderView::print(std::ostream& os) const {
    header.print(os);
    os << "\nLines\n";
    lines.print(os);
    os << "\nDifferences found by the accuracy check\n";
    differences.print(os);
    os << "\nAttachments\n";
    attachments.print(os);
    os << "\nConfirmation\n";
    if (confirmation) {
        confirmation->print(os);
        confirmation_parts.print(os);
    } else {
        os << "not confirmed yet\n";
    }
    os << "\nShipments\n";
    shipments.print(os);
    os << "\nInvoices\n";
    invoices.print(os);
    os << "\nOutbound documents\n";
    outbox.print(os);
    os << "\nEvents\n";
    events.print(os);
}

Json OrderView::json() const {
    Json j = header.json();
    j.set("lines", lines.json());
    j.set("differences", differences.json());
    j.set("attachments", attachments.json());
    if (confirmation) {
        Json c = confirmation->json();
        c.set("parts", confirmation_parts.json());
        j.set("confirmation", std::move(c));
    } else {
        j.set("confirmation", Json());
    }
    j.set("shipments", shipments.json());
    j.set("invoices", invoices.json());
    j.set("outbox", outbox.json());
    j.set("events", events.json());
    return j;
}

}  // namespace punchout::tools
