// catalog-gen: writes a deterministic synthetic catalog (products, buyers, contract prices,
// stock) at a chosen scale, and optionally loads it into a database.
#include "tools/catalog-gen/generator.hpp"

#include <chrono>
#include <cstdlib>
#include <iostream>

#include <boost/program_options.hpp>

namespace po = boost::program_options;
using namespace punchout;

int main(int argc, char** argv) {
    tools::GeneratorOptions o;
    std::string out_dir, db_path;
    po::options_description desc(
        "usage: catalog-gen --out DIR [options]\n\n"
        "Writes catalog.csv, inventory.csv, buyers.csv and prices/<buyer>.csv into DIR.\n"
        "The same options always give the same files.\n\nOptions");
    desc.add_options()("help,h", "this help")("out", po::value(&out_dir)->value_name("DIR"),
                                              "where to write the files (required)")(
        "seed", po::value(&o.seed)->default_value(o.seed), "random seed")(
        "skus", po::value(&o.skus)->default_value(o.skus), "products")(
        "buyers", po::value(&o.buyers)->default_value(o.buyers), "buyers")(
        "contract-prices", po::value(&o.contract_prices)->default_value(o.contract_prices),
        "contract price entries over all buyers (tiers included)")(
        "warehouses", po::value(&o.warehouses)->default_value(o.warehouses),
        "warehouses with stock rows")(
        "load", po::value(&db_path)->value_name("DB"),
        "then load everything into this database (created if missing)");
    po::variables_map vm;
    try {
        po::store(po::parse_command_line(argc, argv, desc), vm);
        po::notify(vm);
    } catch (const po::error& e) {
        std::cerr << "catalog-gen: " << e.what() << "\nTry 'catalog-gen --help'.\n";
        return 2;
    }
    if (vm.count("help")) {
        std::cout << desc << '\n';
        return 0;
    }
    if (out_dir.empty()) {
        std::cerr << "catalog-gen: --out DIR is required\nTry 'catalog-gen --help'.\n";
        return 2;
    }
    try {
        auto start = std::chrono::steady_clock::now();
        const auto files = tools::generate(o, out_dir);
        const double gen_s =
            std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();
        std::cout << "generated " << o.skus << " products, " << o.buyers << " buyers, "
                  << files.contract_entries << " contract prices in " << files.prices.size()
                  << " lists, " << o.skus * o.warehouses << " stock rows into " << out_dir << " ("
                  << gen_s << " s)\n";
        if (!db_path.empty()) {
            auto db = catalog::Database::open(db_path);
            const auto r = tools::load(files, db);
            auto s = [](std::chrono::microseconds us) { return us.count() / 1e6; };
            std::cout << "loaded into " << db_path << ":\n"
                      << "  catalog    " << r.catalog.rows << " rows in " << s(r.catalog.total_time)
                      << " s (write lock " << s(r.catalog.lock_time) << " s)\n"
                      << "  buyers     " << r.buyers << " in " << r.buyers_seconds << " s\n"
                      << "  prices     " << r.price_entries << " entries in " << r.price_files
                      << " lists in " << r.prices_seconds << " s\n"
                      << "  inventory  " << r.inventory.rows << " rows in "
                      << s(r.inventory.total_time) << " s\n";
        }
    } catch (const std::exception& e) {
        std::cerr << "catalog-gen: " << e.what() << '\n';
        return 1;
    }
    return 0;
}
