#include "catalog/price_import.hpp"

#include "catalog/amount.hpp"
#include "catalog/detail/csv_columns.hpp"
#include "catalog/detail/field_rules.hpp"
#include "catalog/detail/import_support.hpp"
#include "catalog/detail/price_entry.hpp"

#include <fstream>
#include <map>
#include <tuple>

namespace punchout::catalog {
namespace {

enum Column : std::size_t { sku, price, currency, min_qty, valid_from, valid_to };

using Row = detail::PriceEntry;

}  // namespace

ImportReport import_prices_csv(Connection& conn, BuyerKey buyer, std::istream& in,
                               const std::string& name, PriceImportMode mode,
                               const ImportOptions& options) {
    const auto start = std::chrono::steady_clock::now();
    ImportReport report;
    report.file = name;
    detail::IssueList issues(name, options.max_issues);
    detail::ProgressTicker ticker(options, detail::stream_size(in));
    auto done = [&]() { return detail::finish_report(std::move(report), issues, start); };

    std::string default_currency;
    {
        auto st = conn.prepare("SELECT default_currency FROM buyer WHERE id = ?1");
        st.bind(1, buyer.value);
        auto row = st.step();
        if (!row || !*row) {
            issues.add(0, "", "", "the buyer does not exist");
            return done();
        }
        default_currency = st.text(0);
    }

    CsvReader reader(in);
    CsvRecord rec;
    if (!detail::read_header(reader, rec, issues))
        return done();
    detail::CsvColumns cols({"sku", "price", "currency", "min_qty", "valid_from", "valid_to"}, 2);
    if (!cols.bind(rec, issues))
        return done();

    std::vector<Row> rows;
    // (product, min_qty, valid_from) identifies an entry; a file may not give one twice.
    std::map<std::tuple<std::int64_t, std::int64_t, std::int64_t>, std::size_t> keys;
    while (detail::next_row(reader, rec, cols.width(), issues, report, ticker)) {
        const std::uint64_t before = issues.count();
        auto report_issue = [&](Column c, const std::string& message) {
            issues.add(cols.line(rec, c), cols.name(c), cols.field(rec, c), message);
        };
        Row row;
        const auto field = [&](Column c) { return std::string_view(cols.field(rec, c)); };
        auto checked = detail::check_price_entry(
            conn,
            {field(sku), field(price), field(currency), field(min_qty), field(valid_from),
             field(valid_to)},
            default_currency, row, [&](detail::PriceField f, const std::string& message) {
                report_issue(static_cast<Column>(f), message);
            });
        if (!checked)
            report_issue(sku, "could not be looked up: " + checked.error().message);
        if (issues.count() != before)
            continue;
        const auto key =
            std::make_tuple(row.product_id, row.min_qty,
                            row.from.value_or(std::numeric_limits<std::int64_t>::min()));
        if (auto [it, fresh] = keys.emplace(key, rec.line); !fresh) {
            report_issue(sku, "has this min_qty and valid_from already (line " +
                                  std::to_string(it->second) + ")");
            continue;
        }
        rows.push_back(std::move(row));
    }
    report.validate_time = detail::since(start);
    if (!issues.empty())
        return done();

    const std::int64_t created = to_unix(options.now.value_or(now()));
    detail::apply_phase(report, issues, ticker, reader.bytes_read(), [&] {
        return detail::write_in_one_transaction(conn, [&]() -> Result<void> {
            if (mode == PriceImportMode::replace) {
                auto st = conn.prepare("DELETE FROM contract_price WHERE buyer_id = ?1");
                st.bind(1, buyer.value);
                if (auto r = st.run(); !r)
                    return r;
                report.deleted = static_cast<std::uint64_t>(conn.changes());
            }
            for (const auto& row : rows) {
                if (mode == PriceImportMode::merge) {
                    auto st = conn.prepare(
                        "UPDATE contract_price SET price = ?5, currency = ?6, valid_to = ?7"
                        " WHERE buyer_id = ?1 AND product_id = ?2 AND min_qty = ?3"
                        " AND valid_from IS ?4");
                    st.bind(1, buyer.value)
                        .bind(2, row.product_id)
                        .bind(3, row.min_qty)
                        .bind(4, row.from)
                        .bind(5, row.price)
                        .bind(6, row.currency)
                        .bind(7, row.to);
                    if (auto r = st.run(); !r)
                        return r;
                    if (conn.changes() > 0) {
                        ++report.updated;
                        continue;
                    }
                }
                auto st = conn.prepare(
                    "INSERT INTO contract_price (buyer_id, product_id, price, currency, min_qty,"
                    " valid_from, valid_to, created_at) VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8)");
                st.bind(1, buyer.value)
                    .bind(2, row.product_id)
                    .bind(3, row.price)
                    .bind(4, row.currency)
                    .bind(5, row.min_qty)
                    .bind(6, row.from)
                    .bind(7, row.to)
                    .bind(8, created);
                if (auto r = st.run(); !r)
                    return r;
                ++report.inserted;
            }
            return {};
        });
    });
    return done();
}

ImportReport import_prices_file(Connection& conn, BuyerKey buyer, const std::filesystem::path& path,
                                PriceImportMode mode, const ImportOptions& options) {
    std::ifstream in(path, std::ios::binary);
    if (!in)
        return detail::unopenable(path.string());
    return import_prices_csv(conn, buyer, in, path.string(), mode, options);
}

}  // namespace punchout::catalog
