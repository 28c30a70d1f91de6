#pragma once

namespace punchout::catalog {

/// The schema version a freshly migrated database has.
int latest_schema_version() noexcept;

}  // namespace punchout::catalog
