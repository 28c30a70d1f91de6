// punchoutctl cxml: reads cXML documents and says what they are and what is wrong with them.
// It needs no database.
#include "cxml/parse.hpp"
#include "cxml/platform_check.hpp"
#include "tools/punchoutctl/commands.hpp"
#include "tools/punchoutctl/output.hpp"

#include <fstream>
#include <iterator>
#include <ostream>
#include <sstream>
#include <string>
#include <vector>

#include <boost/program_options.hpp>

namespace po = boost::program_options;

namespace punchout::tools {

namespace {

constexpr const char* group_usage =
    "usage: punchoutctl cxml COMMAND ...\n\n"
    "Check cXML documents the way the gateway reads them (no database needed).\n\n"
    "Commands:\n"
    "  check FILE...   read each file; print its type, deployment mode, From/To/Sender,\n"
    "                  line count, and every error or deviation with its location;\n"
    "                  with --platform P, what that buyer system would cut, change or\n"
    "                  refuse in a cart (PunchOutOrderMessage)\n\n"
    "Exit codes: 0 every file accepted, 1 a file rejected (or a cart the platform\n"
    "refuses), 2 usage error.\n";

struct Checked {
    std::string file;
    std::optional<cxml::ParseResult> result;  // empty when the file could not be read
    std::string read_error;
    std::vector<cxml::PlatformFinding> findings;  // with --platform
    bool platform_checked = false;                // the file is a cart and was checked
};

// The cart in a document, if it is one.
const cxml::PunchOutOrderMessage* cart_of(const cxml::Document& doc) {
    const auto* message = std::get_if<cxml::Message>(&doc.body);
    if (!message)
        return nullptr;
    return std::get_if<cxml::PunchOutOrderMessage>(&message->payload);
}

std::string finding_text(const cxml::PlatformFinding& f) {
    std::string where = f.line == 0 ? std::string("cart") : "line " + std::to_string(f.line);
    return std::string(cxml::to_string(f.severity)) + " (" + where + ", " + f.field +
           "): " + f.problem + " Fix: " + f.fix;
}

std::string trimmed(const std::string& s) {
    const auto first = s.find_first_not_of(" \t\r\n");
    if (first == std::string::npos)
        return {};
    const auto last = s.find_last_not_of(" \t\r\n");
    return s.substr(first, last - first + 1);
}

std::string identities(const std::vector<cxml::Credential>& credentials) {
    std::string s;
    for (const auto& c : credentials) {
        if (!s.empty())
            s += ", ";
        s += c.domain + ":" + trimmed(c.identity);
    }
    return s;
}

Json identities_json(const std::vector<cxml::Credential>& credentials) {
    Json a = Json::array();
    for (const auto& c : credentials) {
        Json o = Json::object();
        o.set("domain", c.domain);
        o.set("identity", c.identity);
        a.push(std::move(o));
    }
    return a;
}

Json location_json(const cxml::Location& where) {
    Json o = Json::object();
    o.set("path", where.path);
    o.set("line", static_cast<long long>(where.line));
    o.set("column", static_cast<long long>(where.column));
    o.set("offset", static_cast<long long>(where.offset));
    return o;
}

std::string with_location(const std::string& message, const cxml::Location& where) {
    const std::string at = where.to_string();
    return at.empty() ? message : message + " (" + at + ")";
}

bool accepted(const Checked& c) {
    return c.result && c.result->ok() && !cxml::refuses(c.findings);
}

void print_json(std::ostream& out, const std::vector<Checked>& checked) {
    Json files = Json::array();
    std::size_t ok = 0;
    for (const auto& c : checked) {
        Json f = Json::object();
        f.set("file", c.file);
        f.set("accepted", accepted(c));
        if (!c.result) {
            f.set("error", Json::object()
                               .set("kind", "unreadable")
                               .set("status", Json())
                               .set("message", c.read_error));
            f.set("deviations", Json::array());
            files.push(std::move(f));
            continue;
        }
        const auto& r = *c.result;
        if (r.ok()) {
            ++ok;
            const cxml::Document& doc = r.value();
            const auto mode = cxml::deployment_mode(doc);
            f.set("type", std::string(cxml::to_string(cxml::document_type(doc))));
            f.set("element", std::string(cxml::body_element(doc)));
            f.set("deployment_mode", mode ? Json(std::string(cxml::to_string(*mode))) : Json());
            f.set("payload_id", doc.payload_id);
            f.set("timestamp", doc.timestamp.to_string());
            f.set("from", identities_json(doc.header.from.credentials));
            f.set("to", identities_json(doc.header.to.credentials));
            f.set("sender", identities_json(doc.header.sender.credentials));
            f.set("lines", static_cast<long long>(cxml::line_count(doc)));
            f.set("error", Json());
        } else {
            const auto& e = r.error();
            Json err = Json::object();
            err.set("kind", std::string(cxml::to_string(e.kind)));
            err.set("status", static_cast<long long>(e.status));
            err.set("message", e.message);
            err.set("element", e.element);
            err.set("location", location_json(e.where));
            f.set("error", std::move(err));
        }
        Json devs = Json::array();
        for (const auto& d : r.deviations()) {
            devs.push(
                Json::object().set("message", d.message).set("location", location_json(d.where)));
        }
        f.set("deviations", std::move(devs));
        Json findings = Json::array();
        for (const auto& x : c.findings) {
            findings.push(Json::object()
                              .set("line", static_cast<long long>(x.line))
                              .set("field", x.field)
                              .set("severity", std::string(cxml::to_string(x.severity)))
                              .set("problem", x.problem)
                              .set("fix", x.fix));
        }
        f.set("platform_checked", c.platform_checked);
        f.set("platform_findings", std::move(findings));
        files.push(std::move(f));
    }
    Json root = Json::object();
    root.set("files", std::move(files));
    root.set("accepted", static_cast<long long>(ok));
    root.set("rejected", static_cast<long long>(checked.size() - ok));
    root.print(out);
}

void print_table(std::ostream& out, const std::vector<Checked>& checked) {
    Table table({"FILE", "RESULT", "TYPE", "MODE", "FROM", "TO", "SENDER", "LINES", "ISSUES"});
    std::vector<std::string> issues;
    for (const auto& c : checked) {
        if (!c.result) {
            table.add_row({c.file, "rejected", "-", "-", "-", "-", "-", "-", "1"});
            issues.push_back(c.file + ": error: " + c.read_error);
            continue;
        }
        const auto& r = *c.result;
        const std::string count =
            std::to_string(r.deviations().size() + (r.ok() ? 0 : 1) + c.findings.size());
        if (r.ok()) {
            const cxml::Document& doc = r.value();
            const auto mode = cxml::deployment_mode(doc);
            std::string type(cxml::to_string(cxml::document_type(doc)));
            if (cxml::document_type(doc) == cxml::DocumentType::unsupported) {
                type = std::string(cxml::body_element(doc)) + " (not handled)";
            }
            table.add_row(
                {c.file, cxml::refuses(c.findings) ? "refused by the platform" : "accepted", type,
                 mode ? std::string(cxml::to_string(*mode)) : "-",
                 identities(doc.header.from.credentials), identities(doc.header.to.credentials),
                 identities(doc.header.sender.credentials), std::to_string(cxml::line_count(doc)),
                 count});
        } else {
            const auto& e = r.error();
            table.add_row({c.file, "rejected (" + std::to_string(e.status) + ")", "-", "-", "-",
                           "-", "-", "-", count});
            issues.push_back(c.file + ": error " + std::to_string(e.status) + " " +
                             std::string(cxml::to_string(e.kind)) + ": " +
                             with_location(e.message, e.where));
        }
        for (const auto& d : r.deviations()) {
            issues.push_back(c.file + ": deviation: " + with_location(d.message, d.where));
        }
        for (const auto& f : c.findings)
            issues.push_back(c.file + ": " + finding_text(f));
    }
    table.print(out);
    if (!issues.empty()) {
        out << '\n';
        for (const auto& line : issues)
            out << line << '\n';
    }
}

int run_check(Context& ctx, const std::vector<std::string>& args) {
    cxml::ParseOptions limits;
    std::vector<std::string> files;
    std::string platform_name;
    std::string transport = "cxml-base64";
    po::options_description options("Options");
    options.add_options()("help,h", "this help")(
        "max-bytes", po::value<std::size_t>(&limits.max_bytes)->default_value(limits.max_bytes),
        "refuse larger documents (413)")(
        "max-depth", po::value<std::size_t>(&limits.max_depth)->default_value(limits.max_depth),
        "refuse deeper nesting (413)")(
        "platform", po::value<std::string>(&platform_name),
        "check carts against a buyer system: generic, ariba, coupa, jaggaer, oracle, sap-srm")(
        "transport", po::value<std::string>(&transport)->default_value(transport),
        "how the cart travels: cxml-base64 or cxml-urlencoded (which must be us-ascii)");
    po::options_description hidden;
    hidden.add_options()("file", po::value<std::vector<std::string>>(&files));
    po::options_description all;
    all.add(options).add(hidden);
    po::positional_options_description positional;
    positional.add("file", -1);

    po::variables_map vm;
    try {
        po::store(po::command_line_parser(args).options(all).positional(positional).run(), vm);
        po::notify(vm);
    } catch (const po::error& e) {
        throw UsageError(std::string("check: ") + e.what());
    }
    if (vm.count("help") != 0) {
        ctx.out << "usage: punchoutctl cxml check [--max-bytes N] [--max-depth N] [--json]\n"
                   "       [--platform P [--transport cxml-base64|cxml-urlencoded]] FILE...\n\n"
                   "Reads each cXML file as the gateway would and prints its document type,\n"
                   "deployment mode, From/To/Sender identities, number of lines, and every\n"
                   "error or deviation with its line, byte offset and element path. With\n"
                   "--platform, a cart (PunchOutOrderMessage) is also checked against that\n"
                   "buyer system's limits (docs/platform-profiles.md): what it would cut,\n"
                   "change or refuse, and how to fix it.\n"
                   "Exit code 1 when any file is rejected or a cart would be refused.\n\n"
                << options;
        return 0;
    }
    if (files.empty())
        throw UsageError("check needs at least one FILE");
    std::optional<cxml::Platform> platform;
    if (!platform_name.empty()) {
        platform = cxml::parse_platform(platform_name);
        if (!platform)
            throw UsageError("--platform: generic, ariba, coupa, jaggaer, oracle or sap-srm");
    }
    if (transport != "cxml-base64" && transport != "cxml-urlencoded")
        throw UsageError("--transport: cxml-base64 or cxml-urlencoded");
    const auto encoding = transport == "cxml-urlencoded" ? cxml::CartEncoding::urlencoded
                                                         : cxml::CartEncoding::base64;

    std::vector<Checked> checked;
    for (const auto& file : files) {
        Checked c;
        c.file = file;
        std::ifstream in(file, std::ios::binary);
        if (!in) {
            c.read_error = "cannot read the file";
        } else {
            const std::string bytes((std::istreambuf_iterator<char>(in)),
                                    std::istreambuf_iterator<char>());
            c.result = cxml::parse(bytes, limits);
            const auto* cart = c.result->ok() ? cart_of(c.result->value()) : nullptr;
            if (platform && cart) {
                c.platform_checked = true;
                c.findings = cxml::check_transport(bytes, encoding);
                auto more = cxml::check_cart(*cart, cxml::profile_of(*platform));
                c.findings.insert(c.findings.end(), more.begin(), more.end());
            }
        }
        checked.push_back(std::move(c));
    }
    if (ctx.json)
        print_json(ctx.out, checked);
    else
        print_table(ctx.out, checked);

    for (const auto& c : checked) {
        if (!accepted(c))
            return 1;
    }
    return 0;
}

}  // namespace

int run_cxml(Context& ctx, const std::vector<std::string>& args) {
    if (args.empty())
        throw UsageError("missing command (try 'check')");
    const std::string& command = args.front();
    if (command == "-h" || command == "--help" || command == "help") {
        ctx.out << group_usage;
        return 0;
    }
    if (command == "check")
        return run_check(ctx, {args.begin() + 1, args.end()});
    throw UsageError("unknown command '" + command + "'");
}

}  // namespace punchout::tools
