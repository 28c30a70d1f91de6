// punchoutctl orders: list and show purchase orders, and drive their life: confirm, ship,
// invoice, status-update. Each action stores the change and queues the cXML document that
// tells the buyer in one transaction; the running gateway delivers it.
#include "catalog/fulfilment.hpp"
#include "catalog/invoice_totals.hpp"
#include "catalog/order.hpp"
#include "catalog/outbox.hpp"
#include "gateway/service/order_actions.hpp"
#include "tools/punchoutctl/cli.hpp"
#include "tools/punchoutctl/commands.hpp"
#include "tools/punchoutctl/order_view.hpp"
#include "tools/punchoutctl/order_views.hpp"
#include "tools/punchoutctl/output.hpp"

#include <fstream>
#include <optional>
#include <ostream>
#include <string>
#include <vector>

namespace punchout::tools {
namespace {

// Written after each action's usage line.
constexpr const char* sending_note =
    "ORDER_ID is the buyer's orderID (--buyer ID when two buyers use the same one). The\n"
    "document is written with the supplier identity and outbound secret in the gateway's\n"
    "config file (--config FILE or $PUNCHOUT_CONFIG) and queued in the outbox in the same\n"
    "transaction as the change; the running gateway delivers it. --no-send records the\n"
    "change without a document. Exit 0 done, 1 failed (nothing changed), 2 usage.";

std::optional<std::string> optional_string(const Options& o, const char* name) {
    if (!o.has(name))
        return std::nullopt;
    return o.get<std::string>(name);
}

int line_arg(const std::string& text) {
    int n = 0;
    for (char c : text) {
        if (c < '0' || c > '9' || n > 1000000)
            throw UsageError("--line '" + text + "' is not a line number");
        n = n * 10 + (c - '0');
    }
    if (text.empty() || n == 0)
        throw UsageError("--line '" + text + "' is not a line number");
    return n;
}

catalog::LineStatus status_arg(const std::string& text) {
    auto s = catalog::parse_line_status(text);
    if (!s)
        throw UsageError("--status '" + text + "' must be accept, backordered or reject");
    return *s;
}

Json order_summary_json(const catalog::Order& o, BuyerNames& buyers) {
    Json j = Json::object();
    j.set("order_id", o.order_id);
    j.set("buyer", buyers.id(o.buyer));
    j.set("status", std::string(catalog::to_string(o.status)));
    j.set("version", o.version);
    return j;
}

// What an action did, as a table or JSON.
int print_action(Context& ctx, catalog::Connection& conn, const gateway::ActionResult& r,
                 const std::string& what,
                 const std::vector<std::pair<std::string, std::string>>& extra = {}) {
    BuyerNames buyers(conn);
    if (ctx.json) {
        Json j = Json::object();
        j.set("order", order_summary_json(r.order, buyers));
        j.set("action", what);
        j.set("reference", r.reference.empty() ? Json() : Json(r.reference));
        Json queued = Json::array();
        for (const auto& q : r.queued) {
            queued.push(Json::object()
                            .set("outbox_id", static_cast<long long>(q.outbox_id))
                            .set("document_type", q.document_type)
                            .set("payload_id", q.payload_id)
                            .set("target_url", q.target_url));
        }
        j.set("queued", std::move(queued));
        j.set("note", r.note.empty() ? Json() : Json(r.note));
        j.print(ctx.out);
        return 0;
    }
    std::vector<std::pair<std::string, std::string>> fields{
        {"order", r.order.order_id + " (buyer " + buyers.id(r.order.buyer) + ")"},
        {"status", std::string(catalog::to_string(r.order.status))}};
    if (!r.reference.empty())
        fields.emplace_back(what, r.reference);
    for (const auto& q : r.queued) {
        fields.emplace_back("queued", "outbox #" + std::to_string(q.outbox_id) + " " +
                                          q.document_type + " to " + q.target_url);
        fields.emplace_back("payloadID", q.payload_id);
    }
    fields.insert(fields.end(), extra.begin(), extra.end());
    if (!r.note.empty())
        fields.emplace_back("note", r.note);
    print_fields(ctx.out, fields);
    return 0;
}

// --- list -----------------------------------------------------------------------------

int list(Context& ctx, const std::vector<std::string>& args) {
    Options opts("orders list [--buyer ID] [--status S] [--mode test|production] [--limit N]",
                 "Orders, newest first, with their status, total, the number of differences\n"
                 "the accuracy check flagged (non-catalog lines among them) and attachments.\n"
                 "Test-realm orders (deploymentMode=\"test\") are marked; --mode lists one kind.");
    opts.add()("buyer", po::value<std::string>(), "only this buyer's orders")(
        "mode", po::value<std::string>(), "only test-realm or only production orders")(
        "status", po::value<std::string>(),
        "only orders in this status: received, confirmed, backordered, rejected,\n"
        "partially-shipped, shipped, invoiced, cancelled")(
        "limit", po::value<std::size_t>()->default_value(200), "at most this many");
    if (!opts.parse(ctx, args))
        return 0;
    auto db = open_db(ctx, "orders list");
    auto conn = db.connect();
    catalog::OrderFilter filter;
    if (auto b = optional_string(opts, "buyer"))
        filter.buyer = resolve_buyer(conn, *b);
    if (auto st = optional_string(opts, "status")) {
        filter.status = catalog::parse_order_status(*st);
        if (!filter.status) {
            throw UsageError("--status '" + *st +
                             "' is not an order status (received, confirmed, backordered, "
                             "rejected, partially-shipped, shipped, invoiced, cancelled)");
        }
    }
    if (auto m = optional_string(opts, "mode"))
        filter.mode = parse_mode_option(*m);
    filter.limit = opts.get<std::size_t>("limit");
    const auto orders = check(catalog::list_orders(conn, filter));
    BuyerNames buyers(conn);
    if (ctx.json) {
        Json list = Json::array();
        for (const auto& o : orders) {
            list.push(Json::object()
                          .set("order_id", o.order_id)
                          .set("buyer", buyers.id(o.buyer))
                          .set("status", std::string(catalog::to_string(o.status)))
                          .set("version", o.version)
                          .set("currency", o.currency)
                          .set("total", money_json(o.total))
                          .set("lines", static_cast<long long>(o.line_count))
                          .set("differences", static_cast<long long>(o.difference_count))
                          .set("non_catalog", static_cast<long long>(o.non_catalog_count))
                          .set("attachments", static_cast<long long>(o.attachment_count))
                          .set("mode", std::string(catalog::to_string(o.deployment_mode)))
                          .set("received_at", catalog::format_timestamp(o.received_at))
                          .set("updated_at", catalog::format_timestamp(o.updated_at)));
        }
        Json::object().set("orders", std::move(list)).print(ctx.out);
        return 0;
    }
    if (orders.empty()) {
        ctx.out << "no orders\n";
        return 0;
    }
    Table table(
        {"ORDER", "BUYER", "STATUS", "VERSION", "TOTAL", "LINES", "DIFFS", "RECEIVED", "NOTES"});
    for (const auto& o : orders) {
        std::string notes;
        const auto note = [&](std::string text) { notes += (notes.empty() ? "" : ", ") + text; };
        if (o.deployment_mode == catalog::DeploymentMode::test)
            note("test");
        if (o.non_catalog_count > 0)
            note(std::to_string(o.non_catalog_count) + " non-catalog");
        if (o.attachment_count > 0)
            note(std::to_string(o.attachment_count) + " attachments");
        table.add_row({o.order_id, buyers.id(o.buyer), std::string(catalog::to_string(o.status)),
                       std::to_string(o.version), money_text(o.total) + " " + o.currency,
                       std::to_string(o.line_count), std::to_string(o.difference_count),
                       catalog::format_timestamp(o.received_at), notes.empty() ? "-" : notes});
    }
    table.print(ctx.out);
    return 0;
}

// --- show / events --------------------------------------------------------------------

void add_order_options(Options& opts) {
    opts.positional("order_id");
    opts.add()("buyer", po::value<std::string>(), "the buyer, when several use the orderID")(
        "mode", po::value<std::string>(),
        "test or production, when the buyer's test realm reused the orderID");
}

// The database stays open with the connection it was read through.
struct OpenOrder {
    catalog::Database db;
    catalog::Connection conn;
    catalog::Order order;
};

OpenOrder open_order(Context& ctx, const Options& opts, const std::string& command) {
    const auto& order_id = opts.need<std::string>("order_id");
    auto db = open_db(ctx, command);
    auto conn = db.connect();
    auto order = resolve_order(conn, order_id, optional_string(opts, "buyer"),
                               optional_string(opts, "mode"));
    return OpenOrder{std::move(db), std::move(conn), std::move(order)};
}

int show(Context& ctx, const std::vector<std::string>& args) {
    Options opts("orders show ORDER_ID [--buyer ID]",
                 "The order in force: header, lines with what was accepted, back-ordered,\n"
                 "rejected, shipped and invoiced, the differences the accuracy check found,\n"
                 "the confirmation, shipments, invoices, outbound documents and events.");
    add_order_options(opts);
    if (!opts.parse(ctx, args))
        return 0;
    auto [db, conn, order] = open_order(ctx, opts, "orders show");
    const auto events = check(catalog::order_events(conn, order.pk));
    const auto f = check(catalog::load_fulfilment(conn, order));
    catalog::OutboxFilter filter;
    filter.order_pk = order.pk;
    const auto outbox = check(catalog::list_outbox(conn, filter));
    const auto attachments = check(catalog::order_attachments(conn, order.pk));
    BuyerNames buyers(conn);
    const auto view = order_view(order, f, events, outbox, buyers, attachments);
    if (ctx.json)
        view.json().print(ctx.out);
    else
        view.print(ctx.out);
    return 0;
}

int attachment(Context& ctx, const std::vector<std::string>& args) {
    Options opts("orders attachment ORDER_ID CONTENT_ID --out FILE [--buyer ID] [--mode M]",
                 "Writes one file that came with the order (its Content-ID, as `orders show`\n"
                 "lists it), byte for byte, to FILE ('-' for standard output). The newest\n"
                 "order version that carries the Content-ID is the one written.");
    add_order_options(opts);
    opts.positional("content_id");
    opts.add()("out", po::value<std::string>(), "where to write the file ('-': stdout)");
    if (!opts.parse(ctx, args))
        return 0;
    const auto& content_id = opts.need<std::string>("content_id");
    const auto& out = opts.need<std::string>("out");
    auto [db, conn, order] = open_order(ctx, opts, "orders attachment");
    auto file = catalog::find_attachment(conn, order.pk, content_id);
    if (!file) {
        if (file.error().code == catalog::Errc::not_found) {
            throw OperationError("order '" + order.order_id + "' has no attachment '" + content_id +
                                 "'; `orders show` lists them");
        }
        throw OperationError(file.error().message);
    }
    if (out == "-") {
        ctx.out.write(file->content.data(), static_cast<std::streamsize>(file->content.size()));
        ctx.out.flush();
        return 0;
    }
    std::ofstream f(out, std::ios::binary | std::ios::trunc);
    f.write(file->content.data(), static_cast<std::streamsize>(file->content.size()));
    f.close();
    if (!f)
        throw OperationError("cannot write " + out);
    ctx.err << "wrote " << file->content.size() << " bytes (" << file->content_type << ", sha256 "
            << file->sha256 << ") to " << out << "\n";
    return 0;
}

int events(Context& ctx, const std::vector<std::string>& args) {
    Options opts("orders events ORDER_ID [--buyer ID]",
                 "The order's history: received, updated, confirmed, shipped, invoiced,\n"
                 "documents delivered or failed, status requests.");
    add_order_options(opts);
    if (!opts.parse(ctx, args))
        return 0;
    auto [db, conn, order] = open_order(ctx, opts, "orders events");
    const auto list = check(catalog::order_events(conn, order.pk));
    if (ctx.json) {
        BuyerNames buyers(conn);
        Json::object()
            .set("order_id", order.order_id)
            .set("buyer", buyers.id(order.buyer))
            .set("events", events_listing(list).json())
            .print(ctx.out);
        return 0;
    }
    events_listing(list).print(ctx.out, "no events");
    return 0;
}

// --- actions --------------------------------------------------------------------------

void add_action_options(Options& opts) {
    add_order_options(opts);
    opts.add()("config", po::value<std::string>(),
               "the gateway's config file: supplier identity and outbound secret\n"
               "(default: $PUNCHOUT_CONFIG)")(
        "no-send", "record the change without sending the buyer a document");
}

struct ActionContext {
    catalog::Database db;
    catalog::Connection conn;
    catalog::Order order;
    gateway::Config config;
    gateway::ActionOptions options;
};

ActionContext prepare_action(Context& ctx, const Options& opts, const std::string& command) {
    const auto& order_id = opts.need<std::string>("order_id");
    gateway::Config config;
    const bool send = !opts.has("no-send");
    if (send)
        config = load_supplier_config(optional_string(opts, "config"), command);
    auto db = open_db(ctx, "orders " + command);
    auto conn = db.connect();
    auto order = resolve_order(conn, order_id, optional_string(opts, "buyer"),
                               optional_string(opts, "mode"));
    gateway::ActionOptions options;
    options.send = send;
    return ActionContext{std::move(db), std::move(conn), std::move(order), std::move(config),
                         options};
}

int confirm(Context& ctx, const std::vector<std::string>& args) {
    Options opts(
        "orders confirm ORDER_ID [--status S] [--delivery-date D]\n"
        "       [--line N [--qty Q] [--status S] [--delivery-date D]]... [--comment TEXT]\n"
        "       [--config FILE | --no-send] [--buyer ID]",
        std::string(
            "Confirms the order to the buyer (ConfirmationRequest). Options before the first\n"
            "--line are order-wide: the status (accept by default) and delivery date of every\n"
            "line not named. Each --line N starts a part of line N; the --qty (default: what\n"
            "is left of the line), --status and --delivery-date after it are that part's. A\n"
            "line's parts add up to its ordered quantity.\n\n"
            "  orders confirm PO-1\n"
            "  orders confirm PO-1 --status reject --comment 'Discontinued'\n"
            "  orders confirm PO-1 --line 2 --qty 6 --status accept --line 2 --status "
            "backordered --delivery-date 2026-04-01\n\n") +
            sending_note);
    opts.add()("line", po::value<std::vector<std::string>>()->composing(),
               "starts a part of line N (repeatable; repeat N for several parts)")(
        "qty", po::value<std::vector<std::string>>()->composing(),
        "quantity of the part (default: what is left of the line)")(
        "status", po::value<std::vector<std::string>>()->composing(),
        "accept, backordered or reject")("delivery-date",
                                         po::value<std::vector<std::string>>()->composing(),
                                         "expected delivery, YYYY-MM-DD")(
        "comment", po::value<std::string>(),
        "a note for the buyer; on each rejected line too (Coupa refuses a reject without "
        "one)")("confirm-id", po::value<std::string>(), "confirmID to use (default: CNF-nnnnnn)");
    add_action_options(opts);
    if (!opts.parse(ctx, args))
        return 0;
    // Options before the first --line are order-wide; after it they belong to that line.
    catalog::LineStatus rest = catalog::LineStatus::accept;
    std::string rest_date;
    std::vector<catalog::LineDecision> decisions;
    bool rest_status_set = false, rest_date_set = false;
    bool line_qty = false, line_status = false, line_date = false;
    for (const auto& opt : opts.in_order()) {
        if (opt.value.empty())
            continue;
        const std::string& key = opt.string_key;
        const std::string& value = opt.value.front();
        if (key == "line") {
            decisions.push_back(catalog::LineDecision{
                line_arg(value), std::nullopt, catalog::LineStatus::accept, {}});
            line_qty = line_status = line_date = false;
        } else if (key == "qty") {
            if (decisions.empty())
                throw UsageError("--qty belongs to a --line N given before it");
            if (line_qty)
                throw UsageError("--qty given twice for one --line");
            decisions.back().quantity = parse_amount("--qty", value);
            line_qty = true;
        } else if (key == "status") {
            if (decisions.empty()) {
                if (rest_status_set)
                    throw UsageError("the order-wide --status is given twice");
                rest = status_arg(value);
                rest_status_set = true;
            } else {
                if (line_status)
                    throw UsageError("--status given twice for one --line");
                decisions.back().status = status_arg(value);
                line_status = true;
            }
        } else if (key == "delivery-date") {
            if (decisions.empty()) {
                if (rest_date_set)
                    throw UsageError("the order-wide --delivery-date is given twice");
                rest_date = value;
                rest_date_set = true;
            } else {
                if (line_date)
                    throw UsageError("--delivery-date given twice for one --line");
                decisions.back().delivery_date = value;
                line_date = true;
            }
        }
    }
    auto a = prepare_action(ctx, opts, "confirm");
    gateway::ConfirmationDecision decision{std::move(decisions), rest, rest_date,
                                           optional_string(opts, "comment").value_or(""),
                                           optional_string(opts, "confirm-id").value_or("")};
    const auto r = check(gateway::confirm_order(a.conn, a.config.supplier, a.order.pk, decision,
                                                catalog::now(), a.options));
    return print_action(ctx, a.conn, r, "confirmation");
}

int ship(Context& ctx, const std::vector<std::string>& args) {
    Options opts(
        "orders ship ORDER_ID --carrier NAME --tracking NO [--tracking-url URL]\n"
        "       [--delivery-date D] [--shipment-id ID] [--line N --qty Q]...\n"
        "       [--config FILE | --no-send] [--buyer ID]",
        std::string("Records a shipment and sends a ShipNoticeRequest. Without --line, "
                    "everything\nconfirmed (accepted or back-ordered) and not yet shipped "
                    "goes.\n\n") +
            sending_note);
    opts.add()("carrier", po::value<std::string>(), "carrier name (required)")(
        "tracking", po::value<std::string>(), "tracking number (required)")(
        "tracking-url", po::value<std::string>(), "where the buyer can follow the shipment")(
        "delivery-date", po::value<std::string>(), "expected delivery, YYYY-MM-DD")(
        "shipment-id", po::value<std::string>(), "shipmentID to use (default: SHP-nnnnnn)")(
        "line", po::value<std::vector<std::string>>()->composing(),
        "ship part of the order: --line N --qty Q (repeatable)")(
        "qty", po::value<std::vector<std::string>>()->composing(),
        "the quantity of the --line before it");
    add_action_options(opts);
    if (!opts.parse(ctx, args))
        return 0;
    catalog::NewShipment shipment;
    shipment.carrier = opts.need<std::string>("carrier");
    shipment.tracking = opts.need<std::string>("tracking");
    shipment.tracking_url = optional_string(opts, "tracking-url").value_or("");
    shipment.delivery_date = optional_string(opts, "delivery-date").value_or("");
    shipment.shipment_id = optional_string(opts, "shipment-id").value_or("");
    bool open_line = false;
    for (const auto& opt : opts.in_order()) {
        if (opt.value.empty())
            continue;
        if (opt.string_key == "line") {
            if (open_line) {
                throw UsageError("--line " + std::to_string(shipment.lines.back().line_number) +
                                 " needs its --qty Q");
            }
            shipment.lines.push_back(catalog::ShippedLine{line_arg(opt.value.front()), {}});
            open_line = true;
        } else if (opt.string_key == "qty") {
            if (!open_line)
                throw UsageError("--qty belongs to a --line N given before it");
            shipment.lines.back().quantity = parse_amount("--qty", opt.value.front());
            open_line = false;
        }
    }
    if (open_line) {
        throw UsageError("--line " + std::to_string(shipment.lines.back().line_number) +
                         " needs its --qty Q");
    }
    auto a = prepare_action(ctx, opts, "ship");
    const auto r = check(gateway::ship_order(a.conn, a.config.supplier, a.order.pk, shipment,
                                             catalog::now(), a.options));
    return print_action(ctx, a.conn, r, "shipment");
}

int invoice(Context& ctx, const std::vector<std::string>& args) {
    Options opts(
        "orders invoice ORDER_ID [--tax-rate R] [--shipping AMOUNT] [--tax-category C]\n"
        "       [--line-tax] [--due-days N] [--invoice-id ID] [--config FILE | --no-send]\n"
        "       [--buyer ID]",
        std::string(
            "Invoices every shipped quantity not invoiced yet (InvoiceDetailRequest). A line\n"
            "amount is quantity x price / price unit, rounded half away from zero to the\n"
            "currency's minor unit; tax = (subtotal + shipping) x rate, rounded once;\n"
            "with --line-tax each line's tax (and shipping's) is rounded on its own and the\n"
            "tax is their sum (isTaxInLine); net = due = subtotal + shipping + tax.\n\n") +
            sending_note);
    opts.add()("tax-rate", po::value<std::string>()->default_value("0"),
               "tax rate in percent, e.g. 24 or 25.5 (on subtotal and shipping)")(
        "tax-category", po::value<std::string>()->default_value("vat"),
        "cXML TaxDetail category: vat, sales, gst, ...")(
        "shipping", po::value<std::string>()->default_value("0"),
        "shipping charge in the order's currency")("due-days", po::value<int>()->default_value(30),
                                                   "payment term in days")(
        "invoice-id", po::value<std::string>(), "invoiceID to use (default: INV-nnnnnn)")(
        "line-tax", po::bool_switch(),
        "a Tax per line (isTaxInLine), as Coupa's line-level "
        "taxation wants");
    add_action_options(opts);
    if (!opts.parse(ctx, args))
        return 0;
    catalog::NewInvoice in;
    in.tax_in_line = opts.has("line-tax");
    in.tax_rate = parse_amount("--tax-rate", opts.get<std::string>("tax-rate"));
    in.tax_category = opts.get<std::string>("tax-category");
    in.shipping = parse_amount("--shipping", opts.get<std::string>("shipping"));
    in.due_days = opts.get<int>("due-days");
    in.invoice_number = optional_string(opts, "invoice-id").value_or("");
    auto a = prepare_action(ctx, opts, "invoice");
    const auto r = check(gateway::invoice_order(a.conn, a.config.supplier, a.order.pk, in,
                                                catalog::now(), a.options));
    std::vector<std::pair<std::string, std::string>> sums;
    if (!ctx.json) {
        // The sums, so the admin sees what the buyer will see.
        const auto f = check(catalog::load_fulfilment(a.conn, r.order));
        if (!f.invoices.empty()) {
            const auto& inv = f.invoices.back();
            const int d = catalog::minor_unit_digits(inv.currency);
            const auto money = [&](catalog::Amount x) {
                return x.to_string(d) + " " + inv.currency;
            };
            sums = {{"subtotal", money(inv.subtotal)},
                    {"shipping", money(inv.shipping)},
                    {"tax", money(inv.tax) + " (" + inv.tax_rate.to_string() + "% " +
                                inv.tax_category + ")"},
                    {"net", money(inv.net)},
                    {"due", money(inv.due) + " by " +
                                catalog::format_timestamp(inv.due_date()).substr(0, 10)}};
        }
    }
    return print_action(ctx, a.conn, r, "invoice", sums);
}

int credit_memo(Context& ctx, const std::vector<std::string>& args) {
    Options opts(
        "orders credit-memo ORDER_ID --invoice INV-ID [--line N --quantity Q ...]\n"
        "       [--amount AMOUNT] [--reason TEXT] [--credit-id ID] [--config FILE | --no-send]\n"
        "       [--buyer ID]",
        std::string(
            "Credits an invoice (InvoiceDetailRequest with negative amounts). With --line N\n"
            "--quantity Q: a line-level credit memo (lineLevelCreditMemo) of those quantities at\n"
            "the invoice's prices and tax rule. With --amount: a credit memo (creditMemo) of that\n"
            "amount before tax, taxed at the invoice's rate. With neither: the whole invoice.\n"
            "Never more than the invoice billed, less what is credited already.\n\n") +
            sending_note);
    opts.add()("invoice", po::value<std::string>(), "the invoiceID credited (required)")(
        "line", po::value<std::vector<std::string>>()->composing(),
        "order line number to credit (repeatable, each with --quantity)")(
        "quantity", po::value<std::vector<std::string>>()->composing(),
        "the quantity of the --line before it")("amount", po::value<std::string>(),
                                                "amount to credit before tax")(
        "reason", po::value<std::string>(), "why (a Comments for the buyer)")(
        "credit-id", po::value<std::string>(), "invoiceID of the credit memo (default CM-nnnnnn)");
    add_action_options(opts);
    if (!opts.parse(ctx, args))
        return 0;
    catalog::NewCreditMemo in;
    in.invoice_number = opts.need<std::string>("invoice");
    in.reason = optional_string(opts, "reason").value_or("");
    in.credit_number = optional_string(opts, "credit-id").value_or("");
    if (const auto amount = optional_string(opts, "amount"))
        in.amount = parse_amount("--amount", *amount);
    bool open_line = false;
    for (const auto& opt : opts.in_order()) {
        if (opt.value.empty())
            continue;
        if (opt.string_key == "line") {
            if (open_line) {
                throw UsageError("--line " + std::to_string(in.lines.back().line_number) +
                                 " needs its --quantity Q");
            }
            in.lines.push_back(catalog::CreditLine{line_arg(opt.value.front()), {}});
            open_line = true;
        } else if (opt.string_key == "quantity") {
            if (!open_line)
                throw UsageError("--quantity belongs to a --line N given before it");
            in.lines.back().quantity = parse_amount("--quantity", opt.value.front());
            open_line = false;
        }
    }
    if (open_line) {
        throw UsageError("--line " + std::to_string(in.lines.back().line_number) +
                         " needs its --quantity Q");
    }
    auto a = prepare_action(ctx, opts, "credit-memo");
    const auto r = check(gateway::credit_invoice(a.conn, a.config.supplier, a.order.pk, in,
                                                 catalog::now(), a.options));
    return print_action(ctx, a.conn, r, "credit memo");
}

int cancel_invoice(Context& ctx, const std::vector<std::string>& args) {
    Options opts(
        "orders cancel-invoice ORDER_ID --invoice INV-ID [--config FILE | --no-send]\n"
        "       [--buyer ID]",
        std::string("Cancels an invoice: sends it again with operation=\"delete\" (same\n"
                    "invoiceID, a new payloadID, DocumentReference naming the one it was sent\n"
                    "with). Its quantities may then be invoiced again. An invoice with credit\n"
                    "memos against it is not cancelled.\n\n") +
            sending_note);
    opts.add()("invoice", po::value<std::string>(), "the invoiceID to cancel (required)");
    add_action_options(opts);
    if (!opts.parse(ctx, args))
        return 0;
    const auto& number = opts.need<std::string>("invoice");
    auto a = prepare_action(ctx, opts, "cancel-invoice");
    const auto r = check(gateway::cancel_invoice(a.conn, a.config.supplier, a.order.pk, number,
                                                 catalog::now(), a.options));
    return print_action(ctx, a.conn, r, "invoice cancellation");
}

int status_update(Context& ctx, const std::vector<std::string>& args) {
    Options opts(
        "orders status-update ORDER_ID [--code N] --message TEXT [--config FILE]\n"
        "       [--buyer ID]",
        "Sends a StatusUpdateRequest about the order's OrderRequest: a cXML status\n"
        "code (200 by default) and a message for the buyer.");
    opts.add()("code", po::value<unsigned>()->default_value(200),
               "cXML status code (200, 201, ...)")("message", po::value<std::string>(),
                                                   "the text for the buyer (required)");
    add_action_options(opts);
    if (!opts.parse(ctx, args))
        return 0;
    const auto& message = opts.need<std::string>("message");
    if (message.empty())
        throw UsageError("--message is empty");
    if (opts.has("no-send"))
        throw UsageError("status-update only sends a document; --no-send makes no sense here");
    auto a = prepare_action(ctx, opts, "status-update");
    const auto r = check(gateway::send_status_update(a.conn, a.config.supplier, a.order.pk,
                                                     opts.get<unsigned>("code"), message,
                                                     catalog::now(), a.options));
    return print_action(ctx, a.conn, r, "status update");
}

constexpr SubCommand commands[] = {
    {"list", "orders, newest first", list},
    {"show", "an order: lines, differences, fulfilment, documents, events", show},
    {"events", "an order's history", events},
    {"attachment", "write a file that came with the order, byte-exact", attachment},
    {"confirm", "accept, back-order or reject the order (ConfirmationRequest)", confirm},
    {"ship", "record a shipment (ShipNoticeRequest)", ship},
    {"invoice", "invoice what has shipped (InvoiceDetailRequest)", invoice},
    {"credit-memo", "credit an invoice, whole, an amount or line quantities", credit_memo},
    {"cancel-invoice", "cancel an invoice (InvoiceDetailRequest operation delete)", cancel_invoice},
    {"status-update", "tell the buyer something about the order (StatusUpdateRequest)",
     status_update},
};

}  // namespace

int run_orders(Context& ctx, const std::vector<std::string>& args) {
    return dispatch(ctx, "orders", args, commands);
}

}  // namespace punchout::tools
