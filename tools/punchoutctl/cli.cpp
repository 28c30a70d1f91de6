#include "tools/punchoutctl/cli.hpp"

#include <cstdio>
#include <filesystem>
#include <fstream>
#include <iostream>
#include <sstream>

namespace punchout::tools {
namespace {

std::string strip_line_break(std::string s) {
    if (!s.empty() && s.back() == '\n')
        s.pop_back();
    if (!s.empty() && s.back() == '\r')
        s.pop_back();
    return s;
}

std::string read_source(const std::string& option, const std::string& source) {
    if (source == "-") {
        std::ostringstream text;
        text << std::cin.rdbuf();
        return text.str();
    }
    std::ifstream in(source, std::ios::binary);
    if (!in)
        throw OperationError(option + ": cannot read " + source);
    std::ostringstream text;
    text << in.rdbuf();
    return text.str();
}

std::string with_thousands(std::uint64_t n) {
    std::string digits = std::to_string(n);
    std::string out;
    for (std::size_t i = 0; i < digits.size(); ++i) {
        if (i > 0 && (digits.size() - i) % 3 == 0)
            out += ',';
        out += digits[i];
    }
    return out;
}

}  // namespace

int dispatch(Context& ctx, const std::string& group, const std::vector<std::string>& args,
             std::span<const SubCommand> commands) {
    auto help = [&](std::ostream& os) {
        os << "usage: punchoutctl [--db FILE] [--json] " << group << " COMMAND ...\n\nCommands:\n";
        std::size_t width = 0;
        for (const auto& c : commands)
            width = std::max(width, std::string(c.name).size());
        for (const auto& c : commands) {
            const std::string name = c.name;
            os << "  " << name << std::string(width - name.size() + 2, ' ') << c.summary << '\n';
        }
        os << "\n'punchoutctl " << group << " COMMAND --help' shows a command's options.\n";
    };
    if (args.empty()) {
        help(ctx.err);
        return 2;
    }
    if (args[0] == "--help" || args[0] == "-h") {
        help(ctx.out);
        return 0;
    }
    for (const auto& c : commands) {
        if (args[0] == c.name) {
            return c.run(ctx, std::vector<std::string>(args.begin() + 1, args.end()));
        }
    }
    throw UsageError("unknown command '" + args[0] + "'");
}

Options::Options(std::string usage, std::string about)
    : usage_(std::move(usage)), about_(std::move(about)), options_("Options") {
    options_.add_options()("help,h", "show this help");
}

Options& Options::positional(const char* name) {
    options_.add_options()(name, po::value<std::string>(), "");
    positional_.add(name, 1);
    positional_names_.emplace_back(name);
    return *this;
}

std::string Options::display(const char* name) const {
    for (const auto& p : positional_names_) {
        if (p == name) {
            std::string upper = name;
            for (char& c : upper)
                c = static_cast<char>(std::toupper(static_cast<unsigned char>(c)));
            return upper;
        }
    }
    return std::string("--") + name;
}

bool Options::parse(Context& ctx, const std::vector<std::string>& args) {
    try {
        auto parsed = po::command_line_parser(args).options(options_).positional(positional_).run();
        in_order_ = parsed.options;
        po::store(parsed, values_);
        po::notify(values_);
    } catch (const po::error& e) {
        throw UsageError(e.what());
    }
    if (values_.count("help")) {
        ctx.out << "usage: punchoutctl [--db FILE] [--json] " << usage_ << "\n\n"
                << about_ << "\n\n";
        // Positional arguments are in the usage line; list only real options.
        po::options_description shown("Options");
        for (const auto& opt : options_.options()) {
            bool is_positional = false;
            for (const auto& p : positional_names_)
                is_positional |= opt->long_name() == p;
            if (!is_positional)
                shown.add(opt);
        }
        ctx.out << shown << '\n';
        return false;
    }
    return true;
}

catalog::Database open_db(Context& ctx, const std::string& command, bool create) {
    const std::string& path = ctx.require_db(command);
    if (!create && !std::filesystem::exists(path)) {
        throw OperationError("database " + path +
                             " does not exist (create it with 'punchoutctl "
                             "--db " +
                             path + " init')");
    }
    try {
        return catalog::Database::open(path);
    } catch (const std::exception& e) {
        throw OperationError(e.what());
    }
}

int set_enabled(Context& ctx, const std::vector<std::string>& args, const std::string& group,
                bool enabled, const std::string& about,
                catalog::Result<void> (*apply)(catalog::Connection&, std::string_view, bool)) {
    const std::string name = group + (enabled ? " enable" : " disable");
    Options opts(name + " ID", about);
    opts.positional("id");
    if (!opts.parse(ctx, args))
        return 0;
    auto db = open_db(ctx, name);
    auto conn = db.connect();
    const auto& id = opts.need<std::string>("id");
    check(apply(conn, id, enabled));
    if (ctx.json) {
        Json::object().set("id", id).set("enabled", enabled).print(ctx.out);
    } else {
        ctx.out << group << " '" << id << "' " << (enabled ? "enabled" : "disabled") << '\n';
    }
    return 0;
}

catalog::Credential parse_credential(const std::string& option, const std::string& text) {
    const auto colon = text.find(':');
    if (colon == std::string::npos || colon == 0 || colon + 1 == text.size()) {
        throw UsageError(option + " '" + text +
                         "' is not DOMAIN:IDENTITY (e.g. NetworkID:AN01000000087)");
    }
    return {text.substr(0, colon), text.substr(colon + 1)};
}

catalog::Amount parse_amount(const std::string& option, const std::string& text) {
    auto a = catalog::Amount::parse(text);
    if (!a)
        throw UsageError(option + ": " + a.error().message);
    return *a;
}

catalog::Timestamp parse_time(const std::string& option, const std::string& text) {
    auto t = catalog::parse_timestamp(text);
    if (!t)
        throw UsageError(option + ": " + t.error().message);
    return *t;
}

std::vector<std::string> split_list(const std::string& text) {
    std::vector<std::string> out;
    std::size_t start = 0;
    for (;;) {
        const auto comma = text.find(',', start);
        std::string part = text.substr(start, comma - start);
        const auto b = part.find_first_not_of(" \t"), e = part.find_last_not_of(" \t");
        if (b != std::string::npos)
            out.push_back(part.substr(b, e - b + 1));
        if (comma == std::string::npos)
            return out;
        start = comma + 1;
    }
}

std::string read_secret(const std::string& option, const std::string& source) {
    std::string secret = strip_line_break(read_source(option, source));
    if (secret.empty())
        throw OperationError(option + ": " + source + " holds no secret");
    return secret;
}

std::vector<std::string> read_lines(const std::string& option, const std::string& source) {
    std::istringstream in(read_source(option, source));
    std::vector<std::string> lines;
    std::string line;
    while (std::getline(in, line)) {
        line = strip_line_break(line + "\n");
        if (!line.empty())
            lines.push_back(line);
    }
    return lines;
}

std::string money_text(catalog::Amount a) {
    return a.to_string(2);
}
Json money_json(catalog::Amount a) {
    return Json::number(a.to_string(2));
}
Json quantity_json(catalog::Amount a) {
    return Json::number(a.to_string());
}

std::string time_text(const std::optional<catalog::Timestamp>& t) {
    return t ? catalog::format_timestamp(*t) : "";
}

Json time_json(const std::optional<catalog::Timestamp>& t) {
    return t ? Json(catalog::format_timestamp(*t)) : Json();
}

ProgressBar::ProgressBar(Context& ctx, std::string label)
    : ctx_(ctx), label_(std::move(label)), active_(ctx.stderr_is_terminal) {}

ProgressBar::~ProgressBar() {
    finish();
}

void ProgressBar::update(const catalog::ImportProgress& p) {
    if (!active_)
        return;
    using Phase = catalog::ImportProgress::Phase;
    const double seconds =
        std::chrono::duration<double>(std::chrono::steady_clock::now() - start_).count();
    std::string line = "\r\033[K" + label_ + ": " + with_thousands(p.rows) + " rows";
    if (p.phase == Phase::validating) {
        if (seconds > 0.2) {
            line += ", " + with_thousands(static_cast<std::uint64_t>(p.rows / seconds)) + " rows/s";
        }
        if (p.total_bytes > 0 && p.bytes > 0) {
            const double done = static_cast<double>(p.bytes) / static_cast<double>(p.total_bytes);
            char buf[64];
            const int left = static_cast<int>(seconds / done - seconds);
            std::snprintf(buf, sizeof buf, ", %d%%, about %d:%02d left",
                          static_cast<int>(done * 100), left / 60, left % 60);
            line += buf;
        }
    } else if (p.phase == Phase::applying) {
        line += " checked; applying in one transaction...";
    } else {
        line += " done";
    }
    ctx_.err << line << std::flush;
    drawn_ = true;
}

void ProgressBar::finish() {
    if (active_ && drawn_)
        ctx_.err << "\r\033[K" << std::flush;
    drawn_ = false;
}

int run_import(Context& ctx, const std::string& file,
               const std::function<catalog::ImportReport(const catalog::ImportOptions&)>& import) {
    ProgressBar bar(ctx, file);
    catalog::ImportOptions options;
    options.progress = [&](const catalog::ImportProgress& p) { bar.update(p); };
    const auto report = import(options);
    bar.finish();
    return print_import_report(ctx, report);
}

int print_import_report(Context& ctx, const catalog::ImportReport& r) {
    auto secs = [](std::chrono::microseconds us) {
        char buf[32];
        std::snprintf(buf, sizeof buf, "%.3f", static_cast<double>(us.count()) / 1e6);
        return std::string(buf);
    };
    if (ctx.json) {
        Json issues = Json::array();
        for (const auto& i : r.issues) {
            issues.push(Json::object()
                            .set("file", i.file)
                            .set("line", static_cast<long long>(i.line))
                            .set("column", i.column)
                            .set("value", i.value)
                            .set("message", i.message));
        }
        Json::object()
            .set("file", r.file)
            .set("applied", r.applied)
            .set("rows", static_cast<long long>(r.rows))
            .set("inserted", static_cast<long long>(r.inserted))
            .set("updated", static_cast<long long>(r.updated))
            .set("unchanged", static_cast<long long>(r.unchanged))
            .set("deleted", static_cast<long long>(r.deleted))
            .set("issue_count", static_cast<long long>(r.issue_count))
            .set("issues", std::move(issues))
            .set("seconds", Json::object()
                                .set("validate", Json::number(secs(r.validate_time)))
                                .set("write_lock", Json::number(secs(r.lock_time)))
                                .set("total", Json::number(secs(r.total_time))))
            .print(ctx.out);
    } else if (r.applied) {
        print_fields(ctx.out, {{"file", r.file},
                               {"rows", std::to_string(r.rows)},
                               {"inserted", std::to_string(r.inserted)},
                               {"updated", std::to_string(r.updated)},
                               {"unchanged", std::to_string(r.unchanged)},
                               {"deleted", std::to_string(r.deleted)},
                               {"write lock held", secs(r.lock_time) + " s"},
                               {"total", secs(r.total_time) + " s"}});
    } else {
        for (const auto& i : r.issues)
            ctx.err << i.to_string() << '\n';
        if (r.issue_count > r.issues.size()) {
            ctx.err << "... and " << (r.issue_count - r.issues.size()) << " more\n";
        }
        ctx.err << r.file << ": nothing was imported (" << r.issue_count
                << (r.issue_count == 1 ? " problem" : " problems") << ")\n";
    }
    return r.applied ? 0 : 1;
}

}  // namespace punchout::tools
