// punchoutctl inventory: stock per SKU per warehouse.
#include "catalog/inventory.hpp"
#include "tools/punchoutctl/cli.hpp"
#include "tools/punchoutctl/commands.hpp"

namespace punchout::tools {
namespace {

void print_stock(Context& ctx, const std::string& sku, const catalog::Stock& s) {
    if (ctx.json) {
        Json rows = Json::array();
        for (const auto& w : s.warehouses) {
            rows.push(Json::object()
                          .set("warehouse", w.warehouse)
                          .set("quantity", quantity_json(w.quantity))
                          .set("updated_at", catalog::format_timestamp(w.updated_at)));
        }
        Json::object()
            .set("sku", sku)
            .set("total", quantity_json(s.total))
            .set("oldest_update", time_json(s.oldest))
            .set("newest_update", time_json(s.newest))
            .set("warehouses", std::move(rows))
            .print(ctx.out);
        return;
    }
    Table t({"WAREHOUSE", "QUANTITY", "UPDATED"});
    for (const auto& w : s.warehouses) {
        t.add_row({w.warehouse, w.quantity.to_string(), catalog::format_timestamp(w.updated_at)});
    }
    t.add_row({"total", s.total.to_string(), ""});
    t.print(ctx.out);
}

int set(Context& ctx, const std::vector<std::string>& args) {
    Options opts("inventory set --sku SKU --warehouse W --qty N [--at DATE]",
                 "Sets the stock of a SKU in one warehouse.");
    opts.add()("sku", po::value<std::string>(), "SKU (required)")(
        "warehouse", po::value<std::string>(), "warehouse name (required)")(
        "qty", po::value<std::string>(), "quantity on hand (required)")(
        "at", po::value<std::string>(), "when it was counted (default: now)");
    if (!opts.parse(ctx, args))
        return 0;
    const auto& sku = opts.need<std::string>("sku");
    const auto& warehouse = opts.need<std::string>("warehouse");
    const auto qty = parse_amount("--qty", opts.need<std::string>("qty"));
    std::optional<catalog::Timestamp> at;
    if (opts.has("at"))
        at = parse_time("--at", opts.get<std::string>("at"));
    auto db = open_db(ctx, "inventory set");
    auto conn = db.connect();
    check(catalog::set_stock(conn, sku, warehouse, qty, at));
    print_stock(ctx, sku, check(catalog::stock_for_sku(conn, sku)));
    return 0;
}

int import(Context& ctx, const std::vector<std::string>& args) {
    Options opts("inventory import FILE.csv",
                 "Imports stock: columns sku, warehouse, quantity and optionally updated_at.\n"
                 "An upsert by (sku, warehouse); all or nothing.");
    opts.positional("file");
    if (!opts.parse(ctx, args))
        return 0;
    const auto& file = opts.need<std::string>("file");
    auto db = open_db(ctx, "inventory import");
    auto conn = db.connect();
    return run_import(ctx, file, [&](const catalog::ImportOptions& options) {
        return catalog::import_inventory_file(conn, file, options);
    });
}

int show(Context& ctx, const std::vector<std::string>& args) {
    Options opts("inventory show SKU", "Shows a SKU's stock per warehouse, with update times.");
    opts.positional("sku");
    if (!opts.parse(ctx, args))
        return 0;
    const auto& sku = opts.need<std::string>("sku");
    auto db = open_db(ctx, "inventory show");
    auto conn = db.connect();
    print_stock(ctx, sku, check(catalog::stock_for_sku(conn, sku)));
    return 0;
}

constexpr SubCommand commands[] = {
    {"set", "set the stock of a SKU in a warehouse", set},
    {"import", "import stock from CSV (all or nothing)", import},
    {"show", "show a SKU's stock", show},
};

}  // namespace

int run_inventory(Context& ctx, const std::vector<std::string>& args) {
    return dispatch(ctx, "inventory", args, commands);
}

}  // namespace punchout::tools
