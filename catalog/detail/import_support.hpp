#pragma once

// Pieces every importer shares: the issue list with its cap, progress ticks, timing, and
// the skeleton each import follows (catalog, prices, stock):
//   check  every row of the file, each problem an issue naming line, column and value;
//   stage  the rows that checked out (in memory, or a TEMP table for catalogs);
//   apply  them only when the whole file checked out, in one write transaction
//          (write_in_one_transaction), reported by apply_phase.
#include "catalog/connection.hpp"
#include "catalog/csv_reader.hpp"
#include "catalog/import_report.hpp"
#include "catalog/result.hpp"
#include "catalog/write_transaction.hpp"

#include <chrono>
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>

namespace punchout::catalog::detail {

/// Collects issues for one file: lists the first `max`, counts them all.
class IssueList {
public:
    IssueList(std::string file, std::size_t max) : file_(std::move(file)), max_(max) {}

    void add(std::size_t line, std::string_view column, std::string_view value,
             std::string message);
    bool empty() const noexcept { return count_ == 0; }
    std::uint64_t count() const noexcept { return count_; }
    const std::string& file() const noexcept { return file_; }

    /// Hands the issues over to the report.
    void move_into(ImportReport& report);

private:
    std::string file_;
    std::size_t max_;
    std::vector<ImportIssue> issues_;
    std::uint64_t count_ = 0;
};

/// Calls the progress callback every few thousand rows and on phase changes.
class ProgressTicker {
public:
    ProgressTicker(const ImportOptions& options, std::uint64_t total_bytes)
        : options_(options), total_bytes_(total_bytes) {}

    void row(std::uint64_t rows, std::uint64_t bytes) {
        if (options_.progress && (rows & 4095) == 0) {
            report(ImportProgress::Phase::validating, rows, bytes);
        }
    }
    void phase(ImportProgress::Phase phase, std::uint64_t rows, std::uint64_t bytes) {
        if (options_.progress)
            report(phase, rows, bytes);
    }

private:
    void report(ImportProgress::Phase phase, std::uint64_t rows, std::uint64_t bytes) {
        options_.progress(ImportProgress{phase, rows, bytes, total_bytes_});
    }
    const ImportOptions& options_;
    std::uint64_t total_bytes_;
};

/// The report for a file that cannot be opened.
ImportReport unopenable(const std::string& file);

/// Hands the issues to the report and stamps its times; returns it.
ImportReport finish_report(ImportReport report, IssueList& issues,
                           std::chrono::steady_clock::time_point start);

/// Reads the header record; false (with an issue) for an empty file or broken CSV.
bool read_header(CsvReader& reader, CsvRecord& header, IssueList& issues);

/// False (with an issue) when a row's field count differs from the header's.
bool check_width(const CsvRecord& rec, std::size_t width, IssueList& issues);

/// Reads the next data row into `rec`, counting it in `report` and ticking progress; false
/// at the end of the input. A record that cannot be read or has not `width` fields is an
/// issue and is skipped.
bool next_row(CsvReader& reader, CsvRecord& rec, std::size_t width, IssueList& issues,
              ImportReport& report, ProgressTicker& ticker);

/// The id of the product with this SKU, std::nullopt when there is none. A failed lookup is
/// the store's error: the API's batches answer it as their own failure (retry), never as a
/// problem with the row.
Result<std::optional<std::int64_t>> product_id_of(Connection& conn, const std::string& sku);

/// The message for a SKU that is not in the catalog.
inline constexpr std::string_view unknown_sku = "is not a SKU in the catalog";

/// For the file imports, where a failed lookup is one more issue of an import not applied:
/// sets `product_id` to the product with this SKU; the issue message (without the value)
/// when there is none or the lookup failed.
std::optional<std::string> find_product_id(Connection& conn, const std::string& sku,
                                           std::int64_t& product_id);

/// Microseconds since `start`.
inline std::chrono::microseconds since(std::chrono::steady_clock::time_point start) {
    return std::chrono::duration_cast<std::chrono::microseconds>(std::chrono::steady_clock::now() -
                                                                 start);
}

/// The apply step: `write()` (returning Result<void>) runs inside one write transaction,
/// which commits only if it succeeded; readers see the old rows or the new ones. Returns how
/// long the write lock was held.
template <class Write>
Result<std::chrono::microseconds> write_in_one_transaction(Connection& conn, Write&& write) {
    const auto start = std::chrono::steady_clock::now();
    auto tx = WriteTransaction::begin(conn);
    if (!tx)
        return tx.error();
    if (auto r = write(); !r)
        return r.error();
    if (auto r = tx->commit(); !r)
        return r.error();
    return since(start);
}

/// Runs the apply step of an import whose rows all checked out and reports it: the phase
/// ticks, `applied` and `lock_time` on success; on a failure one issue saying nothing was
/// changed. `apply()` returns the lock time (see write_in_one_transaction).
template <class Apply>
void apply_phase(ImportReport& report, IssueList& issues, ProgressTicker& ticker,
                 std::uint64_t bytes_read, Apply&& apply) {
    ticker.phase(ImportProgress::Phase::applying, report.rows, bytes_read);
    Result<std::chrono::microseconds> locked = apply();
    if (!locked) {
        issues.add(0, "", "",
                   "applying the import failed, nothing was changed: " + locked.error().message);
        report.inserted = report.updated = report.unchanged = report.deleted = 0;
        return;
    }
    report.lock_time = *locked;
    report.applied = true;
    ticker.phase(ImportProgress::Phase::done, report.rows, bytes_read);
}

/// The size of the stream's remaining input when it is a seekable file, else 0.
std::uint64_t stream_size(std::istream& in);

/// A value parser's message without its leading "'value' " (an issue shows the value on its
/// own): "'12,50' is not a decimal number: ..." -> "is not a decimal number: ...".
std::string without_value(const std::string& message, std::string_view value);

/// Shortens a value for an issue message (long descriptions would drown the message).
std::string excerpt(std::string_view value);

}  // namespace punchout::catalog::detail
