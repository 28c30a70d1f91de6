// punchoutctl init: create the database (readable by its owner only) or migrate it.
#include "catalog/migration.hpp"
#include "tools/punchoutctl/cli.hpp"
#include "tools/punchoutctl/commands.hpp"

#include <filesystem>

namespace punchout::tools {

int run_init(Context& ctx, const std::vector<std::string>& args) {
    Options opts("init",
                 "Creates the database file (mode 0600) with the current schema, or brings an\n"
                 "existing one up to date. Running it again changes nothing.");
    if (!opts.parse(ctx, args))
        return 0;
    const std::string& path = ctx.require_db("init");
    const bool existed = std::filesystem::exists(path);
    auto db = open_db(ctx, "init", true);
    if (ctx.json) {
        Json::object()
            .set("database", path)
            .set("created", !existed)
            .set("schema_version", db.schema_version())
            .print(ctx.out);
    } else {
        print_fields(ctx.out, {{"database", path},
                               {"created", existed ? "no (already there)" : "yes"},
                               {"schema version", std::to_string(db.schema_version())}});
    }
    return 0;
}

}  // namespace punchout::tools
