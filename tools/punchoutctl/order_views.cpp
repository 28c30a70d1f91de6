#include "tools/punchoutctl/order_views.hpp"

#include "cxml/redaction.hpp"

#include <algorithm>
#include <cstdlib>

namespace punchout::tools {

const std::string& BuyerNames::id(catalog::BuyerKey key) {
    auto it = ids_.find(key.value);
    if (it != ids_.end())
        return it->second;
    auto b = catalog::find_buyer(conn_, key);
    return ids_[key.value] = b ? b->id : "#" + std::to_string(key.value);
}

std::string OrderNames::id(const std::optional<std::int64_t>& pk) {
    if (!pk)
        return {};
    auto it = ids_.find(*pk);
    if (it != ids_.end())
        return it->second;
    auto o = catalog::find_order(conn_, *pk);
    return ids_[*pk] = o ? o->order_id : "#" + std::to_string(*pk);
}

catalog::BuyerKey resolve_buyer(catalog::Connection& conn, const std::string& buyer_id) {
    auto b = catalog::find_buyer(conn, buyer_id);
    if (!b) {
        if (b.error().code == catalog::Errc::not_found)
            throw OperationError("no buyer '" + buyer_id + "'");
        throw OperationError(b.error().message);
    }
    return b->key;
}

catalog::DeploymentMode parse_mode_option(const std::string& text) {
    auto mode = catalog::parse_deployment_mode(text);
    if (!mode)
        throw UsageError("--mode '" + text + "' must be test or production");
    return *mode;
}

catalog::Order resolve_order(catalog::Connection& conn, const std::string& order_id,
                             const std::optional<std::string>& buyer_id,
                             const std::optional<std::string>& mode) {
    catalog::OrderFilter filter;
    filter.order_id = order_id;
    if (buyer_id)
        filter.buyer = resolve_buyer(conn, *buyer_id);
    if (mode)
        filter.mode = parse_mode_option(*mode);
    filter.limit = 10;
    auto found = catalog::list_orders(conn, filter);
    if (!found)
        throw OperationError(found.error().message);
    if (found->empty()) {
        throw OperationError("no order '" + order_id + "'" +
                             (buyer_id ? " for buyer '" + *buyer_id + "'" : std::string()));
    }
    if (found->size() > 1 && !mode && std::all_of(found->begin(), found->end(), [&](const auto& o) {
            return o.buyer == found->front().buyer;
        })) {
        // A test realm restarted its numbering at a production orderID.
        throw OperationError("order '" + order_id +
                             "' exists in the buyer's test realm and in production; say which "
                             "with --mode test or --mode production");
    }
    if (found->size() > 1) {
        BuyerNames names(conn);
        std::string list;
        for (const auto& o : *found)
            list += (list.empty() ? "" : ", ") + names.id(o.buyer);
        throw OperationError("order '" + order_id + "' exists for several buyers (" + list +
                             "); say which with --buyer ID");
    }
    auto order = catalog::find_order(conn, found->front().pk);
    if (!order)
        throw OperationError(order.error().message);
    return std::move(*order);
}

gateway::Config load_supplier_config(const std::optional<std::string>& path,
                                     const std::string& command) {
    std::string file;
    if (path) {
        file = *path;
    } else if (const char* env = std::getenv("PUNCHOUT_CONFIG"); env && *env) {
        file = env;
    } else {
        throw UsageError(command +
                         " writes a document in the gateway's name: give the gateway's config "
                         "file with --config FILE (or set PUNCHOUT_CONFIG), or record the "
                         "change without a document with --no-send");
    }
    try {
        auto config = gateway::load_config_file(file);
        if (config.supplier.outbound_secret.empty()) {
            throw OperationError(file +
                                 " sets no supplier.outbound_secret (or outbound_secret_file); "
                                 "buyers need it to accept our documents");
        }
        return config;
    } catch (const gateway::ConfigError& e) {
        throw OperationError(e.what());
    }
}

std::vector<Column> outbox_columns(bool with_body) {
    std::vector<Column> c{{"id", "ID"},
                          {"buyer", "BUYER"},
                          {"order_id", "ORDER"},
                          {"document_type", "TYPE"},
                          {"payload_id", ""},
                          {"target_url", ""},
                          {"origin", ""},
                          {"status", "STATUS"},
                          {"attempts", "ATTEMPTS"},
                          {"next_attempt_at", ""},
                          {"", "NEXT/DONE"},
                          {"last_error", ""},
                          {"", "LAST"},
                          {"last_http_status", ""},
                          {"last_cxml_status", ""},
                          {"leased_until", ""},
                          {"created_at", ""},
                          {"updated_at", ""},
                          {"delivered_at", ""}};
    if (with_body)
        c.push_back({"body", ""});
    return c;
}

std::vector<Cell> outbox_cells(const catalog::OutboxEntry& e, BuyerNames& buyers,
                               const std::string& order_id, bool with_body) {
    const bool pending = e.status == catalog::OutboxStatus::pending;
    std::string when = pending ? catalog::format_timestamp(e.next_attempt_at)
                       : e.status == catalog::OutboxStatus::delivered ? time_text(e.delivered_at)
                                                                      : time_text(e.updated_at);
    std::string last = e.last_error;
    if (last.empty() && e.last_cxml_status)
        last = "cXML " + std::to_string(*e.last_cxml_status);
    last = shortened(std::move(last), 70);
    const std::string status(catalog::to_string(e.status));
    std::vector<Cell> cells{
        {std::to_string(e.id), Json(static_cast<long long>(e.id))},
        text_cell(buyers.id(e.buyer)),
        {order_id.empty() ? "-" : order_id, order_id.empty() ? Json() : Json(order_id)},
        text_cell(e.document_type),
        text_cell(e.payload_id),
        text_cell(e.target_url),
        text_cell(e.origin),
        text_cell(status),
        {std::to_string(e.attempts), Json(e.attempts)},
        {"", time_json(pending ? std::optional(e.next_attempt_at) : std::nullopt)},
        {when, Json()},
        text_cell(e.last_error),
        {last.empty() ? "-" : last, Json()},
        {"", e.last_http_status ? Json(*e.last_http_status) : Json()},
        {"", e.last_cxml_status ? Json(*e.last_cxml_status) : Json()},
        {"", time_json(e.lease_until)},
        text_cell(catalog::format_timestamp(e.created_at)),
        text_cell(catalog::format_timestamp(e.updated_at)),
        {"", time_json(e.delivered_at)}};
    if (with_body)
        cells.push_back(text_cell(cxml::redact_secrets(e.body)));
    return cells;
}

Json outbox_json(const catalog::OutboxEntry& e, BuyerNames& buyers, const std::string& order_id,
                 bool with_body) {
    Record r{outbox_columns(with_body), outbox_cells(e, buyers, order_id, with_body)};
    return r.json();
}

}  // namespace punchout::tools
