// punchoutctl catalog: products. Import CSV or CIF, look at them, search like the storefront.
#include "catalog/buyer.hpp"
#include "catalog/catalog_import.hpp"
#include "catalog/cif_export.hpp"
#include "catalog/inventory.hpp"
#include "catalog/product.hpp"
#include "catalog/search.hpp"
#include "gateway/service/config.hpp"
#include "tools/punchoutctl/cli.hpp"
#include "tools/punchoutctl/commands.hpp"

#include <cerrno>
#include <cstdio>
#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <sys/resource.h>

namespace punchout::tools {
namespace {

Json stock_json(const catalog::Stock& s) {
    Json rows = Json::array();
    for (const auto& w : s.warehouses) {
        rows.push(Json::object()
                      .set("warehouse", w.warehouse)
                      .set("quantity", quantity_json(w.quantity))
                      .set("updated_at", catalog::format_timestamp(w.updated_at)));
    }
    return Json::object()
        .set("total", quantity_json(s.total))
        .set("oldest_update", time_json(s.oldest))
        .set("newest_update", time_json(s.newest))
        .set("warehouses", std::move(rows));
}

int import(Context& ctx, const std::vector<std::string>& args) {
    Options opts("catalog import FILE.csv|FILE.cif",
                 "Imports products: a CSV (an upsert by SKU) or a CIF 3.0 file (LOADMODE F\n"
                 "replaces the catalog, I upserts and deletes). The whole file is checked\n"
                 "first; one bad row and nothing is imported (up to 10 problems are listed).");
    opts.positional("file");
    opts.add()("nice", po::value<int>()->default_value(19),
               "CPU priority to run at (a nice value, 0-19): an import yields the CPU to a "
               "gateway serving from the same machine");
    if (!opts.parse(ctx, args))
        return 0;
    const auto& file = opts.need<std::string>("file");
    const int nice = opts.get<int>("nice");
    if (nice < 0 || nice > 19)
        throw UsageError("--nice must be 0-19, not " + std::to_string(nice));
    // Only ever lower the priority: raising it back needs privileges, and a caller that
    // started us at a higher nice value meant it.
    errno = 0;
    const int current = ::getpriority(PRIO_PROCESS, 0);
    if (errno == 0 && nice > current)
        (void)::setpriority(PRIO_PROCESS, 0, nice);
    auto db = open_db(ctx, "catalog import");
    auto conn = db.connect();
    return run_import(ctx, file, [&](const catalog::ImportOptions& options) {
        return catalog::import_catalog_file(conn, file, options);
    });
}

int show(Context& ctx, const std::vector<std::string>& args) {
    Options opts("catalog show SKU", "Shows a product with its spec table and stock.");
    opts.positional("sku");
    if (!opts.parse(ctx, args))
        return 0;
    auto db = open_db(ctx, "catalog show");
    auto conn = db.connect();
    const auto p = check(catalog::find_product(conn, opts.need<std::string>("sku")));
    const auto stock = check(catalog::stock_for_sku(conn, p.sku));
    if (ctx.json) {
        Json attrs = Json::array();
        for (const auto& [name, value] : p.attributes) {
            attrs.push(Json::object().set("name", name).set("value", value));
        }
        Json::object()
            .set("sku", p.sku)
            .set("description", p.description)
            .set("short_name", p.short_name)
            .set("long_description", p.long_description)
            .set("unspsc", p.unspsc)
            .set("uom", p.uom)
            .set("price_basis_quantity", quantity_json(p.price_basis_quantity))
            .set("list_price", money_json(p.list_price))
            .set("currency", p.currency)
            .set("manufacturer", p.manufacturer)
            .set("manufacturer_part", p.manufacturer_part)
            .set("lead_time_days", p.lead_time_days ? Json(*p.lead_time_days) : Json())
            .set("category", p.category)
            .set("image_url", p.image_url)
            .set("datasheet_url", p.datasheet_url)
            .set("attributes", std::move(attrs))
            .set("stock", stock_json(stock))
            .set("created_at", catalog::format_timestamp(p.created_at))
            .set("updated_at", catalog::format_timestamp(p.updated_at))
            .print(ctx.out);
        return 0;
    }
    std::vector<std::pair<std::string, std::string>> fields = {
        {"sku", p.sku},
        {"description", p.description},
        {"short name", p.short_name},
        {"unspsc", p.unspsc},
        {"unit", p.uom + (p.price_basis_quantity.units() == catalog::Amount::scale
                              ? ""
                              : " (price per " + p.price_basis_quantity.to_string() + ")")},
        {"list price", money_text(p.list_price) + " " + p.currency},
        {"manufacturer",
         p.manufacturer + (p.manufacturer_part.empty() ? "" : " " + p.manufacturer_part)},
        {"lead time", p.lead_time_days ? std::to_string(*p.lead_time_days) + " days" : ""},
        {"category", p.category},
        {"image", p.image_url},
        {"datasheet", p.datasheet_url},
        {"stock", stock.total.to_string() +
                      (stock.newest ? " (as of " + time_text(stock.newest) + ")" : "")},
        {"updated", catalog::format_timestamp(p.updated_at)},
    };
    for (const auto& [name, value] : p.attributes)
        fields.emplace_back("  " + name, value);
    print_fields(ctx.out, fields);
    if (!p.long_description.empty())
        ctx.out << '\n' << p.long_description << '\n';
    return 0;
}

int list(Context& ctx, const std::vector<std::string>& args) {
    Options opts("catalog list [--after SKU] [--limit N]",
                 "Lists products by SKU, a page at a time (--after: the last SKU shown).");
    opts.add()("after", po::value<std::string>()->default_value(""), "start after this SKU")(
        "limit", po::value<std::size_t>()->default_value(50), "how many (at most 10000)");
    if (!opts.parse(ctx, args))
        return 0;
    auto db = open_db(ctx, "catalog list");
    auto conn = db.connect();
    const auto limit = std::min<std::size_t>(opts.get<std::size_t>("limit"), 10000);
    const auto products =
        check(catalog::list_products(conn, opts.get<std::string>("after"), limit));
    if (ctx.json) {
        Json out = Json::array();
        for (const auto& p : products) {
            out.push(Json::object()
                         .set("sku", p.sku)
                         .set("description", p.description)
                         .set("list_price", money_json(p.list_price))
                         .set("currency", p.currency)
                         .set("uom", p.uom)
                         .set("category", p.category));
        }
        out.print(ctx.out);
        return 0;
    }
    Table t({"SKU", "DESCRIPTION", "PRICE", "CURRENCY", "UNIT", "CATEGORY"});
    for (const auto& p : products) {
        t.add_row({p.sku, p.description, money_text(p.list_price), p.currency, p.uom, p.category});
    }
    t.print(ctx.out);
    return 0;
}

int search(Context& ctx, const std::vector<std::string>& args) {
    Options opts("catalog search TEXT --buyer ID [options]",
                 "Searches as the storefront does for a buyer: its catalog view, its prices.");
    opts.positional("text");
    opts.add()("buyer", po::value<std::string>(), "whose view and prices (required)")(
        "category", po::value<std::string>(), "only this category path and its subtree")(
        "manufacturer", po::value<std::string>(), "only this manufacturer")(
        "in-stock", po::bool_switch(), "only products in stock")(
        "sort", po::value<std::string>()->default_value("relevance"),
        "relevance | price-asc | price-desc")("page", po::value<std::size_t>()->default_value(0),
                                              "page number, from 0")(
        "page-size", po::value<std::size_t>()->default_value(48), "hits per page (max 200)");
    if (!opts.parse(ctx, args))
        return 0;
    catalog::SearchQuery q;
    q.text = opts.has("text") ? opts.get<std::string>("text") : "";
    const auto& sort = opts.get<std::string>("sort");
    if (sort == "price-asc")
        q.sort = catalog::SearchSort::price_ascending;
    else if (sort == "price-desc")
        q.sort = catalog::SearchSort::price_descending;
    else if (sort != "relevance")
        throw UsageError("--sort: relevance, price-asc or price-desc");
    if (opts.has("category"))
        q.category = opts.get<std::string>("category");
    if (opts.has("manufacturer"))
        q.manufacturer = opts.get<std::string>("manufacturer");
    q.in_stock_only = opts.get<bool>("in-stock");
    q.page = opts.get<std::size_t>("page");
    q.page_size = opts.get<std::size_t>("page-size");
    const auto& buyer_id = opts.need<std::string>("buyer");
    auto db = open_db(ctx, "catalog search");
    auto conn = db.connect();
    q.buyer = check(catalog::find_buyer(conn, buyer_id)).key;
    const auto page = check(catalog::search(conn, q));
    static const char* orders[] = {"ranked", "title-first", "catalog", "price"};
    const char* order = orders[static_cast<int>(page.order)];
    if (ctx.json) {
        Json hits = Json::array();
        for (const auto& h : page.hits) {
            hits.push(Json::object()
                          .set("sku", h.sku)
                          .set("description", h.description)
                          .set("manufacturer", h.manufacturer)
                          .set("manufacturer_part", h.manufacturer_part)
                          .set("uom", h.uom)
                          .set("category", h.category)
                          .set("price", money_json(h.price.price))
                          .set("currency", h.price.currency)
                          .set("price_source", std::string(to_string(h.price.source)))
                          .set("list_price", money_json(h.list_price))
                          .set("stock", quantity_json(h.stock)));
        }
        Json cats = Json::array();
        for (const auto& c : page.categories) {
            cats.push(
                Json::object().set("path", c.path).set("count", static_cast<long long>(c.count)));
        }
        Json::object()
            .set("total", static_cast<long long>(page.total))
            .set("total_exact", page.total_exact)
            .set("order", order)
            .set("hits", std::move(hits))
            .set("categories", page.categories_counted ? std::move(cats) : Json())
            .print(ctx.out);
        return 0;
    }
    Table t({"SKU", "DESCRIPTION", "PRICE", "CURRENCY", "SOURCE", "STOCK"});
    for (const auto& h : page.hits) {
        t.add_row({h.sku, h.description, money_text(h.price.price), h.price.currency,
                   std::string(to_string(h.price.source)), h.stock.to_string()});
    }
    t.print(ctx.out);
    ctx.out << (page.total_exact ? "" : "more than ") << page.total << " matches (" << order
            << " order)\n";
    return 0;
}

int remove(Context& ctx, const std::vector<std::string>& args) {
    Options opts("catalog delete SKU",
                 "Deletes a product with its contract prices and stock rows.");
    opts.positional("sku");
    if (!opts.parse(ctx, args))
        return 0;
    const auto& sku = opts.need<std::string>("sku");
    auto db = open_db(ctx, "catalog delete");
    auto conn = db.connect();
    check(catalog::delete_product(conn, sku));
    if (ctx.json) {
        Json::object().set("sku", sku).set("deleted", true).print(ctx.out);
    } else {
        ctx.out << "product '" << sku << "' deleted\n";
    }
    return 0;
}

// The gateway's config, for our identity and public URL, when one is named.
std::optional<gateway::Config> optional_config(const Options& opts) {
    std::string file = opts.has("config") ? opts.get<std::string>("config") : "";
    if (file.empty()) {
        if (const char* env = std::getenv("PUNCHOUT_CONFIG"); env && *env)
            file = env;
    }
    if (file.empty())
        return std::nullopt;
    try {
        return gateway::load_config_file(file);
    } catch (const gateway::ConfigError& e) {
        throw OperationError(e.what());
    }
}

int export_cif(Context& ctx, const std::vector<std::string>& args) {
    Options opts(
        "catalog export-cif --buyer ID --out FILE [--supplier-id DOMAIN:ID]\n"
        "       [--punchout [--punchout-url URL]] [--config FILE]",
        "Writes the products the buyer may see as a CIF 3.0 file for the buyer's own\n"
        "catalog: the buyer's price for one unit now (the list price as Market Price), in\n"
        "its units and currency, LOADMODE F. With --punchout every item is PunchOut Enabled\n"
        "at product level (a Level 2 punchout): users find it in their system's search and\n"
        "punch out straight to it. The Supplier ID is the buyer's outbound identity, else\n"
        "--supplier-id, else the config's first [supplier] credential; the punchout URL is\n"
        "--punchout-url, else the config's public_url + /cxml. The file appears whole or\n"
        "not at all.\n\n"
        "  catalog export-cif --buyer acme --out acme.cif --config gateway.conf --punchout");
    opts.add()("buyer", po::value<std::string>(), "whose view, prices and units (required)")(
        "out", po::value<std::string>(), "the file to write ('-': stdout) (required)")(
        "supplier-id", po::value<std::string>(), "our identity there, DOMAIN:ID (e.g. DUNS:...)")(
        "punchout", po::bool_switch(), "Level 2: every item PunchOut Enabled")(
        "punchout-url", po::value<std::string>(), "where the buyer's system posts its setup")(
        "config", po::value<std::string>(), "the gateway's config file (or PUNCHOUT_CONFIG)");
    if (!opts.parse(ctx, args))
        return 0;
    const auto& buyer_id = opts.need<std::string>("buyer");
    const auto& out = opts.need<std::string>("out");
    const auto config = optional_config(opts);
    catalog::CifExportOptions options;
    options.at = catalog::now();
    options.punchout = opts.get<bool>("punchout");
    auto db = open_db(ctx, "catalog export-cif");
    auto conn = db.connect();
    const auto buyer = check(catalog::find_buyer(conn, buyer_id));
    if (!buyer.outbound_credential.identity.empty()) {
        options.supplier = buyer.outbound_credential;
    } else if (opts.has("supplier-id")) {
        options.supplier = parse_credential("--supplier-id", opts.get<std::string>("supplier-id"));
    } else if (config && !config->supplier.credentials.empty()) {
        const auto& [domain, identity] = config->supplier.credentials.front();
        options.supplier = catalog::Credential{domain, identity};
    } else {
        throw UsageError(
            "the CIF names us by our Supplier ID: give --supplier-id DOMAIN:ID or the "
            "gateway's --config FILE");
    }
    if (options.punchout) {
        if (opts.has("punchout-url")) {
            options.punchout_url = opts.get<std::string>("punchout-url");
        } else if (config && !config->public_url.empty()) {
            options.punchout_url = config->public_url + "/cxml";
        } else {
            throw UsageError(
                "--punchout needs the URL buyers post to: --punchout-url URL or the "
                "gateway's --config FILE (public_url)");
        }
    } else if (opts.has("punchout-url")) {
        throw UsageError("--punchout-url belongs to --punchout");
    }

    std::int64_t items = 0;
    if (out == "-") {
        items = check(catalog::export_catalog_cif(conn, buyer, options, ctx.out));
    } else {
        // Written beside the target and renamed over it, so a failed export never leaves a
        // partial catalog that could be uploaded.
        const std::string part = out + ".part";
        std::ofstream f(part, std::ios::binary | std::ios::trunc);
        if (!f)
            throw OperationError("cannot write " + part);
        auto r = catalog::export_catalog_cif(conn, buyer, options, f);
        f.close();
        if (!r || !f) {
            std::remove(part.c_str());
            throw OperationError(!r ? r.error().message : "cannot write " + part);
        }
        std::error_code ec;
        std::filesystem::rename(part, out, ec);
        if (ec) {
            std::remove(part.c_str());
            throw OperationError("cannot write " + out + ": " + ec.message());
        }
        items = *r;
    }
    if (ctx.json && out != "-") {
        Json::object()
            .set("buyer", buyer.id)
            .set("file", out)
            .set("items", static_cast<long long>(items))
            .set("punchout", options.punchout)
            .set("supplier_id", options.supplier.to_string())
            .print(ctx.out);
    } else if (out != "-") {
        ctx.out << "wrote " << items << " items for buyer '" << buyer.id << "' to " << out << "\n";
    }
    return 0;
}

constexpr SubCommand commands[] = {
    {"import", "import a catalog CSV or CIF 3.0 file (all or nothing)", import},
    {"show", "show one product", show},
    {"list", "list products by SKU", list},
    {"search", "search as a buyer would", search},
    {"delete", "delete one product", remove},
    {"export-cif", "the buyer's catalog as a CIF 3.0 file (Level 2 punchout with --punchout)",
     export_cif},
};

}  // namespace

int run_catalog(Context& ctx, const std::vector<std::string>& args) {
    return dispatch(ctx, "catalog", args, commands);
}

}  // namespace punchout::tools
