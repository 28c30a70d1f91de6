#include "catalog/detail/import_support.hpp"

#include "catalog/statement.hpp"

#include <istream>

namespace punchout::catalog {

std::string ImportIssue::to_string() const {
    std::string text = file;
    if (line > 0)
        text += ":" + std::to_string(line);
    text += ": ";
    if (!column.empty())
        text += "column '" + column + "': ";
    if (!value.empty() || !column.empty())
        text += "'" + value + "' ";
    text += message;
    return text;
}

namespace detail {

void IssueList::add(std::size_t line, std::string_view column, std::string_view value,
                    std::string message) {
    ++count_;
    if (issues_.size() < max_) {
        issues_.push_back(
            ImportIssue{file_, line, std::string(column), excerpt(value), std::move(message)});
    }
}

void IssueList::move_into(ImportReport& report) {
    report.issues = std::move(issues_);
    report.issue_count = count_;
}

ImportReport unopenable(const std::string& file) {
    ImportReport report;
    report.file = file;
    report.issues.push_back({file, 0, "", "", "cannot be opened"});
    report.issue_count = 1;
    return report;
}

ImportReport finish_report(ImportReport report, IssueList& issues,
                           std::chrono::steady_clock::time_point start) {
    issues.move_into(report);
    if (report.validate_time.count() == 0)
        report.validate_time = since(start);
    report.total_time = since(start);
    return report;
}

bool read_header(CsvReader& reader, CsvRecord& header, IssueList& issues) {
    auto first = reader.next(header);
    if (!first) {
        issues.add(header.line, "", "", first.error().message);
        return false;
    }
    if (!*first) {
        issues.add(0, "", "", "the file is empty (a header row is required)");
        return false;
    }
    return true;
}

bool check_width(const CsvRecord& rec, std::size_t width, IssueList& issues) {
    if (rec.fields.size() == width)
        return true;
    issues.add(rec.line, "", "",
               "has " + std::to_string(rec.fields.size()) + " fields; the header has " +
                   std::to_string(width));
    return false;
}

bool next_row(CsvReader& reader, CsvRecord& rec, std::size_t width, IssueList& issues,
              ImportReport& report, ProgressTicker& ticker) {
    for (;;) {
        auto r = reader.next(rec);
        if (!r) {
            issues.add(rec.line, "", "", r.error().message);
            continue;
        }
        if (!*r)
            return false;
        ++report.rows;
        ticker.row(report.rows, reader.bytes_read());
        if (check_width(rec, width, issues))
            return true;
    }
}

Result<std::optional<std::int64_t>> product_id_of(Connection& conn, const std::string& sku) {
    auto st = conn.prepare("SELECT id FROM product WHERE sku = ?1");
    st.bind(1, sku);
    auto found = st.step();
    if (!found)
        return found.error();
    if (!*found)
        return std::optional<std::int64_t>{};
    return std::optional<std::int64_t>{st.int64(0)};
}

std::optional<std::string> find_product_id(Connection& conn, const std::string& sku,
                                           std::int64_t& product_id) {
    auto found = product_id_of(conn, sku);
    if (!found)
        return "could not be looked up: " + found.error().message;
    if (!*found)
        return std::string(unknown_sku);
    product_id = **found;
    return std::nullopt;
}

std::uint64_t stream_size(std::istream& in) {
    const auto here = in.tellg();
    if (here < 0)
        return 0;
    in.seekg(0, std::ios::end);
    const auto end = in.tellg();
    in.seekg(here);
    return end > here ? static_cast<std::uint64_t>(end - here) : 0;
}

std::string without_value(const std::string& message, std::string_view value) {
    const std::string prefix = "'" + std::string(value) + "' ";
    return message.starts_with(prefix) ? message.substr(prefix.size()) : message;
}

std::string excerpt(std::string_view value) {
    constexpr std::size_t max = 80;
    if (value.size() <= max)
        return std::string(value);
    std::size_t cut = max;
    // Do not cut a UTF-8 sequence in half.
    while (cut > 0 && (static_cast<unsigned char>(value[cut]) & 0xC0) == 0x80)
        --cut;
    return std::string(value.substr(0, cut)) + "...";
}

}  // namespace detail
}  // namespace punchout::catalog
