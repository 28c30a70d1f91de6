#include "gateway/service/order_json.hpp"

#include "gateway/service/url_codec.hpp"

namespace punchout::gateway {
namespace {

using nlohmann::json;

std::string money(catalog::Amount a) {
    return a.to_string(2);
}

json nullable(const std::string& s) {
    return s.empty() ? json() : json(s);
}

}  // namespace

std::string api_order_path(std::int64_t order_pk) {
    return "/api/v1/orders/" + std::to_string(order_pk);
}

json order_json(const catalog::Order& o, const std::string& buyer_id,
                const std::vector<catalog::OrderAttachment>& attachments) {
    json lines = json::array();
    for (const auto& l : o.lines) {
        lines.push_back({{"line", l.line_number},
                         {"sku", l.sku},
                         {"buyer_part_id", nullable(l.buyer_part_id)},
                         {"quantity", l.quantity.to_string()},
                         {"unit_price", money(l.unit_price)},
                         {"currency", l.currency},
                         {"price_basis_quantity", l.price_basis_quantity.to_string()},
                         {"uom", l.uom},
                         {"description", l.description},
                         {"requested_delivery", nullable(l.requested_delivery)},
                         {"tax", money(l.tax)},
                         {"shipping", money(l.shipping)},
                         {"is_return", l.is_return},
                         {"non_catalog", l.non_catalog}});
    }
    json flags = json::array();
    for (const auto& d : o.differences) {
        flags.push_back({{"line", d.line_number},
                         {"kind", std::string(catalog::to_string(d.kind))},
                         {"expected", d.expected},
                         {"actual", d.actual},
                         {"message", d.message}});
    }
    json files = json::array();
    for (const auto& a : attachments) {
        files.push_back(
            {{"version", a.version},
             {"content_id", a.content_id},
             {"content_type", a.content_type},
             {"filename", nullable(a.filename)},
             {"size", a.size},
             {"sha256", a.sha256},
             {"href", api_order_path(o.pk) + "/attachments/" + percent_encode(a.content_id)}});
    }
    const auto rule = [](catalog::DocumentRule r) {
        return r == catalog::DocumentRule::unstated ? json() : json(std::string(to_string(r)));
    };
    return {{"id", o.pk},
            {"href", api_order_path(o.pk)},
            {"order_id", o.order_id},
            {"buyer", buyer_id},
            {"mode", std::string(catalog::to_string(o.deployment_mode))},
            {"status", std::string(catalog::to_string(o.status))},
            {"version", o.version},
            {"order_version", nullable(o.order_version)},
            {"order_type", nullable(o.order_type)},
            {"order_date", nullable(o.order_date)},
            {"payload_id", o.payload_id},
            {"currency", o.currency},
            {"total", money(o.total)},
            {"subtotal", money(o.subtotal)},
            {"tax", money(o.tax)},
            {"shipping", money(o.shipping)},
            {"ship_to", nullable(o.ship_to)},
            {"confirmation_rule", rule(o.confirmation_rule)},
            {"ship_notice_rule", rule(o.ship_notice_rule)},
            {"received_at", catalog::format_timestamp(o.received_at)},
            {"updated_at", catalog::format_timestamp(o.updated_at)},
            {"lines", std::move(lines)},
            {"flags", std::move(flags)},
            {"attachments", std::move(files)}};
}

json order_event_json(const catalog::OrderFeedEntry& e, json order) {
    return {{"id", "evt_" + std::to_string(e.cursor)},
            {"cursor", std::to_string(e.cursor)},
            {"event", "order." + std::string(catalog::to_string(e.kind))},
            {"at", catalog::format_timestamp(e.at)},
            {"order", std::move(order)}};
}

json action_json(const ActionResult& r, const std::string& buyer_id, const std::string& action) {
    json queued = json::array();
    for (const auto& q : r.queued) {
        queued.push_back({{"outbox_id", q.outbox_id},
                          {"document_type", q.document_type},
                          {"payload_id", q.payload_id},
                          {"target_url", q.target_url}});
    }
    return {{"order",
             {{"id", r.order.pk},
              {"href", api_order_path(r.order.pk)},
              {"order_id", r.order.order_id},
              {"buyer", buyer_id},
              {"status", std::string(catalog::to_string(r.order.status))},
              {"version", r.order.version}}},
            {"action", action},
            {"reference", nullable(r.reference)},
            {"queued", std::move(queued)},
            {"note", nullable(r.note)}};
}

}  // namespace punchout::gateway
