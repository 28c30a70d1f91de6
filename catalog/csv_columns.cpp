#include "catalog/detail/csv_columns.hpp"

#include "catalog/detail/field_rules.hpp"

namespace punchout::catalog::detail {

CsvColumns::CsvColumns(std::vector<std::string> known, std::size_t required)
    : known_(std::move(known)), required_(required), index_(known_.size()) {}

bool CsvColumns::bind(const CsvRecord& header, IssueList& issues) {
    const std::uint64_t before = issues.count();
    width_ = header.fields.size();
    std::string expected;
    for (const auto& k : known_)
        expected += (expected.empty() ? "" : ", ") + k;
    for (std::size_t i = 0; i < header.fields.size(); ++i) {
        const std::string raw(trim(header.fields[i]));
        const std::string name = lower(raw);
        bool known = false;
        for (std::size_t k = 0; k < known_.size(); ++k) {
            if (name != known_[k])
                continue;
            known = true;
            if (index_[k])
                issues.add(header.lines[i], raw, raw, "appears twice in the header");
            else
                index_[k] = i;
        }
        if (!known) {
            issues.add(header.lines[i], raw, raw,
                       "is not a column of this file (expected: " + expected + ")");
        }
    }
    for (std::size_t k = 0; k < required_; ++k) {
        if (!index_[k])
            issues.add(header.line, known_[k], "", "required column is missing");
    }
    return issues.count() == before;
}

const std::string& CsvColumns::field(const CsvRecord& rec, std::size_t k) const {
    static const std::string empty;
    return index_[k] ? rec.fields[*index_[k]] : empty;
}

std::size_t CsvColumns::line(const CsvRecord& rec, std::size_t k) const {
    return index_[k] ? rec.lines[*index_[k]] : rec.line;
}

}  // namespace punchout::catalog::detail
