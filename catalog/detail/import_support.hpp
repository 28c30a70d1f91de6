#pragma once

// Pieces every importer shares: the issue list with its cap, progress ticks, timing.
#include "catalog/connection.hpp"
#include "catalog/csv_reader.hpp"
#include "catalog/import_report.hpp"

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

/// Sets `product_id` to the product with this SKU; the issue message (without the value)
/// when there is none or the lookup failed.
std::optional<std::string> find_product_id(Connection& conn, const std::string& sku,
                                           std::int64_t& product_id);

/// Microseconds since `start`.
inline std::chrono::microseconds since(std::chrono::steady_clock::time_point start) {
    return std::chrono::duration_cast<std::chrono::microseconds>(std::chrono::steady_clock::now() -
                                                                 start);
}

/// The size of the stream's remaining input when it is a seekable file, else 0.
std::uint64_t stream_size(std::istream& in);

/// A value parser's message without its leading "'value' " (an issue shows the value on its
/// own): "'12,50' is not a decimal number: ..." -> "is not a decimal number: ...".
std::string without_value(const std::string& message, std::string_view value);

/// Shortens a value for an issue message (long descriptions would drown the message).
std::string excerpt(std::string_view value);

}  // namespace punchout::catalog::detail
