#include "catalog/inventory.hpp"

#include "catalog/csv_reader.hpp"
#include "catalog/detail/csv_columns.hpp"
#include "catalog/detail/field_rules.hpp"
#include "catalog/write_transaction.hpp"

#include <fstream>
#include <map>
#include <set>

namespace punchout::catalog {
namespace {

constexpr std::size_t max_warehouse = 64;

Error bad(std::string_view what, std::string_view value, const std::string& problem) {
    return Error{Errc::invalid, std::string(what) + " '" + std::string(value) + "' " + problem};
}

}  // namespace

Result<Stock> stock_for_sku(Connection& conn, std::string_view sku,
                            std::optional<Timestamp> fresh_since) {
    // One statement: the product (to tell "no stock" from "no such SKU") and its rows.
    auto st = conn.prepare(
        "SELECT i.warehouse, i.quantity, i.updated_at FROM product p LEFT JOIN inventory i"
        " ON i.product_id = p.id WHERE p.sku = ?1 ORDER BY i.warehouse");
    st.bind(1, sku);
    Stock stock;
    std::int64_t total = 0, stale = 0;
    bool found = false;
    if (auto r = st.for_each_row([&](Statement& row) {
            found = true;
            if (row.is_null(0))
                return;  // the product has no stock rows
            StockLevel level{row.text(0), Amount::from_units(row.int64(1)),
                             from_unix(row.int64(2))};
            level.stale = fresh_since && level.updated_at < *fresh_since;
            if (level.stale) {
                stale += level.quantity.units();
                if (!stock.stale_as_of || level.updated_at > *stock.stale_as_of)
                    stock.stale_as_of = level.updated_at;
            } else {
                total += level.quantity.units();
            }
            if (!stock.oldest || level.updated_at < *stock.oldest)
                stock.oldest = level.updated_at;
            if (!stock.newest || level.updated_at > *stock.newest)
                stock.newest = level.updated_at;
            stock.warehouses.push_back(std::move(level));
        });
        !r)
        return r.error();
    if (!found)
        return Error{Errc::not_found, "no product with SKU '" + std::string(sku) + "'"};
    stock.total = Amount::from_units(total);
    stock.stale_total = Amount::from_units(stale);
    return stock;
}

Result<std::optional<Timestamp>> oldest_stock_report(Connection& conn) {
    auto st = conn.prepare("SELECT min(updated_at) FROM inventory");
    auto row = st.step();
    if (!row)
        return row.error();
    if (!*row || st.is_null(0))
        return std::optional<Timestamp>{};
    return std::optional<Timestamp>{from_unix(st.int64(0))};
}

Result<void> set_stock(Connection& conn, std::string_view sku, std::string_view warehouse,
                       Amount quantity, std::optional<Timestamp> at) {
    if (auto p = detail::check_required_text(warehouse, max_warehouse)) {
        return bad("warehouse", warehouse, *p);
    }
    if (quantity.is_negative())
        return bad("quantity", quantity.to_string(), "is negative");
    auto st = conn.prepare(
        "INSERT INTO inventory (product_id, warehouse, quantity, updated_at)"
        " SELECT id, ?2, ?3, ?4 FROM product WHERE sku = ?1"
        " ON CONFLICT (product_id, warehouse) DO UPDATE SET quantity = excluded.quantity,"
        " updated_at = excluded.updated_at");
    st.bind(1, sku)
        .bind(2, warehouse)
        .bind(3, quantity.units())
        .bind(4, to_unix(at.value_or(now())));
    if (auto r = st.run(); !r)
        return r;
    if (conn.changes() == 0) {
        return Error{Errc::not_found, "no product with SKU '" + std::string(sku) + "'"};
    }
    return {};
}

ImportReport import_inventory_csv(Connection& conn, std::istream& in, const std::string& name,
                                  const ImportOptions& options) {
    enum Column : std::size_t { sku, warehouse, quantity, updated_at };
    const auto start = std::chrono::steady_clock::now();
    ImportReport report;
    report.file = name;
    detail::IssueList issues(name, options.max_issues);
    detail::ProgressTicker ticker(options, detail::stream_size(in));
    auto done = [&]() { return detail::finish_report(std::move(report), issues, start); };
    CsvReader reader(in);
    CsvRecord rec;
    if (!detail::read_header(reader, rec, issues))
        return done();
    detail::CsvColumns cols({"sku", "warehouse", "quantity", "updated_at"}, 3);
    if (!cols.bind(rec, issues))
        return done();

    // Rows wait in memory until the whole file checked out: ids and numbers only, with the
    // (few) warehouse names stored once.
    struct Row {
        std::int64_t product_id;
        std::uint32_t warehouse;
        std::int64_t quantity;
        std::optional<std::int64_t> updated_at;
    };
    std::vector<Row> rows;
    std::vector<std::string> warehouses;
    std::map<std::string, std::uint32_t, std::less<>> warehouse_index;
    std::map<std::pair<std::int64_t, std::uint32_t>, std::size_t> seen;
    while (detail::next_row(reader, rec, cols.width(), issues, report, ticker)) {
        const std::uint64_t before = issues.count();
        auto report_issue = [&](Column c, const std::string& message) {
            issues.add(cols.line(rec, c), cols.name(c), cols.field(rec, c), message);
        };
        Row row{0, 0, 0, std::nullopt};
        if (auto p = detail::find_product_id(conn, cols.field(rec, sku), row.product_id))
            report_issue(sku, *p);
        const std::string& w = cols.field(rec, warehouse);
        if (auto p = detail::check_required_text(w, max_warehouse)) {
            report_issue(warehouse, *p);
        } else {
            auto it = warehouse_index.find(w);
            if (it == warehouse_index.end()) {
                it =
                    warehouse_index.emplace(w, static_cast<std::uint32_t>(warehouses.size())).first;
                warehouses.push_back(w);
            }
            row.warehouse = it->second;
        }
        const std::string& q = cols.field(rec, quantity);
        if (auto a = Amount::parse(q); !a)
            report_issue(quantity, detail::without_value(a.error().message, q));
        else if (a->is_negative())
            report_issue(quantity, "is negative");
        else
            row.quantity = a->units();
        if (const auto& t = cols.field(rec, updated_at); !t.empty()) {
            if (auto ts = parse_timestamp(t); !ts) {
                report_issue(updated_at, detail::without_value(ts.error().message, t));
            } else {
                row.updated_at = to_unix(*ts);
            }
        }
        if (issues.count() != before)
            continue;
        if (auto [it, fresh] =
                seen.emplace(std::make_pair(row.product_id, row.warehouse), rec.line);
            !fresh) {
            report_issue(sku, "appears twice for this warehouse (first on line " +
                                  std::to_string(it->second) + ")");
            continue;
        }
        rows.push_back(row);
    }
    report.validate_time = detail::since(start);
    if (!issues.empty())
        return done();

    const std::int64_t stamp = to_unix(options.now.value_or(now()));
    detail::apply_phase(report, issues, ticker, reader.bytes_read(), [&] {
        return detail::write_in_one_transaction(conn, [&]() -> Result<void> {
            for (const auto& row : rows) {
                auto st = conn.prepare(
                    "INSERT INTO inventory (product_id, warehouse, quantity, updated_at)"
                    " VALUES (?1, ?2, ?3, ?4) ON CONFLICT (product_id, warehouse) DO UPDATE"
                    " SET quantity = excluded.quantity, updated_at = excluded.updated_at"
                    " WHERE quantity IS NOT excluded.quantity"
                    " OR updated_at IS NOT excluded.updated_at");
                st.bind(1, row.product_id)
                    .bind(2, warehouses[row.warehouse])
                    .bind(3, row.quantity)
                    .bind(4, row.updated_at.value_or(stamp));
                if (auto r = st.run(); !r)
                    return r;
                if (conn.changes() > 0)
                    ++report.updated;
                else
                    ++report.unchanged;
            }
            return {};
        });
    });
    return done();
}

ImportReport import_inventory_file(Connection& conn, const std::filesystem::path& path,
                                   const ImportOptions& options) {
    std::ifstream in(path, std::ios::binary);
    if (!in)
        return detail::unopenable(path.string());
    return import_inventory_csv(conn, in, path.string(), options);
}

}  // namespace punchout::catalog
