// punchoutctl outbox: the cXML documents on their way to buyers (confirmations, ship
// notices, invoices, status updates): list, show, and retry the failed ones.
#include "catalog/buyer.hpp"
#include "catalog/outbox.hpp"
#include "gateway/cxml_endpoint.hpp"
#include "tools/punchoutctl/commands.hpp"
#include "tools/punchoutctl/order_views.hpp"
#include "tools/punchoutctl/output.hpp"

#include <optional>
#include <ostream>
#include <string>
#include <vector>

#include <boost/program_options.hpp>

namespace po = boost::program_options;

namespace punchout::tools {
namespace {

constexpr const char* group_usage =
    "usage: punchoutctl --db FILE outbox COMMAND ...\n\n"
    "Outbound cXML documents and their delivery (the running gateway sends them).\n\n"
    "Commands:\n"
    "  list [--status S] [--buyer ID] [--order ORDER_ID] [--limit N]\n"
    "                  documents, newest first\n"
    "  show ID [--body]\n"
    "                  one document: delivery state, last answer, and its body with\n"
    "                  secrets redacted\n"
    "  retry ID        send a failed document again: fresh attempts, due now, to the\n"
    "                  buyer's document URL as it is today (same document, same payloadID)\n\n"
    "Exit codes: 0 done, 1 the operation failed, 2 usage error.\n";

po::variables_map parse(const std::vector<std::string>& args,
                        const po::options_description& options, const std::string& command,
                        bool with_id) {
    po::options_description all;
    all.add(options);
    po::options_description hidden;
    hidden.add_options()("id", po::value<std::string>());
    po::positional_options_description positional;
    if (with_id) {
        all.add(hidden);
        positional.add("id", 1);
    }
    po::variables_map vm;
    try {
        po::store(po::command_line_parser(args).options(all).positional(positional).run(), vm);
        po::notify(vm);
    } catch (const po::error& e) {
        throw UsageError(command + ": " + e.what());
    }
    return vm;
}

std::int64_t id_arg(const po::variables_map& vm, const std::string& command) {
    if (!vm.count("id"))
        throw UsageError(command + " needs the document's ID (see 'outbox list')");
    const auto text = vm["id"].as<std::string>();
    std::int64_t id = 0;
    for (char c : text) {
        if (c < '0' || c > '9' || id > 1'000'000'000'000)
            throw UsageError(command + ": '" + text + "' is not a document ID");
        id = id * 10 + (c - '0');
    }
    if (text.empty())
        throw UsageError(command + ": the document ID is empty");
    return id;
}

int run_list(Context& ctx, const std::vector<std::string>& args) {
    po::options_description options("Options");
    options.add_options()("help,h", "this help")("status", po::value<std::string>(),
                                                 "pending, delivered or failed")(
        "buyer", po::value<std::string>(), "only this buyer's documents")(
        "order", po::value<std::string>(), "only documents about this orderID")(
        "limit", po::value<std::size_t>()->default_value(200), "at most this many");
    auto vm = parse(args, options, "list", false);
    if (vm.count("help")) {
        ctx.out << "usage: punchoutctl --db FILE outbox list [--status S] [--buyer ID] "
                   "[--order ORDER_ID] [--limit N] [--json]\n\n"
                << options;
        return 0;
    }
    catalog::OutboxFilter filter;
    if (vm.count("status")) {
        const auto text = vm["status"].as<std::string>();
        filter.status = catalog::parse_outbox_status(text);
        if (!filter.status)
            throw UsageError("list: --status '" + text + "' must be pending, delivered or failed");
    }
    filter.limit = vm["limit"].as<std::size_t>();
    auto db = open_existing_store(ctx, "outbox list");
    auto conn = db.connect();
    std::optional<std::string> buyer_id;
    if (vm.count("buyer")) {
        buyer_id = vm["buyer"].as<std::string>();
        filter.buyer = resolve_buyer(conn, *buyer_id);
    }
    if (vm.count("order"))
        filter.order_pk = resolve_order(conn, vm["order"].as<std::string>(), buyer_id).pk;
    auto docs = catalog::list_outbox(conn, filter);
    if (!docs)
        throw OperationError(docs.error().message);
    BuyerNames buyers(conn);
    OrderNames orders(conn);
    if (ctx.json) {
        Json list = Json::array();
        for (const auto& e : *docs)
            list.push(outbox_json(e, buyers, orders.id(e.order_pk), false));
        Json root = Json::object();
        root.set("documents", std::move(list));
        root.print(ctx.out);
        return 0;
    }
    if (docs->empty()) {
        ctx.out << "no documents\n";
        return 0;
    }
    Table table = outbox_table();
    for (const auto& e : *docs)
        add_outbox_row(table, e, buyers, orders.id(e.order_pk));
    table.print(ctx.out);
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
    fields.emplace_back("delivered", time_text(e.delivered_at));
    print_fields(ctx.out, fields);
    if (body)
        ctx.out << '\n' << gateway::redact_secrets(e.body) << '\n';
}

int run_show(Context& ctx, const std::vector<std::string>& args) {
    po::options_description options("Options");
    options.add_options()("help,h", "this help")("body",
                                                 "also print the document (secrets redacted)");
    auto vm = parse(args, options, "show", true);
    if (vm.count("help")) {
        ctx.out << "usage: punchoutctl --db FILE outbox show ID [--body] [--json]\n\n" << options;
        return 0;
    }
    const auto id = id_arg(vm, "show");
    auto db = open_existing_store(ctx, "outbox show");
    auto conn = db.connect();
    auto e = catalog::find_outbox_document(conn, id);
    if (!e)
        throw OperationError(e.error().message);
    BuyerNames buyers(conn);
    OrderNames orders(conn);
    const bool body = vm.count("body") != 0;
    if (ctx.json) {
        outbox_json(*e, buyers, orders.id(e->order_pk), body).print(ctx.out);
        return 0;
    }
    print_entry(ctx, *e, buyers, orders.id(e->order_pk), body);
    return 0;
}

int run_retry(Context& ctx, const std::vector<std::string>& args) {
    po::options_description options("Options");
    options.add_options()("help,h", "this help");
    auto vm = parse(args, options, "retry", true);
    if (vm.count("help")) {
        ctx.out << "usage: punchoutctl --db FILE outbox retry ID [--json]\n\n"
                   "Queues a failed (or waiting) document again: attempts start from zero, it "
                   "is due now,\nand it goes to the buyer's document URL as configured today. "
                   "The document itself,\nand so its payloadID, stay the same.\n\n"
                << options;
        return 0;
    }
    const auto id = id_arg(vm, "retry");
    auto db = open_existing_store(ctx, "outbox retry");
    auto conn = db.connect();
    auto current = catalog::find_outbox_document(conn, id);
    if (!current)
        throw OperationError(current.error().message);
    auto buyer = catalog::find_buyer(conn, current->buyer);
    std::string target = current->target_url;
    if (buyer && !buyer->document_url.empty())
        target = buyer->document_url;
    auto e = catalog::retry_outbox_document(conn, id, target, catalog::now());
    if (!e)
        throw OperationError(e.error().message);
    BuyerNames buyers(conn);
    OrderNames orders(conn);
    if (ctx.json) {
        outbox_json(*e, buyers, orders.id(e->order_pk), false).print(ctx.out);
        return 0;
    }
    print_entry(ctx, *e, buyers, orders.id(e->order_pk), false);
    return 0;
}

}  // namespace

int run_outbox(Context& ctx, const std::vector<std::string>& args) {
    if (args.empty())
        throw UsageError("missing command (try 'list', 'show', 'retry')");
    const std::string& command = args.front();
    const std::vector<std::string> rest(args.begin() + 1, args.end());
    if (command == "-h" || command == "--help" || command == "help") {
        ctx.out << group_usage;
        return 0;
    }
    if (command == "list")
        return run_list(ctx, rest);
    if (command == "show")
        return run_show(ctx, rest);
    if (command == "retry")
        return run_retry(ctx, rest);
    throw UsageError("unknown command '" + command + "'");
}

}  // namespace punchout::tools
