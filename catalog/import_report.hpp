#pragma once

#include "catalog/timestamp.hpp"

#include <chrono>
#include <cstddef>
#include <cstdint>
#include <functional>
#include <optional>
#include <string>
#include <vector>

namespace punchout::catalog {

/// One thing wrong with an import file, precise enough to fix it.
struct ImportIssue {
    std::string file;      ///< the file name as given
    std::size_t line = 0;  ///< 1-based physical line (0: the file as a whole)
    std::string column;    ///< column name, empty when the issue is about the whole row
    std::string value;     ///< the offending value as read
    std::string message;   ///< what is wrong, e.g. "is not a UNSPSC code (exactly 8 digits ...)"

    /// "catalog.csv:12: column 'unspsc': '4321.15.00' is not a UNSPSC code ..."
    std::string to_string() const;
};

/// Where an import is, for a progress display.
struct ImportProgress {
    enum class Phase { validating, applying, done };
    Phase phase = Phase::validating;
    std::uint64_t rows = 0;         ///< data rows read so far
    std::uint64_t bytes = 0;        ///< bytes read so far
    std::uint64_t total_bytes = 0;  ///< the file size (0 when unknown, e.g. a pipe)
};

/// Knobs shared by every importer.
struct ImportOptions {
    /// Called every few thousand rows and at each phase change; may be empty.
    std::function<void(const ImportProgress&)> progress{};
    /// At most this many issues are listed (all are counted).
    std::size_t max_issues = 10;
    /// The time written into created_at/updated_at; now() when empty.
    std::optional<Timestamp> now{};
    /// Catalog imports that change more rows than this, and full loads, build the next
    /// catalog beside the serving one and swap it in, holding the write lock a few
    /// milliseconds at a time (catalog/README-import-swap.md); smaller ones are written in
    /// place in one transaction.
    std::int64_t in_place_max_rows = 1000;
};

/// What an import did. Either every row was applied (`applied`), all at once for readers,
/// or nothing was (`issues` says why).
struct ImportReport {
    std::string file;
    bool applied = false;
    std::uint64_t rows = 0;           ///< data rows in the file
    std::uint64_t inserted = 0;       ///< new rows
    std::uint64_t updated = 0;        ///< existing rows that changed
    std::uint64_t unchanged = 0;      ///< existing rows the file left as they were
    std::uint64_t deleted = 0;        ///< rows removed (CIF deletes, full loads, replaced lists)
    std::vector<ImportIssue> issues;  ///< the first max_issues problems, in file order
    std::uint64_t issue_count = 0;    ///< all problems found
    std::chrono::microseconds validate_time{0};  ///< reading and checking, no lock held
    std::chrono::microseconds lock_time{0};      ///< the longest the write lock was held at once
    std::chrono::microseconds total_time{0};     ///< the whole call
};

}  // namespace punchout::catalog
