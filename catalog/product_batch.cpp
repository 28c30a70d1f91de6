#include "catalog/product_batch.hpp"

#include "catalog/detail/batch_size.hpp"
#include "catalog/detail/field_rules.hpp"
#include "catalog/detail/product_stage.hpp"
#include "catalog/write_transaction.hpp"

#include <map>
#include <set>

namespace punchout::catalog {
namespace {

using detail::ColumnBinding;
using detail::ProductColumn;

constexpr std::size_t bit(ProductColumn c) {
    return static_cast<std::size_t>(c);
}

// Attribute names follow the file import's rule for attr:NAME headers.
constexpr std::size_t max_attribute_name = 255;

std::optional<ProductColumn> column_named(const std::string& name) {
    for (const auto& c : detail::csv_product_columns()) {
        if (name == c.name)
            return c.target;
    }
    return std::nullopt;
}

// One row as the file import sees a line: its columns and their values. A problem with
// the row's shape (an unknown or missing field) goes to `problem`.
struct RowColumns {
    std::vector<ColumnBinding> columns;
    std::vector<std::string> values;
    detail::ColumnSet present;
};

template <class Problem>
RowColumns columns_of(const ProductUpdate& row, Problem&& problem) {
    RowColumns out;
    for (const auto& [name, value] : row.fields) {
        const auto target = column_named(name);
        if (!target) {
            problem(name, "is not a product field");
            continue;
        }
        if (out.present.test(bit(*target))) {
            problem(name, "is given twice");
            continue;
        }
        out.present.set(bit(*target));
        out.columns.push_back({*target, name, ""});
        out.values.push_back(value);
    }
    const auto named = detail::csv_product_columns();
    for (std::size_t r = 0; r < detail::csv_required_columns; ++r) {
        if (!out.present.test(bit(named[r].target)))
            problem(named[r].name, "is missing");
    }
    if (row.attributes) {
        out.present.set(bit(ProductColumn::attribute));
        std::set<std::string> seen;
        for (const auto& [name, value] : *row.attributes) {
            const std::string field = "attributes." + name;
            if (name.empty() || detail::check_text(name, max_attribute_name)) {
                problem(field, "needs a name of 1-255 characters of text");
                continue;
            }
            if (!seen.insert(name).second) {
                problem(field, "is given twice");
                continue;
            }
            out.columns.push_back({ProductColumn::attribute, field, name});
            out.values.push_back(value);
        }
    }
    return out;
}

}  // namespace

std::vector<std::string_view> product_field_names() {
    static_assert(required_product_fields == detail::csv_required_columns);
    std::vector<std::string_view> names;
    for (const auto& c : detail::csv_product_columns())
        names.emplace_back(c.name);
    return names;
}

Result<ProductBatchResult> apply_product_batch(Connection& conn,
                                               const std::vector<ProductUpdate>& batch,
                                               Timestamp at) {
    if (auto refused = detail::batch_size_error(batch.size(), max_product_batch,
                                                "a whole catalog is a file import"))
        return *refused;
    ProductBatchResult result;
    // Rows grouped by the fields they give, so each group is applied as a file with those
    // columns would be: a field a row leaves out keeps its stored value.
    static_assert(detail::ColumnSet().size() <= sizeof(unsigned long) * 8);
    std::map<unsigned long, std::pair<detail::ColumnSet, std::vector<detail::StagedProduct>>>
        groups;
    std::map<std::string, std::size_t> skus;
    for (std::size_t i = 0; i < batch.size(); ++i) {
        auto problem = [&](const std::string& field, std::string message) {
            result.problems.push_back({i, field, std::move(message)});
        };
        const std::size_t before = result.problems.size();
        auto row = columns_of(batch[i], problem);
        if (result.problems.size() != before)
            continue;
        // The file import's checks and words; the "line" is the row, 1-based.
        detail::IssueList issues("", row.columns.size() + 1);
        const std::vector<std::size_t> lines(row.columns.size(), i + 1);
        detail::StagedProduct staged;
        if (!detail::check_product_row(row.values, lines, row.columns, "", staged, issues)) {
            ImportReport report;
            issues.move_into(report);
            for (auto& issue : report.issues)
                problem(issue.column, std::move(issue.message));
            continue;
        }
        if (auto [it, fresh] = skus.emplace(staged.sku, i); !fresh) {
            problem("sku",
                    "appears twice in the batch (first in row " + std::to_string(it->second) + ")");
            continue;
        }
        auto& group = groups[row.present.to_ulong()];
        group.first = row.present;
        group.second.push_back(std::move(staged));
    }
    if (!result.problems.empty())
        return result;

    auto tx = WriteTransaction::begin(conn);
    if (!tx)
        return tx.error();
    for (const auto& [key, group] : groups) {
        detail::ProductStage stage(conn, detail::StageTransaction::join);
        for (const auto& row : group.second) {
            if (auto r = stage.add(row, 0); !r)
                return r.error();
        }
        if (auto r = stage.finish(); !r)
            return r.error();
        auto counts = stage.apply(group.first, false, at);
        if (!counts)
            return counts.error();
        result.inserted += counts->inserted;
        result.updated += counts->updated;
        result.unchanged += counts->unchanged;
    }
    if (auto r = tx->commit(); !r)
        return r.error();
    return result;
}

}  // namespace punchout::catalog
