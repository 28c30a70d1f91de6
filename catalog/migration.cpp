#include "catalog/migration.hpp"

#include "catalog/detail/embedded_migrations.hpp"

namespace punchout::catalog {

std::span<const Migration> builtin_migrations() noexcept {
    return {detail::embedded_migrations, detail::embedded_migration_count};
}

int latest_schema_version() noexcept {
    auto all = builtin_migrations();
    return all.empty() ? 0 : all.back().version;
}

}  // namespace punchout::catalog
