// punchoutctl: the admin command line. Global options are taken from anywhere on the line
// (`punchoutctl --db F buyer list --json` and `punchoutctl buyer list --db F --json` are the
// same); the first other word names the command group, which parses the rest itself.
#include "tools/punchoutctl/commands.hpp"

#include <cstring>
#include <exception>
#include <iostream>
#include <string>
#include <unistd.h>
#include <vector>

namespace {

using namespace punchout::tools;

struct Group {
    const char* name;
    CommandGroup run;
    const char* summary;
};

constexpr Group groups[] = {
    {"init", run_init, "create or migrate the database"},
    {"buyer", run_buyer, "buyers: add, list, show, set, disable, enable, credential"},
    {"sender", run_sender, "who may post for which buyers: add, list, show, set, disable"},
    {"catalog", run_catalog, "products: import CSV or CIF, show, list, search, delete"},
    {"prices", run_prices, "buyer contract prices: set, import, list, delete, resolve"},
    {"inventory", run_inventory, "stock per warehouse: set, import, show"},
    {"cxml", run_cxml, "check cXML documents (no database needed)"},
    {"orders", run_orders, "purchase orders: list, show, confirm, ship, invoice"},
    {"outbox", run_outbox, "documents to buyers: list, show, retry"},
    {"api-client", run_api_client, "integration API clients: add, list, rotate, disable"},
};

void print_usage(std::ostream& os) {
    os << "usage: punchoutctl [--db FILE] [--json] COMMAND ...\n\n"
          "Manage the punchout gateway's catalog store.\n\n"
          "Global options:\n"
          "  --db FILE   the SQLite database file\n"
          "  --json      print JSON instead of a table\n"
          "  -h, --help  this help; `punchoutctl COMMAND --help` for a command\n\n"
          "Commands:\n";
    for (const auto& g : groups) {
        std::string name = g.name;
        os << "  " << name << std::string(12 - name.size(), ' ') << g.summary << '\n';
    }
}

}  // namespace

namespace punchout::tools {

const std::string& Context::require_db(const std::string& command) const {
    if (!db_path)
        throw UsageError(command + " needs --db FILE");
    return *db_path;
}

}  // namespace punchout::tools

int main(int argc, char** argv) {
    Context ctx{.db_path = {},
                .json = false,
                .stdout_is_terminal = false,
                .stderr_is_terminal = false,
                .out = std::cout,
                .err = std::cerr};
    ctx.stdout_is_terminal = ::isatty(STDOUT_FILENO) == 1;
    ctx.stderr_is_terminal = ::isatty(STDERR_FILENO) == 1;

    std::vector<std::string> rest;
    bool help = false;
    for (int i = 1; i < argc; ++i) {
        std::string arg = argv[i];
        if (arg == "--json") {
            ctx.json = true;
        } else if (arg == "--db") {
            if (i + 1 >= argc) {
                std::cerr << "punchoutctl: --db needs a FILE\n";
                return 2;
            }
            ctx.db_path = argv[++i];
        } else if (arg.rfind("--db=", 0) == 0) {
            ctx.db_path = arg.substr(5);
        } else if (rest.empty() && (arg == "-h" || arg == "--help")) {
            help = true;
        } else {
            rest.push_back(std::move(arg));
        }
    }
    if (rest.empty()) {
        print_usage(help ? std::cout : std::cerr);
        return help ? 0 : 2;
    }

    const std::string group = rest.front();
    rest.erase(rest.begin());
    for (const auto& g : groups) {
        if (group != g.name)
            continue;
        try {
            return g.run(ctx, rest);
        } catch (const UsageError& e) {
            std::cerr << "punchoutctl " << group << ": " << e.what() << "\n"
                      << "Try 'punchoutctl " << group << " --help'.\n";
            return 2;
        } catch (const std::exception& e) {
            std::cerr << "punchoutctl " << group << ": " << e.what() << '\n';
            return 1;
        }
    }
    std::cerr << "punchoutctl: unknown command '" << group << "'\n\n";
    print_usage(std::cerr);
    return 2;
}
