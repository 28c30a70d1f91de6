// catalog-bench: the three measurements of issue 3 in one run, each beside a baseline
// measured in the same run on the same data:
//   1. importing the catalog CSV   vs  SQLite's bulk insert of the same rows, same schema
//   2. price + stock for SKU/buyer vs  one bare prepared-statement lookup
//   3. search, 48 hits with prices vs  a bare FTS5 query for 48 rowids
// Figures are printed, never asserted: machines are shared and noisy. --quick runs a small
// scale and checks only that every step gives correct answers (the CTest entry).
#include "catalog/buyer.hpp"
#include "catalog/csv_reader.hpp"
#include "catalog/database.hpp"
#include "catalog/inventory.hpp"
#include "catalog/price.hpp"
#include "catalog/product.hpp"
#include "catalog/search.hpp"
#include "tools/catalog-gen/generator.hpp"

#include <algorithm>
#include <chrono>
#include <cstdio>
#include <cstring>
#include <fstream>
#include <iostream>
#include <map>
#include <random>
#include <stdexcept>
#include <string>
#include <sys/resource.h>
#include <sys/wait.h>
#include <unistd.h>
#include <vector>

#include <boost/program_options.hpp>
#include <sqlite3.h>

namespace po = boost::program_options;
using namespace punchout;
using Clock = std::chrono::steady_clock;

namespace {

int failures = 0;

void check(bool ok, const std::string& what) {
    if (!ok) {
        ++failures;
        std::cerr << "catalog-bench: CHECK FAILED: " << what << '\n';
    }
}

double seconds(Clock::duration d) {
    return std::chrono::duration<double>(d).count();
}

struct Percentiles {
    double p50 = 0, p99 = 0, max = 0;
};

Percentiles percentiles(std::vector<double> us) {
    if (us.empty())
        return {};
    std::sort(us.begin(), us.end());
    auto at = [&](double q) { return us[static_cast<std::size_t>(q * (us.size() - 1))]; };
    return {at(0.50), at(0.99), us.back()};
}

// What a measured child process reports back through a pipe.
struct ImportFigures {
    double total_s = 0;
    double lock_s = 0;
    double validate_s = 0;
    long long rows = 0;
    long long products = 0;
    bool ok = false;
};

// Runs `work` in a child process so its peak RSS is its own; returns the figures and the
// child's peak RSS in MB.
template <class F>
std::pair<ImportFigures, double> in_child(F work) {
    int fds[2];
    if (::pipe(fds) != 0)
        throw std::runtime_error("pipe failed");
    std::cout.flush();
    const pid_t pid = ::fork();
    if (pid < 0)
        throw std::runtime_error("fork failed");
    if (pid == 0) {
        ::close(fds[0]);
        ImportFigures f{};
        try {
            f = work();
        } catch (const std::exception& e) {
            std::cerr << "catalog-bench: " << e.what() << '\n';
        }
        const ssize_t n = ::write(fds[1], &f, sizeof f);
        ::_exit(n == static_cast<ssize_t>(sizeof f) ? 0 : 1);
    }
    ::close(fds[1]);
    ImportFigures f{};
    const ssize_t n = ::read(fds[0], &f, sizeof f);
    ::close(fds[0]);
    int status = 0;
    struct rusage usage {};
    ::wait4(pid, &status, 0, &usage);
    if (n != static_cast<ssize_t>(sizeof f))
        f.ok = false;
    return {f, static_cast<double>(usage.ru_maxrss) / 1024.0};
}

void sql(sqlite3* db, const char* text) {
    char* err = nullptr;
    if (sqlite3_exec(db, text, nullptr, nullptr, &err) != SQLITE_OK) {
        std::string what = err ? err : "?";
        sqlite3_free(err);
        throw std::runtime_error(std::string(text).substr(0, 60) + ": " + what);
    }
}

// How the baseline inserts the rows.
enum class BaselineKind {
    insert_select,  // one INSERT ... SELECT, the schema's FTS triggers index row by row
    one_go_index,   // the same without the triggers, then one FTS 'rebuild'
    per_row,        // one prepared INSERT per row (the textbook loop)
};

// The baseline for measurement 1: the rows of catalog.csv, parsed (JSON attributes, category
// ids) and loaded into a TEMP table beforehand, untimed. Timed: only SQLite writing them into
// the same schema, in one transaction.
ImportFigures baseline_import(const tools::GeneratedFiles& files, const std::string& path,
                              BaselineKind kind) {
    { auto db = catalog::Database::open(path); }  // the same schema, migrated
    sqlite3* db = nullptr;
    sqlite3_open(path.c_str(), &db);
    sql(db,
        "PRAGMA synchronous = NORMAL; PRAGMA cache_size = -65536; PRAGMA foreign_keys = ON;"
        "PRAGMA temp.cache_size = -32768");
    sql(db,
        "CREATE TEMP TABLE rows (sku, description, short_name, long_description, unspsc, uom,"
        " currency, manufacturer, manufacturer_part, image_url, datasheet_url, attributes,"
        " list_price, lead_time_days, category_id)");
    std::map<std::string, long long> category_ids;
    sql(db, "BEGIN");
    {
        sqlite3_stmt* cat = nullptr;
        sqlite3_prepare_v2(db, "INSERT INTO category (name, path) VALUES (?1, ?1)", -1, &cat,
                           nullptr);
        sqlite3_stmt* ins = nullptr;
        sqlite3_prepare_v2(db,
                           "INSERT INTO temp.rows VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10,"
                           " ?11, ?12, ?13, ?14, ?15)",
                           -1, &ins, nullptr);
        std::ifstream in(files.catalog, std::ios::binary);
        catalog::CsvReader reader(in);
        catalog::CsvRecord rec;
        (void)reader.next(rec);
        const std::vector<std::string> header = rec.fields;
        auto col = [&](const char* name) {
            return static_cast<std::size_t>(std::find(header.begin(), header.end(), name) -
                                            header.begin());
        };
        const std::size_t text_cols[] = {col("sku"),
                                         col("description"),
                                         col("short_name"),
                                         col("long_description"),
                                         col("unspsc"),
                                         col("uom"),
                                         col("currency"),
                                         col("manufacturer"),
                                         col("manufacturer_part"),
                                         col("image_url"),
                                         col("datasheet_url")};
        const std::size_t price = col("price"), lead = col("lead_time_days"),
                          category = col("category"), first_attr = col("datasheet_url") + 1;
        std::string attrs;
        while (*reader.next(rec)) {
            for (int i = 0; i < 11; ++i) {
                const auto& v = rec.fields[text_cols[i]];
                sqlite3_bind_text(ins, i + 1, v.data(), static_cast<int>(v.size()), SQLITE_STATIC);
            }
            // The attributes as the importer stores them: a JSON object.
            attrs = "{";
            for (std::size_t i = first_attr; i < rec.fields.size(); ++i) {
                if (rec.fields[i].empty())
                    continue;
                if (attrs.size() > 1)
                    attrs += ',';
                attrs += "\"" + header[i].substr(5) + "\":\"" + rec.fields[i] + "\"";
            }
            attrs += '}';
            sqlite3_bind_text(ins, 12, attrs.data(), static_cast<int>(attrs.size()), SQLITE_STATIC);
            const std::string& p = rec.fields[price];
            const auto dot = p.find('.');
            sqlite3_bind_int64(
                ins, 13,
                std::stoll(p.substr(0, dot)) * 10000 + std::stoll(p.substr(dot + 1)) * 100);
            sqlite3_bind_int64(ins, 14, std::stoll(rec.fields[lead]));
            auto [it, fresh] = category_ids.emplace(rec.fields[category], 0);
            if (fresh) {
                sqlite3_bind_text(cat, 1, it->first.c_str(), -1, SQLITE_STATIC);
                sqlite3_step(cat);
                sqlite3_reset(cat);
                it->second = sqlite3_last_insert_rowid(db);
            }
            sqlite3_bind_int64(ins, 15, it->second);
            if (sqlite3_step(ins) != SQLITE_DONE)
                throw std::runtime_error(sqlite3_errmsg(db));
            sqlite3_reset(ins);
        }
        sqlite3_finalize(ins);
        sqlite3_finalize(cat);
    }
    sql(db, "COMMIT");

    const char* columns =
        "sku, description, short_name, long_description, unspsc, uom, currency, manufacturer,"
        " manufacturer_part, image_url, datasheet_url, attributes, list_price, lead_time_days,"
        " category_id";
    const auto start = Clock::now();
    sql(db, "BEGIN");
    if (kind == BaselineKind::per_row) {
        sqlite3_stmt* read = nullptr;
        sqlite3_prepare_v2(db, (std::string("SELECT ") + columns + " FROM temp.rows").c_str(), -1,
                           &read, nullptr);
        sqlite3_stmt* ins = nullptr;
        sqlite3_prepare_v2(db,
                           (std::string("INSERT INTO product (") + columns +
                            ", created_at, updated_at) VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9,"
                            " ?10, ?11, ?12, ?13, ?14, ?15, 0, 0)")
                               .c_str(),
                           -1, &ins, nullptr);
        while (sqlite3_step(read) == SQLITE_ROW) {
            for (int i = 0; i < 15; ++i)
                sqlite3_bind_value(ins, i + 1, sqlite3_column_value(read, i));
            if (sqlite3_step(ins) != SQLITE_DONE)
                throw std::runtime_error(sqlite3_errmsg(db));
            sqlite3_reset(ins);
        }
        sqlite3_finalize(read);
        sqlite3_finalize(ins);
    } else {
        if (kind == BaselineKind::one_go_index) {
            sql(db, "DROP TRIGGER product_fts_insert");
        }
        sql(db, (std::string("INSERT INTO product (") + columns +
                 ", created_at, updated_at) SELECT " + columns + ", 0, 0 FROM temp.rows")
                    .c_str());
        if (kind == BaselineKind::one_go_index) {
            sql(db, "INSERT INTO product_fts (product_fts) VALUES ('rebuild')");
        }
    }
    sql(db, "COMMIT");
    ImportFigures f;
    f.total_s = f.lock_s = seconds(Clock::now() - start);
    sqlite3_stmt* count = nullptr;
    sqlite3_prepare_v2(db, "SELECT count(*) FROM product", -1, &count, nullptr);
    sqlite3_step(count);
    f.products = sqlite3_column_int64(count, 0);
    sqlite3_finalize(count);
    sqlite3_close(db);
    f.rows = f.products;
    f.ok = true;
    return f;
}

ImportFigures our_import(const tools::GeneratedFiles& files, const std::string& path) {
    auto db = catalog::Database::open(path);
    auto conn = db.connect();
    const auto r = tools::load_catalog(files, conn);
    ImportFigures f;
    f.total_s = static_cast<double>(r.total_time.count()) / 1e6;
    f.lock_s = static_cast<double>(r.lock_time.count()) / 1e6;
    f.validate_s = static_cast<double>(r.validate_time.count()) / 1e6;
    f.rows = static_cast<long long>(r.rows);
    f.products = *catalog::count_products(conn);
    f.ok = r.applied;
    return f;
}

void print_row(const char* what, const Percentiles& p, const Percentiles& base) {
    std::printf("  %-34s p50 %8.1f us   p99 %8.1f us   max %8.1f us\n", what, p.p50, p.p99, p.max);
    std::printf("  %-34s p50 %8.1f us   p99 %8.1f us   max %8.1f us\n", "  baseline", base.p50,
                base.p99, base.max);
    std::printf("  %-34s p50 %8.1fx     p99 %8.1fx\n", "  ratio", p.p50 / base.p50,
                p.p99 / base.p99);
}

}  // namespace

int main(int argc, char** argv) {
    tools::GeneratorOptions o;
    std::string work_dir;
    std::size_t lookups = 100000, searches = 2000;
    bool quick = false, keep = false, reuse = false, row_baseline = false;
    po::options_description desc(
        "usage: catalog-bench [--quick] [options]\n\n"
        "Generates a catalog, then measures import, price+stock lookup and search, each\n"
        "against a bare-SQLite baseline in the same run. Build with CMAKE_BUILD_TYPE=Release.\n\n"
        "Options");
    desc.add_options()("help,h", "this help")("quick", po::bool_switch(&quick),
                                              "small scale, check answers only (for CTest)")(
        "skus", po::value(&o.skus)->default_value(o.skus), "products")(
        "buyers", po::value(&o.buyers)->default_value(o.buyers), "buyers")(
        "contract-prices", po::value(&o.contract_prices)->default_value(o.contract_prices),
        "contract price entries")(
        "warehouses", po::value(&o.warehouses)->default_value(o.warehouses), "warehouses")(
        "seed", po::value(&o.seed)->default_value(o.seed), "random seed")(
        "lookups", po::value(&lookups)->default_value(lookups), "price+stock lookups to time")(
        "searches", po::value(&searches)->default_value(searches), "searches to time")(
        "work-dir", po::value(&work_dir), "where data and databases go (default: a temp dir)")(
        "keep", po::bool_switch(&keep), "keep the work dir")(
        "row-baseline", po::bool_switch(&row_baseline),
        "also time a per-row INSERT baseline (slow: about a minute per million rows)")(
        "reuse", po::bool_switch(&reuse),
        "skip generating and importing: measure lookups and search on the databases a\n"
        "previous --keep run left in --work-dir");
    po::variables_map vm;
    try {
        po::store(po::parse_command_line(argc, argv, desc), vm);
        po::notify(vm);
    } catch (const po::error& e) {
        std::cerr << "catalog-bench: " << e.what() << "\nTry 'catalog-bench --help'.\n";
        return 2;
    }
    if (vm.count("help")) {
        std::cout << desc << '\n';
        return 0;
    }
    if (quick) {
        if (vm["skus"].defaulted())
            o.skus = 5000;
        if (vm["buyers"].defaulted())
            o.buyers = 10;
        if (vm["contract-prices"].defaulted())
            o.contract_prices = 1000;
        if (vm["lookups"].defaulted())
            lookups = 2000;
        if (vm["searches"].defaulted())
            searches = 100;
    }
    if (reuse && work_dir.empty()) {
        std::cerr << "catalog-bench: --reuse needs --work-dir\n";
        return 2;
    }
    bool temp = false;
    if (work_dir.empty()) {
        std::string pattern = (std::filesystem::temp_directory_path() / "catalog-bench-XXXXXX");
        if (!::mkdtemp(pattern.data())) {
            std::cerr << "catalog-bench: cannot make a temp dir\n";
            return 1;
        }
        work_dir = pattern;
        temp = true;
    }
    const std::filesystem::path dir = work_dir;
    try {
        std::printf(
            "catalog-bench: %zu SKUs, %zu buyers, %zu contract prices, %zu warehouses, "
            "seed %llu%s\n",
            o.skus, o.buyers, o.contract_prices, o.warehouses,
            static_cast<unsigned long long>(o.seed), quick ? " (quick)" : "");
        const auto gen_start = Clock::now();
        const auto files = tools::generate(o, dir / "data");
        std::printf("  generated %.1f MB of CSV in %.1f s\n\n",
                    static_cast<double>(std::filesystem::file_size(files.catalog)) / 1e6,
                    seconds(Clock::now() - gen_start));

        // 1. Import.
        const std::string ours_db = (dir / "ours.db").string();
        const std::string base_db = (dir / "baseline.db").string();
        if (!reuse) {
            for (const auto& p : {ours_db, base_db}) {
                for (const char* suffix : {"", "-wal", "-shm"})
                    std::filesystem::remove(p + suffix);
            }
            auto [ours, ours_rss] = in_child([&] { return our_import(files, ours_db); });
            check(ours.ok, "the catalog import applied");
            check(ours.rows == static_cast<long long>(o.skus), "the import read every row");
            check(ours.products == static_cast<long long>(o.skus),
                  "every product is in the catalog");
            std::printf("1. import the %zu-row catalog CSV into an empty catalog\n", o.skus);
            std::printf(
                "  ours: %.2f s until committed (reading and checking %.2f s, write lock "
                "held %.2f s), peak RSS %.0f MB\n",
                ours.total_s, ours.validate_s, ours.lock_s, ours_rss);
            struct Base {
                BaselineKind kind;
                const char* what;
            };
            std::vector<Base> bases = {
                {BaselineKind::insert_select,
                 "A: one INSERT ... SELECT of pre-loaded rows, FTS triggers index row by row"},
                {BaselineKind::one_go_index,
                 "B: the same, FTS index built in one go (SQLite's fastest route to this state)"}};
            if (row_baseline) {
                bases.push_back(
                    {BaselineKind::per_row,
                     "C: one prepared INSERT per row (FTS5 flushes at every statement)"});
            }
            for (const auto& b : bases) {
                for (const char* suffix : {"", "-wal", "-shm"}) {
                    std::filesystem::remove(base_db + suffix);
                }
                auto [base, base_rss] =
                    in_child([&] { return baseline_import(files, base_db, b.kind); });
                check(base.ok && base.products == ours.products,
                      "the baseline inserted the same rows");
                std::printf(
                    "  baseline %s:\n    %.2f s (write lock) -> ours/baseline: %.2fx until "
                    "committed, %.2fx write lock\n",
                    b.what, base.total_s, ours.total_s / base.total_s, ours.lock_s / base.total_s);
            }
            std::printf("\n");
        }
        // The rest of the data set, for lookups and search.
        auto db = catalog::Database::open(ours_db);
        auto conn = db.connect();
        if (!reuse) {
            tools::load_buyers(files, conn);
            const std::size_t entries = tools::load_prices(files, conn);
            tools::load_inventory(files, conn);
            check(entries == files.contract_entries, "every contract price was loaded");
        }

        // Buyers with price lists and the SKUs on them, to look up contracted pairs too.
        struct Pair {
            catalog::BuyerKey buyer;
            std::string sku;
        };
        std::vector<Pair> pairs;
        std::mt19937_64 rng(o.seed);
        std::vector<catalog::BuyerKey> buyer_keys;
        for (std::size_t b = 0; b < o.buyers; ++b) {
            buyer_keys.push_back(catalog::find_buyer(conn, tools::buyer_id(b))->key);
        }
        for (const auto& [id, path] : files.prices) {
            auto key = catalog::find_buyer(conn, id)->key;
            std::ifstream in(path);
            std::string line;
            std::getline(in, line);
            while (std::getline(in, line))
                pairs.push_back({key, line.substr(0, line.find(','))});
        }
        std::vector<Pair> probes;
        for (std::size_t i = 0; i < lookups; ++i) {
            if (i % 2 == 0 && !pairs.empty()) {
                probes.push_back(pairs[rng() % pairs.size()]);
            } else {
                probes.push_back({buyer_keys[rng() % buyer_keys.size()],
                                  tools::sku_for(o.seed, rng() % o.skus)});
            }
        }

        // 2. Price + stock lookups. Steady state: one untimed pass first (for both sides)
        // brings the pages the probes touch into memory, as a running gateway has them.
        std::vector<double> ours_us, base_us;
        ours_us.reserve(probes.size());
        const auto at = catalog::from_unix(1740787200);
        for (const auto& p : probes) {
            (void)catalog::resolve_price(conn, p.buyer, p.sku, catalog::Amount::from_units(10000),
                                         at);
            (void)catalog::stock_for_sku(conn, p.sku);
        }
        std::size_t contract_hits = 0, lookup_errors = 0;
        for (const auto& p : probes) {
            const auto t = Clock::now();
            auto price = catalog::resolve_price(conn, p.buyer, p.sku,
                                                catalog::Amount::from_units(10000), at);
            auto stock = catalog::stock_for_sku(conn, p.sku);
            ours_us.push_back(seconds(Clock::now() - t) * 1e6);
            if (!price || !stock)
                ++lookup_errors;
            else if (price->source != catalog::PriceSource::list)
                ++contract_hits;
        }
        check(lookup_errors == 0, "every lookup found its SKU");
        check(contract_hits > 0, "some lookups resolved a contract price");
        sqlite3* raw = nullptr;
        sqlite3_open_v2(ours_db.c_str(), &raw, SQLITE_OPEN_READONLY | SQLITE_OPEN_NOMUTEX, nullptr);
        sqlite3_stmt* bare = nullptr;
        sqlite3_prepare_v3(raw, "SELECT list_price, currency FROM product WHERE sku = ?1", -1,
                           SQLITE_PREPARE_PERSISTENT, &bare, nullptr);
        for (const auto& p : probes) {
            sqlite3_bind_text(bare, 1, p.sku.data(), static_cast<int>(p.sku.size()), SQLITE_STATIC);
            (void)sqlite3_step(bare);
            sqlite3_reset(bare);
        }
        std::size_t bare_found = 0;
        for (const auto& p : probes) {
            const auto t = Clock::now();
            sqlite3_bind_text(bare, 1, p.sku.data(), static_cast<int>(p.sku.size()), SQLITE_STATIC);
            if (sqlite3_step(bare) == SQLITE_ROW)
                ++bare_found;
            sqlite3_reset(bare);
            base_us.push_back(seconds(Clock::now() - t) * 1e6);
        }
        sqlite3_finalize(bare);
        check(bare_found == probes.size(), "the baseline found every SKU");
        std::printf(
            "2. price + stock lookup for one SKU and buyer (%zu lookups after a warm-up pass; half "
            "are contracted pairs, %zu resolved a contract)\n",
            probes.size(), contract_hits);
        print_row("resolve_price + stock_for_sku", percentiles(ours_us), percentiles(base_us));
        std::printf(
            "  (baseline: one prepared SELECT list_price, currency FROM product WHERE "
            "sku = ?)\n\n");

        // 3. Search, again after one untimed pass over the same queries.
        const auto queries = tools::sample_queries(o, searches);
        for (std::size_t i = 0; i < queries.size(); ++i) {
            catalog::SearchQuery q;
            q.buyer = buyer_keys[i % buyer_keys.size()];
            q.text = queries[i].text;
            q.at = at;
            (void)catalog::search(conn, q);
        }
        std::vector<double> search_us, fts_us;
        std::map<std::string, std::vector<double>> by_kind;
        std::size_t with_hits = 0, search_errors = 0, priced = 0;
        for (std::size_t i = 0; i < queries.size(); ++i) {
            catalog::SearchQuery q;
            q.buyer = buyer_keys[i % buyer_keys.size()];
            q.text = queries[i].text;
            q.at = at;
            const auto t = Clock::now();
            auto page = catalog::search(conn, q);
            const double us = seconds(Clock::now() - t) * 1e6;
            search_us.push_back(us);
            by_kind[queries[i].kind].push_back(us);
            if (!page) {
                ++search_errors;
                continue;
            }
            if (!page->hits.empty())
                ++with_hits;
            for (const auto& h : page->hits)
                priced += h.price.currency.empty() ? 0 : 1;
        }
        check(search_errors == 0, "every search ran");
        check(with_hits * 10 >= queries.size() * 9, "nine in ten searches found something");
        check(priced > 0, "search hits carry resolved prices");
        sqlite3_stmt* fts = nullptr;
        sqlite3_prepare_v3(raw,
                           "SELECT rowid FROM product_fts WHERE product_fts MATCH ?1 ORDER BY "
                           "rank LIMIT 48",
                           -1, SQLITE_PREPARE_PERSISTENT, &fts, nullptr);
        for (int pass = 0; pass < 2; ++pass) {
            if (pass == 1)
                fts_us.clear();  // the first pass warms the cache
            for (const auto& q : queries) {
                const std::string expr = catalog::fts_expression(q.text);
                const auto t = Clock::now();
                sqlite3_bind_text(fts, 1, expr.data(), static_cast<int>(expr.size()),
                                  SQLITE_STATIC);
                while (sqlite3_step(fts) == SQLITE_ROW) {
                }
                sqlite3_reset(fts);
                fts_us.push_back(seconds(Clock::now() - t) * 1e6);
            }
        }
        sqlite3_finalize(fts);
        sqlite3_close(raw);
        std::printf(
            "3. search, page of 48 with the buyer's prices and stock, relevance order "
            "(%zu queries after a warm-up pass, %zu with hits)\n",
            queries.size(), with_hits);
        print_row("search()", percentiles(search_us), percentiles(fts_us));
        std::printf("  (baseline: bare FTS5 MATCH ... ORDER BY rank LIMIT 48, rowids only)\n");
        std::vector<std::pair<double, std::string>> slowest;
        for (std::size_t i = 0; i < queries.size(); ++i) {
            slowest.emplace_back(search_us[i], queries[i].kind + " \"" + queries[i].text + "\"");
        }
        std::sort(slowest.rbegin(), slowest.rend());
        std::printf("  slowest:");
        for (std::size_t i = 0; i < 5 && i < slowest.size(); ++i) {
            std::printf(" %s %.1f ms;", slowest[i].second.c_str(), slowest[i].first / 1000);
        }
        std::printf("\n");
        for (const auto& [kind, us] : by_kind) {
            const auto p = percentiles(us);
            std::printf("    %-12s %5zu queries   p50 %8.1f us   p99 %8.1f us\n", kind.c_str(),
                        us.size(), p.p50, p.p99);
        }
    } catch (const std::exception& e) {
        std::cerr << "catalog-bench: " << e.what() << '\n';
        ++failures;
    }
    if (temp && !keep)
        std::filesystem::remove_all(dir);
    else
        std::printf("\nwork dir kept: %s\n", dir.c_str());
    if (failures) {
        std::cerr << "catalog-bench: " << failures << " check(s) failed\n";
        return 1;
    }
    std::printf("\nall checks passed\n");
    return 0;
}
