// punchoutctl outbox: the cXML documents on their way to buyers (confirmations, ship
// notices, invoices, status updates): list, show, and retry the failed ones.
#include "catalog/buyer.hpp"
#include "catalog/outbox.hpp"
#include "cxml/redaction.hpp"
#include "tools/punchoutctl/cli.hpp"
#include "tools/punchoutctl/commands.hpp"
#include "tools/punchoutctl/order_views.hpp"
#include "tools/punchoutctl/output.hpp"

#include <optional>
#include <ostream>
#include <string>
#include <vector>

namespace punchout::tools {
namespace {

std::int64_t document_id(const Options& opts) {
    const auto& text = opts.need<std::string>("id");
    std::int64_t id = 0;
    for (char c : text) {
        if (c < '0' || c > '9' || id > 1'000'000'000'000)
            throw UsageError("'" + text + "' is not a document ID (see 'outbox list')");
        id = id * 10 + (c - '0');
    }
    if (text.empty())
        throw UsageError("the document ID is empty");
    return id;
}

int list(Context& ctx, const std::vector<std::string>& args) {
    Options opts("outbox list [--status S] [--buyer ID] [--order ORDER_ID] [--limit N]",
                 "Outbound documents, newest first, with their delivery state and the last\n"
                 "error or answer.");
    opts.add()("status", po::value<std::string>(), "pending, delivered or failed")(
        "buyer", po::value<std::string>(), "only this buyer's documents")(
        "order", po::value<std::string>(), "only documents about this orderID")(
        "limit", po::value<std::size_t>()->default_value(200), "at most this many");
    if (!opts.parse(ctx, args))
        return 0;
    catalog::OutboxFilter filter;
    if (opts.has("status")) {
        const auto& text = opts.get<std::string>("status");
        filter.status = catalog::parse_outbox_status(text);
        if (!filter.status)
            throw UsageError("--status '" + text + "' must be pending, delivered or failed");
    }
    filter.limit = opts.get<std::size_t>("limit");
    auto db = open_db(ctx, "outbox list");
    auto conn = db.connect();
    std::optional<std::string> buyer_id;
    if (opts.has("buyer")) {
        buyer_id = opts.get<std::string>("buyer");
        filter.buyer = resolve_buyer(conn, *buyer_id);
    }
    if (opts.has("order"))
        filter.order_pk = resolve_order(conn, opts.get<std::string>("order"), buyer_id).pk;
    const auto docs = check(catalog::list_outbox(conn, filter));
    BuyerNames buyers(conn);
    OrderNames orders(conn);
    Listing listing(outbox_columns());
    for (const auto& e : docs)
        listing.add(outbox_cells(e, buyers, orders.id(e.order_pk)));
    if (ctx.json) {
        Json::object().set("documents", listing.json()).print(ctx.out);
        return 0;
    }
    listing.print(ctx.out, "no documents");
    return 0;
}

void print_entry(Context& ctx, const catalog::OutboxEntry& e, BuyerNames& buyers,
                 const std::string& order_id, bool body) {
    std::vector<std::pair<std::string, std::string>> fields{
        {"id", std::to_string(e.id)},
        {"buyer", buyers.id(e.buyer)},
        {"order", order_id.empty() ? "-" : order_id},
        {"type", e.document_type},
        {"payloadID", e.payload_id},
        {"target", e.target_url},
        {"origin", e.origin},
        {"status", std::string(catalog::to_string(e.status))},
        {"attempts", std::to_string(e.attempts)},
    };
    if (e.status == catalog::OutboxStatus::pending)
        fields.emplace_back("next attempt", catalog::format_timestamp(e.next_attempt_at));
    if (e.lease_until)
        fields.emplace_back("being sent",
                            "by " + e.lease_owner + " until " + time_text(e.lease_until));
    fields.emplace_back("last HTTP status",
                        e.last_http_status ? std::to_string(*e.last_http_status) : "-");
    fields.emplace_back("last cXML status",
                        e.last_cxml_status ? std::to_string(*e.last_cxml_status) : "-");
    fields.emplace_back("last error", e.last_error.empty() ? "-" : e.last_error);
    fields.emplace_back("created", catalog::format_timestamp(e.created_at));
    fields.emplace_back("updated", catalog::format_timestamp(e.updated_at));
    fields.emplace_back("delivered", e.delivered_at ? time_text(e.delivered_at) : "-");
    print_fields(ctx.out, fields);
    if (body)
        ctx.out << '\n' << cxml::redact_secrets(e.body) << '\n';
}

int show(Context& ctx, const std::vector<std::string>& args) {
    Options opts("outbox show ID [--body]",
                 "One outbound document: where it goes, its delivery state, the last answer,\n"
                 "and with --body the document itself (SharedSecret redacted).");
    opts.positional("id");
    opts.add()("body", "also print the document");
    if (!opts.parse(ctx, args))
        return 0;
    const auto id = document_id(opts);
    auto db = open_db(ctx, "outbox show");
    auto conn = db.connect();
    const auto e = check(catalog::find_outbox_document(conn, id));
    BuyerNames buyers(conn);
    OrderNames orders(conn);
    const bool body = opts.has("body");
    if (ctx.json) {
        outbox_json(e, buyers, orders.id(e.order_pk), body).print(ctx.out);
        return 0;
    }
    print_entry(ctx, e, buyers, orders.id(e.order_pk), body);
    return 0;
}

int retry(Context& ctx, const std::vector<std::string>& args) {
    Options opts("outbox retry ID",
                 "Queues a failed (or waiting) document again: attempts start from zero, it is\n"
                 "due now, and it goes to the buyer's document URL (a webhook delivery: the\n"
                 "API client's webhook URL) as configured today. The document itself, and so\n"
                 "its payloadID, stay the same.");
    opts.positional("id");
    if (!opts.parse(ctx, args))
        return 0;
    const auto id = document_id(opts);
    auto db = open_db(ctx, "outbox retry");
    auto conn = db.connect();
    const auto current = check(catalog::find_outbox_document(conn, id));
    std::string target = current.target_url;
    if (current.api_client) {
        if (auto client = catalog::find_api_client(conn, *current.api_client);
            client && !client->webhook_url.empty())
            target = client->webhook_url;
    } else if (auto buyer = catalog::find_buyer(conn, current.buyer);
               buyer && !buyer->document_url.empty()) {
        target = buyer->document_url;
    }
    const auto e = check(catalog::retry_outbox_document(conn, id, target, catalog::now()));
    BuyerNames buyers(conn);
    OrderNames orders(conn);
    if (ctx.json) {
        outbox_json(e, buyers, orders.id(e.order_pk), false).print(ctx.out);
        return 0;
    }
    print_entry(ctx, e, buyers, orders.id(e.order_pk), false);
    return 0;
}

constexpr SubCommand commands[] = {
    {"list", "outbound documents, newest first", list},
    {"show", "one document: delivery state, last answer, body", show},
    {"retry", "send a failed document again (same payloadID)", retry},
};

}  // namespace

int run_outbox(Context& ctx, const std::vector<std::string>& args) {
    return dispatch(ctx, "outbox", args, commands);
}

}  // namespace punchout::tools
