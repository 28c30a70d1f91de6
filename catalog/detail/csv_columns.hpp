#pragma once

// Header handling for the simple CSV importers (prices, inventory): columns by name in any
// order, unknown and duplicate columns rejected by name, required ones checked.
#include "catalog/csv_reader.hpp"
#include "catalog/detail/import_support.hpp"

#include <optional>
#include <string>
#include <vector>

namespace punchout::catalog::detail {

/// Where each known column sits in the file (nullopt: absent).
class CsvColumns {
public:
    /// `known` lists the column names; the first `required` of them must be present.
    CsvColumns(std::vector<std::string> known, std::size_t required);

    /// Reads the header record; problems go to `issues`. False when there was one.
    bool bind(const CsvRecord& header, IssueList& issues);

    /// The index of column `k` (by its position in `known`), if the file has it.
    std::optional<std::size_t> index(std::size_t k) const { return index_[k]; }
    /// The field for column `k` in `rec`, or "" when the file lacks the column.
    const std::string& field(const CsvRecord& rec, std::size_t k) const;
    /// The line of column `k`'s field in `rec` (the record's line when absent).
    std::size_t line(const CsvRecord& rec, std::size_t k) const;
    /// Header width.
    std::size_t width() const noexcept { return width_; }
    const std::string& name(std::size_t k) const { return known_[k]; }

private:
    std::vector<std::string> known_;
    std::size_t required_;
    std::vector<std::optional<std::size_t>> index_;
    std::size_t width_ = 0;
};

}  // namespace punchout::catalog::detail
