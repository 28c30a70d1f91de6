#include "catalog/schema_version.hpp"

namespace punchout::catalog {

int latest_schema_version() noexcept { return 0; }

}  // namespace punchout::catalog
