#pragma once

#include <iosfwd>
#include <optional>
#include <stdexcept>
#include <string>
#include <vector>

namespace punchout::tools {

/// What every punchoutctl command gets: the global options and where to write.
struct Context {
    std::optional<std::string> db_path;  ///< --db FILE (commands that need it call require_db)
    bool json = false;                   ///< --json: machine-readable output on stdout
    bool stdout_is_terminal = false;     ///< progress bars only on a terminal
    bool stderr_is_terminal = false;
    std::ostream& out;
    std::ostream& err;

    /// The --db path, or a UsageError naming the command that needs it.
    const std::string& require_db(const std::string& command) const;
};

/// A command line that does not fit the command's shape: exit code 2.
struct UsageError : std::runtime_error {
    using std::runtime_error::runtime_error;
};

/// An operation that was understood but failed (bad file, unknown buyer, ...): exit code 1.
struct OperationError : std::runtime_error {
    using std::runtime_error::runtime_error;
};

/// A command group (`buyer`, `catalog`, ...): takes the words after the group name.
using CommandGroup = int (*)(Context& ctx, const std::vector<std::string>& args);

}  // namespace punchout::tools
