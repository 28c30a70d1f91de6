#pragma once

#include "catalog/migration.hpp"

#include <cstddef>

namespace punchout::catalog::detail {

// Defined in the source file CMake generates from schemas/*.sql (embed_migrations.cmake).
extern const Migration embedded_migrations[];
extern const std::size_t embedded_migration_count;

}  // namespace punchout::catalog::detail
