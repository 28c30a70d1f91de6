// punchoutctl orders: list and show purchase orders, and drive their life: confirm, ship,
// invoice, status-update. Each action stores the change and queues the cXML document that
// tells the buyer in one transaction; the running gateway delivers it.
#include "catalog/fulfilment.hpp"
#include "catalog/invoice_totals.hpp"
#include "catalog/order.hpp"
#include "catalog/outbox.hpp"
#include "gateway/order_actions.hpp"
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
    "usage: punchoutctl --db FILE orders COMMAND ...\n\n"
    "Purchase orders received from buyers, and what the supplier does with them.\n\n"
    "Commands:\n"
    "  list [--buyer ID] [--status S] [--limit N]\n"
    "                         orders, newest first\n"
    "  show ORDER_ID          the order, its lines, the accuracy-check differences,\n"
    "                         fulfilment so far, outbound documents and events\n"
    "  events ORDER_ID        the order's history\n"
    "  confirm ORDER_ID       accept, back-order or reject (all or per line)\n"
    "  ship ORDER_ID          record a shipment and send a ShipNoticeRequest\n"
    "  invoice ORDER_ID       invoice what has shipped (InvoiceDetailRequest)\n"
    "  status-update ORDER_ID send a StatusUpdateRequest (a status code and a message)\n\n"
    "ORDER_ID is the buyer's orderID; add --buyer ID when two buyers use the same one.\n"
    "confirm, ship, invoice and status-update read the gateway's config file (--config\n"
    "FILE or $PUNCHOUT_CONFIG) for the supplier identity and outbound secret, unless\n"
    "--no-send records the change without a document.\n\n"
    "Exit codes: 0 done, 1 the operation failed (nothing changed), 2 usage error.\n";

struct Parsed {
    po::variables_map vm;
    std::vector<po::option> in_order;  // for options whose order matters (--line ...)
};

Parsed parse(const std::vector<std::string>& args, const po::options_description& options,
             const std::string& command, bool with_order_id) {
    po::options_description all;
    all.add(options);
    po::options_description hidden;
    hidden.add_options()("order-id", po::value<std::string>());
    po::positional_options_description positional;
    if (with_order_id) {
        all.add(hidden);
        positional.add("order-id", 1);
    }
    Parsed p;
    try {
        auto parsed = po::command_line_parser(args).options(all).positional(positional).run();
        p.in_order = parsed.options;
        po::store(parsed, p.vm);
        po::notify(p.vm);
    } catch (const po::error& e) {
        throw UsageError(command + ": " + e.what());
    }
    return p;
}

bool wants_help(const Parsed& p) {
    return p.vm.count("help") != 0;
}

std::string order_id_arg(const Parsed& p, const std::string& command) {
    if (!p.vm.count("order-id"))
        throw UsageError(command + " needs ORDER_ID");
    return p.vm["order-id"].as<std::string>();
}

std::optional<std::string> optional_string(const Parsed& p, const char* name) {
    if (!p.vm.count(name))
        return std::nullopt;
    return p.vm[name].as<std::string>();
}

catalog::Amount amount_arg(const std::string& text, const std::string& what) {
    auto a = catalog::Amount::parse(text);
    if (!a)
        throw UsageError(what + " '" + text + "': " + a.error().message);
    return *a;
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

void fail_on(const catalog::Error& e) {
    throw OperationError(e.message);
}

Json order_summary_json(const catalog::Order& o, BuyerNames& buyers) {
    Json j = Json::object();
    j.set("order_id", o.order_id);
    j.set("buyer", buyers.id(o.buyer));
    j.set("status", o.status);
    j.set("version", o.version);
    return j;
}

// What an action did, as a table or JSON.
int print_action(Context& ctx, catalog::Connection& conn, const gateway::ActionResult& r,
                 const std::string& what) {
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
        {"status", r.order.status}};
    if (!r.reference.empty())
        fields.emplace_back(what, r.reference);
    for (const auto& q : r.queued) {
        fields.emplace_back("queued", "outbox #" + std::to_string(q.outbox_id) + " " +
                                          q.document_type + " to " + q.target_url);
        fields.emplace_back("payloadID", q.payload_id);
    }
    if (!r.note.empty())
        fields.emplace_back("note", r.note);
    print_fields(ctx.out, fields);
    return 0;
}

// --- list -----------------------------------------------------------------------------

int run_list(Context& ctx, const std::vector<std::string>& args) {
    po::options_description options("Options");
    options.add_options()("help,h", "this help")("buyer", po::value<std::string>(),
                                                 "only this buyer's orders")(
        "status", po::value<std::string>(),
        "only orders in this status (received, confirmed, backordered, rejected, "
        "partially-shipped, shipped, invoiced, cancelled)")(
        "limit", po::value<std::size_t>()->default_value(200), "at most this many");
    auto p = parse(args, options, "list", false);
    if (wants_help(p)) {
        ctx.out << "usage: punchoutctl --db FILE orders list [--buyer ID] [--status S] "
                   "[--limit N] [--json]\n\n"
                << options;
        return 0;
    }
    auto db = open_existing_store(ctx, "orders list");
    auto conn = db.connect();
    catalog::OrderFilter filter;
    if (auto b = optional_string(p, "buyer"))
        filter.buyer = resolve_buyer(conn, *b);
    if (auto s = optional_string(p, "status"))
        filter.status = *s;
    filter.limit = p.vm["limit"].as<std::size_t>();
    auto orders = catalog::list_orders(conn, filter);
    if (!orders)
        fail_on(orders.error());
    BuyerNames buyers(conn);
    if (ctx.json) {
        Json list = Json::array();
        for (const auto& o : *orders) {
            list.push(Json::object()
                          .set("order_id", o.order_id)
                          .set("buyer", buyers.id(o.buyer))
                          .set("status", o.status)
                          .set("version", o.version)
                          .set("currency", o.currency)
                          .set("total", amount_json(o.total, 2))
                          .set("lines", static_cast<long long>(o.line_count))
                          .set("differences", static_cast<long long>(o.difference_count))
                          .set("received_at", catalog::format_timestamp(o.received_at))
                          .set("updated_at", catalog::format_timestamp(o.updated_at)));
        }
        Json root = Json::object();
        root.set("orders", std::move(list));
        root.print(ctx.out);
        return 0;
    }
    Table table({"ORDER", "BUYER", "STATUS", "VERSION", "TOTAL", "LINES", "DIFFS", "RECEIVED"});
    for (const auto& o : *orders) {
        table.add_row({o.order_id, buyers.id(o.buyer), o.status, std::to_string(o.version),
                       o.total.to_string(2) + " " + o.currency, std::to_string(o.line_count),
                       std::to_string(o.difference_count),
                       catalog::format_timestamp(o.received_at)});
    }
    if (table.empty())
        ctx.out << "no orders\n";
    else
        table.print(ctx.out);
    return 0;
}

// --- show / events --------------------------------------------------------------------

Json progress_json(const catalog::LineProgress& l) {
    return Json::object()
        .set("accepted", amount_json(l.accepted))
        .set("backordered", amount_json(l.backordered))
        .set("rejected", amount_json(l.rejected))
        .set("shipped", amount_json(l.shipped))
        .set("invoiced", amount_json(l.invoiced));
}

const catalog::LineProgress* progress_of(const catalog::Fulfilment& f, int line) {
    for (const auto& l : f.lines) {
        if (l.line_number == line)
            return &l;
    }
    return nullptr;
}

int show_json(Context& ctx, const catalog::Order& o, const catalog::Fulfilment& f,
              const std::vector<catalog::OrderEvent>& events,
              const std::vector<catalog::OutboxEntry>& outbox, BuyerNames& buyers) {
    Json j = Json::object();
    j.set("order_id", o.order_id);
    j.set("buyer", buyers.id(o.buyer));
    j.set("status", o.status);
    j.set("version", o.version);
    j.set("order_version", o.order_version);
    j.set("order_type", o.order_type);
    j.set("order_date", o.order_date);
    j.set("currency", o.currency);
    j.set("total", amount_json(o.total, 2));
    j.set("subtotal", amount_json(o.subtotal, 2));
    j.set("tax", amount_json(o.tax, 2));
    j.set("shipping", amount_json(o.shipping, 2));
    j.set("deployment_mode", o.deployment_mode);
    j.set("payload_id", o.payload_id);
    j.set("ship_to", o.ship_to);
    j.set("received_at", catalog::format_timestamp(o.received_at));
    j.set("updated_at", catalog::format_timestamp(o.updated_at));
    Json lines = Json::array();
    for (const auto& l : o.lines) {
        Json line = Json::object()
                        .set("line", l.line_number)
                        .set("sku", l.sku)
                        .set("token", l.token)
                        .set("quantity", amount_json(l.quantity))
                        .set("uom", l.uom)
                        .set("unit_price", amount_json(l.unit_price, 2))
                        .set("currency", l.currency)
                        .set("price_basis_quantity", amount_json(l.price_basis_quantity))
                        .set("description", l.description)
                        .set("requested_delivery", l.requested_delivery);
        if (const auto* p = progress_of(f, l.line_number))
            line.set("fulfilment", progress_json(*p));
        lines.push(std::move(line));
    }
    j.set("lines", std::move(lines));
    Json diffs = Json::array();
    for (const auto& d : o.differences) {
        diffs.push(Json::object()
                       .set("line", d.line_number)
                       .set("kind", d.kind)
                       .set("expected", d.expected)
                       .set("actual", d.actual)
                       .set("message", d.message));
    }
    j.set("differences", std::move(diffs));
    if (f.confirmation) {
        const auto& c = *f.confirmation;
        Json parts = Json::array();
        for (const auto& part : c.parts) {
            parts.push(Json::object()
                           .set("line", part.line_number)
                           .set("quantity", amount_json(part.quantity))
                           .set("status", std::string(catalog::to_string(part.status)))
                           .set("delivery_date",
                                part.delivery_date.empty() ? Json() : Json(part.delivery_date)));
        }
        j.set("confirmation", Json::object()
                                  .set("confirm_id", c.confirm_id)
                                  .set("type", c.type)
                                  .set("comment", c.comment)
                                  .set("created_at", catalog::format_timestamp(c.created_at))
                                  .set("parts", std::move(parts)));
    } else {
        j.set("confirmation", Json());
    }
    Json shipments = Json::array();
    for (const auto& s : f.shipments) {
        Json lines_shipped = Json::array();
        for (const auto& l : s.lines) {
            lines_shipped.push(
                Json::object().set("line", l.line_number).set("quantity", amount_json(l.quantity)));
        }
        shipments.push(
            Json::object()
                .set("shipment_id", s.shipment_id)
                .set("carrier", s.carrier)
                .set("tracking", s.tracking)
                .set("tracking_url", s.tracking_url)
                .set("delivery_date", s.delivery_date.empty() ? Json() : Json(s.delivery_date))
                .set("shipped_at", catalog::format_timestamp(s.shipped_at))
                .set("lines", std::move(lines_shipped)));
    }
    j.set("shipments", std::move(shipments));
    Json invoices = Json::array();
    for (const auto& inv : f.invoices) {
        const int d = catalog::minor_unit_digits(inv.currency);
        invoices.push(Json::object()
                          .set("invoice_id", inv.invoice_number)
                          .set("currency", inv.currency)
                          .set("subtotal", amount_json(inv.subtotal, d))
                          .set("tax_rate", amount_json(inv.tax_rate))
                          .set("tax_category", inv.tax_category)
                          .set("tax", amount_json(inv.tax, d))
                          .set("shipping", amount_json(inv.shipping, d))
                          .set("gross", amount_json(inv.gross, d))
                          .set("net", amount_json(inv.net, d))
                          .set("due", amount_json(inv.due, d))
                          .set("due_date", catalog::format_timestamp(inv.due_date()))
                          .set("invoiced_at", catalog::format_timestamp(inv.invoiced_at))
                          .set("lines", static_cast<long long>(inv.lines.size())));
    }
    j.set("invoices", std::move(invoices));
    Json docs = Json::array();
    for (const auto& e : outbox)
        docs.push(outbox_json(e, buyers, o.order_id, false));
    j.set("outbox", std::move(docs));
    Json ev = Json::array();
    for (const auto& e : events) {
        ev.push(Json::object()
                    .set("at", catalog::format_timestamp(e.at))
                    .set("kind", e.kind)
                    .set("detail", e.detail));
    }
    j.set("events", std::move(ev));
    j.print(ctx.out);
    return 0;
}

void show_table(Context& ctx, const catalog::Order& o, const catalog::Fulfilment& f,
                const std::vector<catalog::OrderEvent>& events,
                const std::vector<catalog::OutboxEntry>& outbox, BuyerNames& buyers) {
    auto& out = ctx.out;
    print_fields(out, {
                          {"order", o.order_id},
                          {"buyer", buyers.id(o.buyer)},
                          {"status", o.status},
                          {"version", std::to_string(o.version) +
                                          (o.order_version.empty()
                                               ? std::string()
                                               : " (orderVersion " + o.order_version + ")")},
                          {"order date", o.order_date.empty() ? "-" : o.order_date},
                          {"total", o.total.to_string(2) + " " + o.currency},
                          {"lines sum", o.subtotal.to_string(2) + " " + o.currency},
                          {"tax / shipping", o.tax.to_string(2) + " / " + o.shipping.to_string(2)},
                          {"mode", o.deployment_mode},
                          {"payloadID", o.payload_id},
                          {"ship to", o.ship_to.empty() ? "-" : o.ship_to},
                          {"received", catalog::format_timestamp(o.received_at)},
                          {"updated", catalog::format_timestamp(o.updated_at)},
                      });
    out << "\nLines\n";
    Table lines({"LINE", "SKU", "QTY", "UOM", "PRICE", "ACCEPTED", "BACKORDERED", "REJECTED",
                 "SHIPPED", "INVOICED", "DESCRIPTION"});
    for (const auto& l : o.lines) {
        const auto* p = progress_of(f, l.line_number);
        auto cell = [&](catalog::Amount a) { return a.to_string(); };
        std::string price = l.unit_price.to_string(2) + " " + l.currency;
        if (l.price_basis_quantity != catalog::Amount::from_units(catalog::Amount::scale))
            price += " per " + l.price_basis_quantity.to_string();
        std::string description = l.description;
        if (description.size() > 40) {
            std::size_t cut = 37;
            while (cut > 0 && (static_cast<unsigned char>(description[cut]) & 0xC0) == 0x80)
                --cut;
            description = description.substr(0, cut) + "...";
        }
        lines.add_row({std::to_string(l.line_number), l.sku, l.quantity.to_string(), l.uom, price,
                       cell(p->accepted), cell(p->backordered), cell(p->rejected), cell(p->shipped),
                       cell(p->invoiced), description});
    }
    lines.print(out);

    out << "\nDifferences found by the accuracy check\n";
    if (o.differences.empty()) {
        out << "none\n";
    } else {
        Table diffs({"LINE", "KIND", "EXPECTED", "ACTUAL", "MESSAGE"});
        for (const auto& d : o.differences) {
            diffs.add_row({std::to_string(d.line_number), d.kind, d.expected, d.actual, d.message});
        }
        diffs.print(out);
    }

    out << "\nConfirmation\n";
    if (!f.confirmation) {
        out << "not confirmed yet\n";
    } else {
        const auto& c = *f.confirmation;
        out << c.confirm_id << " (" << c.type << ") at " << catalog::format_timestamp(c.created_at)
            << (c.comment.empty() ? "" : ": " + c.comment) << '\n';
        Table parts({"LINE", "QTY", "STATUS", "DELIVERY"});
        for (const auto& part : c.parts) {
            parts.add_row({std::to_string(part.line_number), part.quantity.to_string(),
                           std::string(catalog::to_string(part.status)),
                           part.delivery_date.empty() ? "-" : part.delivery_date});
        }
        parts.print(out);
    }

    out << "\nShipments\n";
    if (f.shipments.empty()) {
        out << "none\n";
    } else {
        Table ships({"SHIPMENT", "CARRIER", "TRACKING", "SHIPPED", "DELIVERY", "LINES"});
        for (const auto& s : f.shipments) {
            std::string lines_text;
            for (const auto& l : s.lines) {
                lines_text += (lines_text.empty() ? "" : ", ") + std::to_string(l.line_number) +
                              ": " + l.quantity.to_string();
            }
            ships.add_row({s.shipment_id, s.carrier, s.tracking,
                           catalog::format_timestamp(s.shipped_at),
                           s.delivery_date.empty() ? "-" : s.delivery_date, lines_text});
        }
        ships.print(out);
    }

    out << "\nInvoices\n";
    if (f.invoices.empty()) {
        out << "none\n";
    } else {
        Table invs({"INVOICE", "SUBTOTAL", "SHIPPING", "TAX", "NET", "DUE", "DUE DATE"});
        for (const auto& inv : f.invoices) {
            const int d = catalog::minor_unit_digits(inv.currency);
            invs.add_row({inv.invoice_number, inv.subtotal.to_string(d), inv.shipping.to_string(d),
                          inv.tax.to_string(d) + " (" + inv.tax_rate.to_string() + "% " +
                              inv.tax_category + ")",
                          inv.net.to_string(d), inv.due.to_string(d) + " " + inv.currency,
                          catalog::format_timestamp(inv.due_date()).substr(0, 10)});
        }
        invs.print(out);
    }

    out << "\nOutbound documents\n";
    if (outbox.empty()) {
        out << "none\n";
    } else {
        Table docs = outbox_table();
        for (const auto& e : outbox)
            add_outbox_row(docs, e, buyers, o.order_id);
        docs.print(out);
    }

    out << "\nEvents\n";
    Table ev({"AT", "EVENT", "DETAIL"});
    for (const auto& e : events)
        ev.add_row({catalog::format_timestamp(e.at), e.kind, e.detail});
    ev.print(out);
}

int run_show(Context& ctx, const std::vector<std::string>& args, bool events_only) {
    const std::string command = events_only ? "events" : "show";
    po::options_description options("Options");
    options.add_options()("help,h", "this help")("buyer", po::value<std::string>(),
                                                 "the buyer, when several use the orderID");
    auto p = parse(args, options, command, true);
    if (wants_help(p)) {
        ctx.out << "usage: punchoutctl --db FILE orders " << command
                << " ORDER_ID [--buyer ID] [--json]\n\n"
                << options;
        return 0;
    }
    const auto order_id = order_id_arg(p, command);
    auto db = open_existing_store(ctx, "orders " + command);
    auto conn = db.connect();
    const auto order = resolve_order(conn, order_id, optional_string(p, "buyer"));
    auto events = catalog::order_events(conn, order.pk);
    if (!events)
        fail_on(events.error());
    BuyerNames buyers(conn);
    if (events_only) {
        if (ctx.json) {
            Json ev = Json::array();
            for (const auto& e : *events) {
                ev.push(Json::object()
                            .set("at", catalog::format_timestamp(e.at))
                            .set("kind", e.kind)
                            .set("detail", e.detail));
            }
            Json root = Json::object();
            root.set("order_id", order.order_id);
            root.set("buyer", buyers.id(order.buyer));
            root.set("events", std::move(ev));
            root.print(ctx.out);
        } else {
            Table ev({"AT", "EVENT", "DETAIL"});
            for (const auto& e : *events)
                ev.add_row({catalog::format_timestamp(e.at), e.kind, e.detail});
            ev.print(ctx.out);
        }
        return 0;
    }
    auto f = catalog::load_fulfilment(conn, order);
    if (!f)
        fail_on(f.error());
    catalog::OutboxFilter filter;
    filter.order_pk = order.pk;
    auto outbox = catalog::list_outbox(conn, filter);
    if (!outbox)
        fail_on(outbox.error());
    if (ctx.json)
        return show_json(ctx, order, *f, *events, *outbox, buyers);
    show_table(ctx, order, *f, *events, *outbox, buyers);
    return 0;
}

// --- actions --------------------------------------------------------------------------

void add_action_options(po::options_description& options) {
    options.add_options()("buyer", po::value<std::string>(),
                          "the buyer, when several use the orderID")(
        "config", po::value<std::string>(),
        "the gateway's config file: supplier identity and outbound secret "
        "(default: $PUNCHOUT_CONFIG)")("no-send",
                                       "record the change without sending the buyer a document");
}

struct ActionContext {
    catalog::Database db;
    catalog::Connection conn;
    catalog::Order order;
    gateway::Config config;
    gateway::ActionOptions options;
};

ActionContext prepare_action(Context& ctx, const Parsed& p, const std::string& command) {
    const auto order_id = order_id_arg(p, command);
    gateway::Config config;
    const bool send = p.vm.count("no-send") == 0;
    if (send)
        config = load_supplier_config(optional_string(p, "config"), command);
    auto db = open_existing_store(ctx, "orders " + command);
    auto conn = db.connect();
    auto order = resolve_order(conn, order_id, optional_string(p, "buyer"));
    gateway::ActionOptions options;
    options.send = send;
    return ActionContext{std::move(db), std::move(conn), std::move(order), std::move(config),
                         options};
}

int run_confirm(Context& ctx, const std::vector<std::string>& args) {
    po::options_description options("Options");
    options.add_options()("help,h", "this help")(
        "line", po::value<std::vector<std::string>>()->composing(),
        "starts a line's part: --line N [--qty Q] [--status S] [--delivery-date D]; repeat "
        "--line N for several parts of one line")(
        "qty", po::value<std::vector<std::string>>()->composing(),
        "quantity of the part (default: what is left of the line)")(
        "status", po::value<std::vector<std::string>>()->composing(),
        "accept, backordered or reject; before any --line: for the lines not named "
        "(default accept)")("delivery-date", po::value<std::vector<std::string>>()->composing(),
                            "expected delivery, YYYY-MM-DD (before any --line: for the lines "
                            "not named)")("comment", po::value<std::string>(),
                                          "a note for the buyer")(
        "confirm-id", po::value<std::string>(), "confirmID to use (default: CNF-nnnnnn)");
    add_action_options(options);
    auto p = parse(args, options, "confirm", true);
    if (wants_help(p)) {
        ctx.out << "usage: punchoutctl --db FILE orders confirm ORDER_ID [--status S] "
                   "[--delivery-date D]\n"
                   "       [--line N [--qty Q] [--status S] [--delivery-date D]]... "
                   "[--comment TEXT]\n"
                   "       [--config FILE | --no-send] [--buyer ID] [--json]\n\n"
                   "Confirms the order to the buyer (ConfirmationRequest). Without --line every "
                   "line gets\nthe order-wide --status (accept by default). Each --line N "
                   "starts a part of line N;\nits --qty, --status and --delivery-date follow "
                   "it. A line's parts must add up to\nits ordered quantity; lines not named "
                   "get the order-wide status.\n\n"
                   "  orders confirm PO-1\n"
                   "  orders confirm PO-1 --status reject --comment 'Discontinued'\n"
                   "  orders confirm PO-1 --line 2 --qty 6 --status accept --line 2 "
                   "--status backordered --delivery-date 2026-04-01\n\n"
                << options;
        return 0;
    }
    // Options before the first --line are order-wide; after it they belong to that line.
    catalog::LineStatus rest = catalog::LineStatus::accept;
    std::string rest_date;
    std::vector<catalog::LineDecision> decisions;
    bool rest_status_set = false, rest_date_set = false;
    bool line_qty = false, line_status = false, line_date = false;
    for (const auto& opt : p.in_order) {
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
                throw UsageError("confirm: --qty belongs to a --line N given before it");
            if (line_qty)
                throw UsageError("confirm: --qty given twice for one --line");
            decisions.back().quantity = amount_arg(value, "--qty");
            line_qty = true;
        } else if (key == "status") {
            if (decisions.empty()) {
                if (rest_status_set)
                    throw UsageError("confirm: the order-wide --status is given twice");
                rest = status_arg(value);
                rest_status_set = true;
            } else {
                if (line_status)
                    throw UsageError("confirm: --status given twice for one --line");
                decisions.back().status = status_arg(value);
                line_status = true;
            }
        } else if (key == "delivery-date") {
            if (decisions.empty()) {
                if (rest_date_set)
                    throw UsageError("confirm: the order-wide --delivery-date is given twice");
                rest_date = value;
                rest_date_set = true;
            } else {
                if (line_date)
                    throw UsageError("confirm: --delivery-date given twice for one --line");
                decisions.back().delivery_date = value;
                line_date = true;
            }
        }
    }
    auto a = prepare_action(ctx, p, "confirm");
    auto plan = catalog::plan_confirmation(a.order, decisions, rest, rest_date);
    if (!plan)
        fail_on(plan.error());
    if (auto c = optional_string(p, "comment"))
        plan->comment = *c;
    if (auto id = optional_string(p, "confirm-id"))
        plan->confirm_id = *id;
    auto r = gateway::confirm_order(a.conn, a.config.supplier, a.order.pk, *plan, catalog::now(),
                                    a.options);
    if (!r)
        fail_on(r.error());
    return print_action(ctx, a.conn, *r, "confirmation");
}

int run_ship(Context& ctx, const std::vector<std::string>& args) {
    po::options_description options("Options");
    options.add_options()("help,h", "this help")("carrier", po::value<std::string>(),
                                                 "carrier name (required)")(
        "tracking", po::value<std::string>(), "tracking number (required)")(
        "tracking-url", po::value<std::string>(), "where the buyer can follow the shipment")(
        "delivery-date", po::value<std::string>(), "expected delivery, YYYY-MM-DD")(
        "shipment-id", po::value<std::string>(), "shipmentID to use (default: SHP-nnnnnn)")(
        "line", po::value<std::vector<std::string>>()->composing(),
        "ship part of the order: --line N --qty Q, repeatable (default: everything confirmed "
        "and not yet shipped)")("qty", po::value<std::vector<std::string>>()->composing(),
                                "the quantity of the --line before it");
    add_action_options(options);
    auto p = parse(args, options, "ship", true);
    if (wants_help(p)) {
        ctx.out
            << "usage: punchoutctl --db FILE orders ship ORDER_ID --carrier NAME --tracking NO\n"
               "       [--tracking-url URL] [--delivery-date D] [--shipment-id ID]\n"
               "       [--line N --qty Q]... [--config FILE | --no-send] [--buyer ID] "
               "[--json]\n\n"
               "Records a shipment and sends a ShipNoticeRequest. Without --line, everything "
               "confirmed\n(accepted or back-ordered) and not yet shipped goes.\n\n"
            << options;
        return 0;
    }
    catalog::NewShipment shipment;
    shipment.carrier = optional_string(p, "carrier").value_or("");
    shipment.tracking = optional_string(p, "tracking").value_or("");
    if (shipment.carrier.empty())
        throw UsageError("ship needs --carrier NAME");
    if (shipment.tracking.empty())
        throw UsageError("ship needs --tracking NO");
    shipment.tracking_url = optional_string(p, "tracking-url").value_or("");
    shipment.delivery_date = optional_string(p, "delivery-date").value_or("");
    shipment.shipment_id = optional_string(p, "shipment-id").value_or("");
    bool open_line = false;
    for (const auto& opt : p.in_order) {
        if (opt.value.empty())
            continue;
        if (opt.string_key == "line") {
            if (open_line)
                throw UsageError("ship: --line " +
                                 std::to_string(shipment.lines.back().line_number) +
                                 " needs its --qty Q");
            shipment.lines.push_back(catalog::ShippedLine{line_arg(opt.value.front()), {}});
            open_line = true;
        } else if (opt.string_key == "qty") {
            if (!open_line)
                throw UsageError("ship: --qty belongs to a --line N given before it");
            shipment.lines.back().quantity = amount_arg(opt.value.front(), "--qty");
            open_line = false;
        }
    }
    if (open_line) {
        throw UsageError("ship: --line " + std::to_string(shipment.lines.back().line_number) +
                         " needs its --qty Q");
    }
    auto a = prepare_action(ctx, p, "ship");
    auto r = gateway::ship_order(a.conn, a.config.supplier, a.order.pk, shipment, catalog::now(),
                                 a.options);
    if (!r)
        fail_on(r.error());
    return print_action(ctx, a.conn, *r, "shipment");
}

int run_invoice(Context& ctx, const std::vector<std::string>& args) {
    po::options_description options("Options");
    options.add_options()("help,h", "this help")(
        "tax-rate", po::value<std::string>()->default_value("0"),
        "tax rate in percent, e.g. 24 or 25.5; charged on the subtotal and shipping")(
        "tax-category", po::value<std::string>()->default_value("vat"),
        "cXML TaxDetail category: vat, sales, gst, ...")(
        "shipping", po::value<std::string>()->default_value("0"),
        "shipping charge in the order's currency")("due-days", po::value<int>()->default_value(30),
                                                   "payment term in days")(
        "invoice-id", po::value<std::string>(), "invoiceID to use (default: INV-nnnnnn)");
    add_action_options(options);
    auto p = parse(args, options, "invoice", true);
    if (wants_help(p)) {
        ctx.out << "usage: punchoutctl --db FILE orders invoice ORDER_ID [--tax-rate R] "
                   "[--shipping AMOUNT]\n"
                   "       [--tax-category C] [--due-days N] [--invoice-id ID]\n"
                   "       [--config FILE | --no-send] [--buyer ID] [--json]\n\n"
                   "Invoices every shipped quantity not invoiced yet (InvoiceDetailRequest). "
                   "Line amounts\nare quantity x price / price unit, rounded half away from "
                   "zero to the currency's\nminor unit; tax = (subtotal + shipping) x rate, "
                   "rounded once; net = due =\nsubtotal + shipping + tax.\n\n"
                << options;
        return 0;
    }
    catalog::NewInvoice invoice;
    invoice.tax_rate = amount_arg(p.vm["tax-rate"].as<std::string>(), "--tax-rate");
    invoice.tax_category = p.vm["tax-category"].as<std::string>();
    invoice.shipping = amount_arg(p.vm["shipping"].as<std::string>(), "--shipping");
    invoice.due_days = p.vm["due-days"].as<int>();
    invoice.invoice_number = optional_string(p, "invoice-id").value_or("");
    auto a = prepare_action(ctx, p, "invoice");
    auto r = gateway::invoice_order(a.conn, a.config.supplier, a.order.pk, invoice, catalog::now(),
                                    a.options);
    if (!r)
        fail_on(r.error());
    if (!ctx.json) {
        // The sums, so the admin sees what the buyer will see.
        auto f = catalog::load_fulfilment(a.conn, r->order);
        if (f && !f->invoices.empty()) {
            const auto& inv = f->invoices.back();
            const int d = catalog::minor_unit_digits(inv.currency);
            print_action(ctx, a.conn, *r, "invoice");
            print_fields(ctx.out,
                         {{"subtotal", inv.subtotal.to_string(d) + " " + inv.currency},
                          {"shipping", inv.shipping.to_string(d) + " " + inv.currency},
                          {"tax", inv.tax.to_string(d) + " " + inv.currency + " (" +
                                      inv.tax_rate.to_string() + "% " + inv.tax_category + ")"},
                          {"net", inv.net.to_string(d) + " " + inv.currency},
                          {"due", inv.due.to_string(d) + " " + inv.currency + " by " +
                                      catalog::format_timestamp(inv.due_date()).substr(0, 10)}});
            return 0;
        }
    }
    return print_action(ctx, a.conn, *r, "invoice");
}

int run_status_update(Context& ctx, const std::vector<std::string>& args) {
    po::options_description options("Options");
    options.add_options()("help,h", "this help")("code", po::value<unsigned>()->default_value(200),
                                                 "cXML status code (200, 201, ...)")(
        "message", po::value<std::string>(), "the text for the buyer (required)");
    add_action_options(options);
    auto p = parse(args, options, "status-update", true);
    if (wants_help(p)) {
        ctx.out << "usage: punchoutctl --db FILE orders status-update ORDER_ID [--code N] "
                   "--message TEXT\n"
                   "       [--config FILE] [--buyer ID] [--json]\n\n"
                   "Sends a StatusUpdateRequest about the order's OrderRequest.\n\n"
                << options;
        return 0;
    }
    const auto message = optional_string(p, "message");
    if (!message || message->empty())
        throw UsageError("status-update needs --message TEXT");
    if (p.vm.count("no-send"))
        throw UsageError("status-update only sends a document; --no-send makes no sense here");
    auto a = prepare_action(ctx, p, "status-update");
    auto r = gateway::send_status_update(a.conn, a.config.supplier, a.order.pk,
                                         p.vm["code"].as<unsigned>(), *message, catalog::now(),
                                         a.options);
    if (!r)
        fail_on(r.error());
    return print_action(ctx, a.conn, *r, "status update");
}

}  // namespace

int run_orders(Context& ctx, const std::vector<std::string>& args) {
    if (args.empty())
        throw UsageError("missing command (try 'list', 'show', 'confirm', 'ship', 'invoice')");
    const std::string& command = args.front();
    const std::vector<std::string> rest(args.begin() + 1, args.end());
    if (command == "-h" || command == "--help" || command == "help") {
        ctx.out << group_usage;
        return 0;
    }
    if (command == "list")
        return run_list(ctx, rest);
    if (command == "show")
        return run_show(ctx, rest, false);
    if (command == "events")
        return run_show(ctx, rest, true);
    if (command == "confirm")
        return run_confirm(ctx, rest);
    if (command == "ship")
        return run_ship(ctx, rest);
    if (command == "invoice")
        return run_invoice(ctx, rest);
    if (command == "status-update")
        return run_status_update(ctx, rest);
    throw UsageError("unknown command '" + command + "'");
}

}  // namespace punchout::tools
