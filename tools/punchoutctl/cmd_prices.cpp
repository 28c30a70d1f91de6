// punchoutctl prices: buyer contract prices, with tiers and validity windows.
#include "catalog/buyer.hpp"
#include "catalog/price.hpp"
#include "catalog/price_import.hpp"
#include "tools/punchoutctl/cli.hpp"
#include "tools/punchoutctl/commands.hpp"

namespace punchout::tools {
namespace {

Json entry_json(const std::string& buyer, const catalog::ContractPrice& e) {
    return Json::object()
        .set("id", static_cast<long long>(e.id))
        .set("buyer", buyer)
        .set("sku", e.sku)
        .set("price", money_json(e.price))
        .set("currency", e.currency)
        .set("min_qty", quantity_json(e.min_qty))
        .set("valid_from", time_json(e.valid_from))
        .set("valid_to", time_json(e.valid_to));
}

void print_entries(Context& ctx, const std::string& buyer,
                   const std::vector<catalog::ContractPrice>& entries) {
    if (ctx.json) {
        Json out = Json::array();
        for (const auto& e : entries)
            out.push(entry_json(buyer, e));
        out.print(ctx.out);
        return;
    }
    Table t({"ID", "SKU", "PRICE", "CURRENCY", "MIN QTY", "FROM", "TO"});
    for (const auto& e : entries) {
        t.add_row({std::to_string(e.id), e.sku, money_text(e.price), e.currency,
                   e.min_qty.to_string(), time_text(e.valid_from), time_text(e.valid_to)});
    }
    t.print(ctx.out);
}

int set(Context& ctx, const std::vector<std::string>& args) {
    Options opts(
        "prices set --buyer ID --sku SKU --price 12.50 [--currency CUR] [--min-qty N]\n"
        "       [--from DATE] [--to DATE]",
        "Sets one contract price; an entry with the same SKU, minimum quantity and\n"
        "start is replaced. Validity is [from, to): from inclusive, to exclusive.\n"
        "Dates are ISO 8601 (2025-03-01 or 2025-03-01T10:00:00Z), UTC.");
    opts.add()("buyer", po::value<std::string>(), "buyer id (required)")(
        "sku", po::value<std::string>(), "SKU (required)")(
        "price", po::value<std::string>(), "price, dot decimal, up to 4 decimals (required)")(
        "currency", po::value<std::string>(), "currency (default: the buyer's)")(
        "min-qty", po::value<std::string>()->default_value("1"), "the tier's minimum quantity")(
        "from", po::value<std::string>(), "valid from (inclusive)")("to", po::value<std::string>(),
                                                                    "valid until (exclusive)");
    if (!opts.parse(ctx, args))
        return 0;
    const auto& buyer_id = opts.need<std::string>("buyer");
    catalog::ContractPrice e;
    e.sku = opts.need<std::string>("sku");
    e.price = parse_amount("--price", opts.need<std::string>("price"));
    e.min_qty = parse_amount("--min-qty", opts.get<std::string>("min-qty"));
    if (opts.has("currency"))
        e.currency = opts.get<std::string>("currency");
    if (opts.has("from"))
        e.valid_from = parse_time("--from", opts.get<std::string>("from"));
    if (opts.has("to"))
        e.valid_to = parse_time("--to", opts.get<std::string>("to"));
    auto db = open_db(ctx, "prices set");
    auto conn = db.connect();
    const auto buyer = check(catalog::find_buyer(conn, buyer_id));
    const auto stored = check(catalog::set_contract_price(conn, buyer.key, e));
    print_entries(ctx, buyer_id, {stored});
    return 0;
}

int import(Context& ctx, const std::vector<std::string>& args) {
    Options opts("prices import --buyer ID FILE.csv [--merge]",
                 "Imports a buyer's contract prices: columns sku, price and optionally\n"
                 "currency, min_qty, valid_from, valid_to. The file replaces the buyer's price\n"
                 "list (--merge: upsert by sku, min_qty, valid_from). All or nothing.");
    opts.positional("file");
    opts.add()("buyer", po::value<std::string>(), "buyer id (required)")(
        "merge", po::bool_switch(), "keep entries the file does not mention");
    if (!opts.parse(ctx, args))
        return 0;
    const auto& buyer_id = opts.need<std::string>("buyer");
    const auto& file = opts.need<std::string>("file");
    auto db = open_db(ctx, "prices import");
    auto conn = db.connect();
    const auto buyer = check(catalog::find_buyer(conn, buyer_id));
    const auto mode = opts.get<bool>("merge") ? catalog::PriceImportMode::merge
                                              : catalog::PriceImportMode::replace;
    return run_import(ctx, file, [&](const catalog::ImportOptions& options) {
        return catalog::import_prices_file(conn, buyer.key, file, mode, options);
    });
}

int list(Context& ctx, const std::vector<std::string>& args) {
    Options opts("prices list --buyer ID [--sku SKU]", "Lists a buyer's contract prices.");
    opts.add()("buyer", po::value<std::string>(), "buyer id (required)")(
        "sku", po::value<std::string>(), "only this SKU");
    if (!opts.parse(ctx, args))
        return 0;
    const auto& buyer_id = opts.need<std::string>("buyer");
    auto db = open_db(ctx, "prices list");
    auto conn = db.connect();
    const auto buyer = check(catalog::find_buyer(conn, buyer_id));
    std::optional<std::string_view> sku;
    if (opts.has("sku"))
        sku = opts.get<std::string>("sku");
    print_entries(ctx, buyer_id, check(catalog::list_contract_prices(conn, buyer.key, sku)));
    return 0;
}

int remove(Context& ctx, const std::vector<std::string>& args) {
    Options opts("prices delete --buyer ID (--id N | --sku SKU | --all)",
                 "Deletes contract prices: one entry, all of a SKU's, or the buyer's whole list.");
    opts.add()("buyer", po::value<std::string>(), "buyer id (required)")(
        "id", po::value<long long>(), "one entry, by the ID 'prices list' shows")(
        "sku", po::value<std::string>(), "every entry for this SKU")("all", po::bool_switch(),
                                                                     "every entry of the buyer");
    if (!opts.parse(ctx, args))
        return 0;
    const int chosen = static_cast<int>(opts.has("id")) + static_cast<int>(opts.has("sku")) +
                       static_cast<int>(opts.get<bool>("all"));
    if (chosen != 1)
        throw UsageError("give exactly one of --id, --sku, --all");
    const auto& buyer_id = opts.need<std::string>("buyer");
    auto db = open_db(ctx, "prices delete");
    auto conn = db.connect();
    const auto buyer = check(catalog::find_buyer(conn, buyer_id));
    std::int64_t deleted = 0;
    if (opts.has("id")) {
        check(catalog::delete_contract_price(conn, buyer.key, opts.get<long long>("id")));
        deleted = 1;
    } else if (opts.has("sku")) {
        deleted = check(catalog::delete_contract_prices(
            conn, buyer.key, std::string_view(opts.get<std::string>("sku"))));
    } else {
        deleted = check(catalog::delete_contract_prices(conn, buyer.key, std::nullopt));
    }
    if (ctx.json) {
        Json::object()
            .set("buyer", buyer_id)
            .set("deleted", static_cast<long long>(deleted))
            .print(ctx.out);
    } else {
        ctx.out << deleted << " contract price" << (deleted == 1 ? "" : "s") << " deleted\n";
    }
    return 0;
}

int resolve(Context& ctx, const std::vector<std::string>& args) {
    Options opts("prices resolve --buyer ID --sku SKU [--qty N] [--at DATE]",
                 "Shows the price the buyer pays, where it comes from and until when, and the\n"
                 "buyer's quantity tiers for the SKU.");
    opts.add()("buyer", po::value<std::string>(), "buyer id (required)")(
        "sku", po::value<std::string>(), "SKU (required)")(
        "qty", po::value<std::string>()->default_value("1"), "quantity")(
        "at", po::value<std::string>(), "as of this time (default: now)");
    if (!opts.parse(ctx, args))
        return 0;
    const auto& buyer_id = opts.need<std::string>("buyer");
    const auto& sku = opts.need<std::string>("sku");
    const auto qty = parse_amount("--qty", opts.get<std::string>("qty"));
    const auto at =
        opts.has("at") ? parse_time("--at", opts.get<std::string>("at")) : catalog::now();
    auto db = open_db(ctx, "prices resolve");
    auto conn = db.connect();
    const auto buyer = check(catalog::find_buyer(conn, buyer_id));
    const auto price = check(catalog::resolve_price(conn, buyer.key, sku, qty, at));
    const auto tiers = check(catalog::price_tiers(conn, buyer.key, sku, at));
    if (ctx.json) {
        Json t = Json::array();
        for (const auto& tier : tiers) {
            t.push(Json::object()
                       .set("min_qty", quantity_json(tier.min_qty))
                       .set("price", money_json(tier.price))
                       .set("currency", tier.currency)
                       .set("source", std::string(to_string(tier.source)))
                       .set("valid_until", time_json(tier.valid_until)));
        }
        Json::object()
            .set("buyer", buyer_id)
            .set("sku", sku)
            .set("quantity", quantity_json(qty))
            .set("at", catalog::format_timestamp(at))
            .set("price", money_json(price.price))
            .set("currency", price.currency)
            .set("source", std::string(to_string(price.source)))
            .set("valid_until", time_json(price.valid_until))
            .set("tiers", std::move(t))
            .print(ctx.out);
        return 0;
    }
    print_fields(ctx.out,
                 {{"buyer", buyer_id},
                  {"sku", sku},
                  {"quantity", qty.to_string()},
                  {"at", catalog::format_timestamp(at)},
                  {"price", money_text(price.price) + " " + price.currency},
                  {"source", std::string(to_string(price.source))},
                  {"valid until", price.valid_until ? time_text(price.valid_until) : "no end"}});
    if (!tiers.empty()) {
        ctx.out << '\n';
        Table t({"MIN QTY", "PRICE", "CURRENCY", "VALID UNTIL"});
        for (const auto& tier : tiers) {
            t.add_row({tier.min_qty.to_string(), money_text(tier.price), tier.currency,
                       time_text(tier.valid_until)});
        }
        t.print(ctx.out);
    }
    return 0;
}

constexpr SubCommand commands[] = {
    {"set", "set one contract price", set},
    {"import", "import a buyer's price list (all or nothing)", import},
    {"list", "list a buyer's contract prices", list},
    {"delete", "delete contract prices", remove},
    {"resolve", "show the price a buyer pays and why", resolve},
};

}  // namespace

int run_prices(Context& ctx, const std::vector<std::string>& args) {
    return dispatch(ctx, "prices", args, commands);
}

}  // namespace punchout::tools
