#include "gateway/service/config.hpp"

#include <filesystem>
#include <fstream>
#include <sstream>

#include <boost/program_options.hpp>

namespace punchout::gateway {
namespace po = boost::program_options;
namespace fs = std::filesystem;

namespace {

std::string read_secret_file(const fs::path& path) {
    std::ifstream in(path, std::ios::binary);
    if (!in)
        throw ConfigError("cannot read secret file " + path.string());
    std::ostringstream text;
    text << in.rdbuf();
    std::string secret = text.str();
    // A trailing newline is an editor's, not part of the secret.
    while (!secret.empty() && (secret.back() == '\n' || secret.back() == '\r'))
        secret.pop_back();
    if (secret.empty())
        throw ConfigError("secret file " + path.string() + " is empty");
    return secret;
}

// Paths in a config file are relative to that file, so a config works from any directory.
std::string resolve(const fs::path& base, const std::string& path) {
    if (path.empty() || fs::path(path).is_absolute())
        return path;
    return (base / path).lexically_normal().string();
}

std::pair<std::string, std::string> split_credential(const std::string& text) {
    auto colon = text.find(':');
    if (colon == std::string::npos || colon == 0 || colon + 1 == text.size()) {
        throw ConfigError("supplier.credential must be DOMAIN:IDENTITY, got '" + text + "'");
    }
    return {text.substr(0, colon), text.substr(colon + 1)};
}

}  // namespace

ListenAddress ListenAddress::parse(const std::string& text, bool tls_default) {
    ListenAddress addr;
    std::string rest = text;
    addr.tls = tls_default;
    if (rest.rfind("https://", 0) == 0) {
        addr.tls = true;
        rest = rest.substr(8);
    } else if (rest.rfind("http://", 0) == 0) {
        addr.tls = false;
        rest = rest.substr(7);
    }
    std::string port;
    if (!rest.empty() && rest.front() == '[') {
        auto close = rest.find(']');
        if (close == std::string::npos || close + 1 >= rest.size() || rest[close + 1] != ':') {
            throw ConfigError("listen address '" + text + "' must be [v6]:PORT");
        }
        addr.host = rest.substr(1, close - 1);
        port = rest.substr(close + 2);
    } else {
        auto colon = rest.rfind(':');
        if (colon == std::string::npos) {
            throw ConfigError("listen address '" + text + "' must be ADDR:PORT");
        }
        addr.host = rest.substr(0, colon);
        port = rest.substr(colon + 1);
    }
    try {
        std::size_t used = 0;
        int value = std::stoi(port, &used);
        if (used != port.size() || value < 0 || value > 65535)
            throw std::out_of_range("port");
        addr.port = static_cast<unsigned short>(value);
    } catch (const std::exception&) {
        throw ConfigError("listen address '" + text + "' has no valid port");
    }
    if (addr.host.empty())
        throw ConfigError("listen address '" + text + "' has no host");
    return addr;
}

namespace {

// Settings read as plain values and converted after parsing (durations, lists, files).
struct FileValues {
    std::vector<std::string> listen;
    std::vector<std::string> api_listen;
    std::string stock_stale_after;
    std::string db, public_url;
    unsigned threads = 0;
    std::vector<std::string> credentials;
    std::string outbound_secret_file;
    long header_s = 0, idle_s = 0, body_s = 0, grace_s = 0, start_ttl_s = 0, session_ttl_s = 0,
         backoff_s = 0, max_backoff_s = 0, outbox_timeout_s = 0;

    explicit FileValues(const Config& c)
        : header_s(c.header_timeout.count()),
          idle_s(c.idle_timeout.count()),
          body_s(c.body_timeout.count()),
          grace_s(c.shutdown_grace.count()),
          start_ttl_s(c.start_url_ttl.count()),
          session_ttl_s(c.session_ttl.count()),
          backoff_s(c.outbox_initial_backoff.count()),
          max_backoff_s(c.outbox_max_backoff.count()),
          outbox_timeout_s(c.outbox_timeout.count()) {}
};

// Every key of the config file, by section. The gateway and punchoutctl read the same file
// through this one description, so a key means the same to both.
po::options_description file_options(Config& out, FileValues& v) {
    po::options_description file("Config file");
    file.add_options()("server.db", po::value(&v.db))("server.listen",
                                                      po::value(&v.listen)->composing())(
        "server.public_url", po::value(&v.public_url))("api.listen",
                                                       po::value(&v.api_listen)->composing())(
        "api.workers", po::value(&out.api_workers))("api.queue", po::value(&out.api_queue))(
        "api.nice", po::value(&out.api_nice))("catalog.stock_stale_after",
                                              po::value(&v.stock_stale_after))(
        "server.threads", po::value(&v.threads))("tls.certificate",
                                                 po::value(&out.tls_certificate))(
        "tls.request_client_certificate", po::value(&out.tls_request_client_certificate))(
        "tls.private_key", po::value(&out.tls_private_key))(
        "limits.cxml_body_bytes", po::value(&out.cxml_body_limit))("limits.form_body_bytes",
                                                                   po::value(&out.form_body_limit))(
        "limits.header_bytes", po::value(&out.header_limit))("limits.max_connections",
                                                             po::value(&out.max_connections))(
        "timeouts.header_seconds", po::value(&v.header_s))("timeouts.idle_seconds",
                                                           po::value(&v.idle_s))(
        "timeouts.body_seconds", po::value(&v.body_s))("timeouts.shutdown_grace_seconds",
                                                       po::value(&v.grace_s))(
        "supplier.name", po::value(&out.supplier.name))("supplier.logo_url",
                                                        po::value(&out.supplier.logo_url))(
        "supplier.credential", po::value(&v.credentials)->composing())(
        "supplier.outbound_secret", po::value(&out.supplier.outbound_secret))(
        "supplier.outbound_secret_file", po::value(&v.outbound_secret_file))(
        "supplier.street", po::value(&out.supplier.address.street))(
        "supplier.city", po::value(&out.supplier.address.city))(
        "supplier.postal_code", po::value(&out.supplier.address.postal_code))(
        "supplier.state", po::value(&out.supplier.address.state))(
        "supplier.country", po::value(&out.supplier.address.country))(
        "supplier.remit_to_name", po::value(&out.supplier.remit_to.name))(
        "supplier.remit_to_street", po::value(&out.supplier.remit_to.street))(
        "supplier.remit_to_city", po::value(&out.supplier.remit_to.city))(
        "supplier.remit_to_postal_code", po::value(&out.supplier.remit_to.postal_code))(
        "supplier.remit_to_state", po::value(&out.supplier.remit_to.state))(
        "supplier.remit_to_country", po::value(&out.supplier.remit_to.country))(
        "supplier.tax_id", po::value(&out.supplier.tax_id))("supplier.tax_id_domain",
                                                            po::value(&out.supplier.tax_id_domain))(
        "sessions.start_url_ttl_seconds", po::value(&v.start_ttl_s))("sessions.session_ttl_seconds",
                                                                     po::value(&v.session_ttl_s))(
        "sessions.cart_operation_allowed", po::value(&out.cart_operation_allowed))(
        "outbox.max_attempts", po::value(&out.outbox_max_attempts))(
        "outbox.initial_backoff_seconds", po::value(&v.backoff_s))(
        "outbox.max_backoff_seconds", po::value(&v.max_backoff_s))("outbox.timeout_seconds",
                                                                   po::value(&v.outbox_timeout_s))(
        "outbox.ca_file", po::value(&out.outbox_ca_file))("outbox.verify_peer",
                                                          po::value(&out.outbox_verify_peer))(
        "outbox.concurrency", po::value(&out.outbox_concurrency))(
        "log.access_log", po::value(&out.access_log))("log.documents",
                                                      po::value(&out.log_documents));
    return file;
}

// What the file (and the command line) set, made into the Config: paths resolved against
// the file's folder, secrets read, durations converted.
// "90s", "15m", "2h", "1d", or a bare number of seconds; "0" turns the setting off.
std::chrono::seconds parse_duration(const char* key, const std::string& text) {
    std::size_t digits = 0;
    while (digits < text.size() && text[digits] >= '0' && text[digits] <= '9')
        ++digits;
    const std::string unit = text.substr(digits);
    const long long scale = unit.empty() || unit == "s" ? 1
                            : unit == "m"               ? 60
                            : unit == "h"               ? 3600
                            : unit == "d"               ? 86400
                                                        : 0;
    if (digits == 0 || digits > 9 || scale == 0) {
        throw ConfigError(std::string(key) + " '" + text +
                          "' is not a duration: a whole number with s, m, h or d (15m)");
    }
    return std::chrono::seconds(std::stoll(text.substr(0, digits)) * scale);
}

void apply_file_values(Config& out, const FileValues& v, const fs::path& base) {
    out.tls_certificate = resolve(base, out.tls_certificate);
    out.tls_private_key = resolve(base, out.tls_private_key);
    out.outbox_ca_file = resolve(base, out.outbox_ca_file);
    if (!v.outbound_secret_file.empty()) {
        out.supplier.outbound_secret = read_secret_file(resolve(base, v.outbound_secret_file));
    }
    out.supplier.credentials.clear();
    for (const auto& text : v.credentials)
        out.supplier.credentials.push_back(split_credential(text));
    out.header_timeout = std::chrono::seconds(v.header_s);
    out.idle_timeout = std::chrono::seconds(v.idle_s);
    out.body_timeout = std::chrono::seconds(v.body_s);
    out.shutdown_grace = std::chrono::seconds(v.grace_s);
    out.start_url_ttl = std::chrono::seconds(v.start_ttl_s);
    out.session_ttl = std::chrono::seconds(v.session_ttl_s);
    out.outbox_initial_backoff = std::chrono::seconds(v.backoff_s);
    out.outbox_max_backoff = std::chrono::seconds(v.max_backoff_s);
    out.outbox_timeout = std::chrono::seconds(v.outbox_timeout_s);
    if (!v.stock_stale_after.empty())
        out.stock_stale_after = parse_duration("catalog.stock_stale_after", v.stock_stale_after);
}

// Checks that apply to every reader of the file.
void check_common(const Config& out, const FileValues& v) {
    if (out.supplier.credentials.empty()) {
        throw ConfigError("supplier.credential (DOMAIN:IDENTITY) is required in the config file");
    }
    if (out.outbox_max_attempts == 0)
        throw ConfigError("outbox.max_attempts must be at least 1");
    if (out.outbox_concurrency == 0)
        throw ConfigError("outbox.concurrency must be at least 1");
    if (out.api_workers == 0 || out.api_workers > 64)
        throw ConfigError("api.workers must be 1 to 64");
    if (out.api_queue == 0)
        throw ConfigError("api.queue must be at least 1");
    if (out.api_nice < 0 || out.api_nice > 19)
        throw ConfigError("api.nice must be 0 to 19 (a thread may lower its priority only)");
    if (v.backoff_s <= 0 || v.max_backoff_s < v.backoff_s) {
        throw ConfigError(
            "outbox.initial_backoff_seconds must be positive and at most "
            "outbox.max_backoff_seconds");
    }
    if (v.outbox_timeout_s <= 0)
        throw ConfigError("outbox.timeout_seconds must be positive");
}

}  // namespace

Config load_config_file(const std::string& path) {
    Config out;
    FileValues v(out);
    auto file = file_options(out, v);
    po::variables_map vm;
    try {
        std::ifstream in(path);
        if (!in)
            throw ConfigError("cannot read config file " + path);
        po::store(po::parse_config_file(in, file, false), vm);
        po::notify(vm);
    } catch (const po::error& e) {
        throw ConfigError(path + ": " + e.what());
    }
    apply_file_values(out, v, fs::absolute(path).parent_path());
    out.db_path = v.db.empty() ? std::string() : resolve(fs::absolute(path).parent_path(), v.db);
    check_common(out, v);
    return out;
}

CommandLineAction load_config(int argc, const char* const argv[], Config& out,
                              std::string& help_text) {
    // Settings that exist on both the command line and in the file are read separately so
    // the command line wins.
    std::vector<std::string> cli_listen;
    std::string cli_db, cli_public_url;
    unsigned cli_threads = 0;
    std::string config_file;
    FileValues v(out);

    po::options_description cli("Command line");
    cli.add_options()("help,h", "print this help")("version", "print the version")(
        "config", po::value(&config_file), "configuration file (see config/gateway.example.conf)")(
        "db", po::value(&cli_db), "SQLite database file (created by punchoutctl init)")(
        "listen", po::value(&cli_listen)->composing(),
        "address to listen on, [http://|https://]ADDR:PORT; repeatable; port 0 picks one")(
        "public-url", po::value(&cli_public_url),
        "base URL buyers' browsers reach us at (default: the first listener)")(
        "threads", po::value(&cli_threads), "I/O threads (default: one per core)");

    auto file = file_options(out, v);

    std::ostringstream help;
    help << "usage: punchout-gateway --db FILE --listen ADDR:PORT --public-url URL "
            "[--config FILE]\n\n"
         << cli;
    help_text = help.str();

    po::variables_map vm;
    try {
        // The command line is stored first so it wins over the file.
        po::store(po::parse_command_line(argc, argv, cli), vm);
        if (vm.count("help"))
            return CommandLineAction::help;
        if (vm.count("version"))
            return CommandLineAction::version;
        if (vm.count("config")) {
            config_file = vm["config"].as<std::string>();
            std::ifstream in(config_file);
            if (!in)
                throw ConfigError("cannot read config file " + config_file);
            po::store(po::parse_config_file(in, file, false), vm);
        }
        po::notify(vm);
    } catch (const po::error& e) {
        throw ConfigError(e.what());
    }

    const fs::path base =
        config_file.empty() ? fs::current_path() : fs::absolute(config_file).parent_path();
    out.db_path = !cli_db.empty() ? cli_db : resolve(base, v.db);
    out.public_url = !cli_public_url.empty() ? cli_public_url : v.public_url;
    out.threads = cli_threads != 0 ? cli_threads : v.threads;
    const auto& listen = !cli_listen.empty() ? cli_listen : v.listen;
    apply_file_values(out, v, base);

    const bool have_tls = !out.tls_certificate.empty();
    out.listen.clear();
    for (const auto& text : listen)
        out.listen.push_back(ListenAddress::parse(text, have_tls));
    out.api_listen.clear();
    for (const auto& text : v.api_listen)
        out.api_listen.push_back(ListenAddress::parse(text, have_tls));

    if (out.db_path.empty())
        throw ConfigError("--db FILE is required");
    if (out.listen.empty())
        throw ConfigError("--listen ADDR:PORT is required");
    // Without --public-url the first listener's own URL is used (fine on loopback and in
    // tests; a deployment behind a proxy or on 0.0.0.0 must say where buyers reach it).
    if (!out.public_url.empty() && out.public_url.rfind("http://", 0) != 0 &&
        out.public_url.rfind("https://", 0) != 0) {
        throw ConfigError("--public-url must be an http:// or https:// URL");
    }
    while (!out.public_url.empty() && out.public_url.back() == '/')
        out.public_url.pop_back();
    std::vector<ListenAddress> all = out.listen;
    all.insert(all.end(), out.api_listen.begin(), out.api_listen.end());
    for (const auto& addr : all) {
        if (addr.tls && (out.tls_certificate.empty() || out.tls_private_key.empty())) {
            throw ConfigError("https listener " + addr.host + ":" + std::to_string(addr.port) +
                              " needs tls.certificate and tls.private_key");
        }
    }
    if (out.cart_operation_allowed != "edit" && out.cart_operation_allowed != "inspect" &&
        out.cart_operation_allowed != "create") {
        throw ConfigError("sessions.cart_operation_allowed must be edit, inspect or create");
    }
    if (v.header_s <= 0 || v.idle_s <= 0 || v.body_s <= 0) {
        throw ConfigError("timeouts must be positive numbers of seconds");
    }
    if (out.cxml_body_limit < 1024 || out.form_body_limit < 1024) {
        throw ConfigError("body limits below 1 KiB cannot carry a request");
    }
    check_common(out, v);
    return CommandLineAction::run;
}

}  // namespace punchout::gateway
