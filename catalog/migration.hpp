#pragma once

#include <span>
#include <string_view>

namespace punchout::catalog {

/// One schema step: `schemas/NNN_name.sql`, applied once, in version order.
struct Migration {
    int version = 0;        ///< NNN from the file name; versions run 1, 2, 3 ... without gaps
    std::string_view name;  ///< the file name, e.g. "001_products.sql"
    std::string_view sql;   ///< the file's text, embedded at build time
};

/// The migrations compiled into this binary, in version order.
std::span<const Migration> builtin_migrations() noexcept;

/// The schema version a freshly migrated database has (the last builtin migration's).
int latest_schema_version() noexcept;

}  // namespace punchout::catalog
