#pragma once

// What the punchoutctl command groups share: parsing a sub-command's options (with --help
// and usage errors), opening the database, reading secrets, turning catalog values into
// table cells and JSON, the import progress bar and report.
#include "catalog/amount.hpp"
#include "catalog/credential.hpp"
#include "catalog/database.hpp"
#include "catalog/import_report.hpp"
#include "catalog/result.hpp"
#include "catalog/timestamp.hpp"
#include "tools/punchoutctl/context.hpp"
#include "tools/punchoutctl/output.hpp"

#include <chrono>
#include <functional>
#include <optional>
#include <span>
#include <string>
#include <string_view>
#include <vector>

#include <boost/program_options.hpp>

namespace punchout::tools {

namespace po = boost::program_options;

/// One sub-command of a group (`buyer add`, `buyer list`, ...).
struct SubCommand {
    const char* name;
    const char* summary;
    int (*run)(Context& ctx, const std::vector<std::string>& args);
};

/// Runs the sub-command named by args[0]; prints the group's help for no words or --help,
/// and a usage error for an unknown sub-command.
int dispatch(Context& ctx, const std::string& group, const std::vector<std::string>& args,
             std::span<const SubCommand> commands);

/// A sub-command's command line: its usage line, options and positional arguments.
class Options {
public:
    /// `usage` is the line after "usage: punchoutctl [--db FILE] [--json] ", e.g.
    /// "buyer show ID"; `about` says what the command does.
    Options(std::string usage, std::string about);

    po::options_description_easy_init add() { return options_.add_options(); }
    /// Adds a positional argument taking one word (read it as std::string).
    Options& positional(const char* name);

    /// Parses `args`; false when --help was asked for (help printed: exit 0). Throws
    /// UsageError for anything that does not fit.
    bool parse(Context& ctx, const std::vector<std::string>& args);

    const po::variables_map& values() const { return values_; }
    /// Every option as given, in command-line order (for options whose order matters,
    /// such as `orders confirm --line N --qty Q --line M ...`).
    const std::vector<po::option>& in_order() const { return in_order_; }
    bool has(const char* name) const { return values_.count(name) > 0; }
    template <class T>
    const T& get(const char* name) const {
        return values_[name].as<T>();
    }
    /// A required option or positional argument; UsageError naming it when absent.
    template <class T>
    const T& need(const char* name) const {
        if (!has(name))
            throw UsageError(std::string("missing ") + display(name));
        return get<T>(name);
    }

private:
    std::string display(const char* name) const;

    std::string usage_, about_;
    po::options_description options_;
    po::positional_options_description positional_;
    std::vector<std::string> positional_names_;
    po::variables_map values_;
    std::vector<po::option> in_order_;
};

/// Opens the --db database. Only `init` creates one: for every other command a missing file
/// is an OperationError that says to run init.
catalog::Database open_db(Context& ctx, const std::string& command, bool create = false);

/// The value of a catalog Result, or an OperationError with its message.
template <class T>
T check(catalog::Result<T> r) {
    if (!r)
        throw OperationError(r.error().message);
    return std::move(*r);
}
inline void check(catalog::Result<void> r) {
    if (!r)
        throw OperationError(r.error().message);
}

/// `buyer enable ID`, `sender disable ID` and the like: sets the enabled flag with `apply`
/// and prints the id and the new state. `about` is the command's help text.
int set_enabled(Context& ctx, const std::vector<std::string>& args, const std::string& group,
                bool enabled, const std::string& about,
                catalog::Result<void> (*apply)(catalog::Connection&, std::string_view, bool));

/// Parsers for option values: a value that does not parse is a UsageError naming the option.
catalog::Credential parse_credential(const std::string& option, const std::string& text);
catalog::Amount parse_amount(const std::string& option, const std::string& text);
catalog::Timestamp parse_time(const std::string& option, const std::string& text);
std::vector<std::string> split_list(const std::string& text);  ///< "a,b, c" -> {a, b, c}

/// Reads a secret from FILE, or from standard input for "-". One trailing line break is
/// dropped. The secret is never echoed.
std::string read_secret(const std::string& option, const std::string& source);

/// Reads non-empty lines (e.g. a SKU list) from FILE or "-".
std::vector<std::string> read_lines(const std::string& option, const std::string& source);

/// Money with at least 2 decimals, quantities with as few as they need.
std::string money_text(catalog::Amount a);
Json money_json(catalog::Amount a);
Json quantity_json(catalog::Amount a);
std::string time_text(const std::optional<catalog::Timestamp>& t);  ///< "" when empty
Json time_json(const std::optional<catalog::Timestamp>& t);         ///< null when empty

/// Draws "rows, rows/s, percent, time left" on a terminal's stderr during an import, and
/// nothing when stderr is not a terminal.
class ProgressBar {
public:
    ProgressBar(Context& ctx, std::string label);
    ~ProgressBar();
    /// The callback for ImportOptions::progress.
    void update(const catalog::ImportProgress& p);
    void finish();

private:
    Context& ctx_;
    std::string label_;
    bool active_;
    bool drawn_ = false;
    std::chrono::steady_clock::time_point start_ = std::chrono::steady_clock::now();
};

/// Runs `import` with a progress bar labelled `file`, then prints its report: the exit code
/// of print_import_report.
int run_import(Context& ctx, const std::string& file,
               const std::function<catalog::ImportReport(const catalog::ImportOptions&)>& import);

/// Prints an import report (table or JSON) and returns the exit code: 0 applied, 1 not.
/// Issues go to stderr in table mode, into the JSON otherwise.
int print_import_report(Context& ctx, const catalog::ImportReport& report);

}  // namespace punchout::tools
