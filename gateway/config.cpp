#include "gateway/config.hpp"

#include <boost/program_options.hpp>
#include <filesystem>
#include <fstream>
#include <sstream>

namespace punchout::gateway {
namespace po = boost::program_options;
namespace fs = std::filesystem;

namespace {

std::string read_secret_file(const fs::path& path) {
    std::ifstream in(path, std::ios::binary);
    if (!in) throw ConfigError("cannot read secret file " + path.string());
    std::ostringstream text;
    text << in.rdbuf();
    std::string secret = text.str();
    // A trailing newline is an editor's, not part of the secret.
    while (!secret.empty() && (secret.back() == '\n' || secret.back() == '\r')) secret.pop_back();
    if (secret.empty()) throw ConfigError("secret file " + path.string() + " is empty");
    return secret;
}

// Paths in a config file are relative to that file, so a config works from any directory.
std::string resolve(const fs::path& base, const std::string& path) {
    if (path.empty() || fs::path(path).is_absolute()) return path;
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
        if (used != port.size() || value < 0 || value > 65535) throw std::out_of_range("port");
        addr.port = static_cast<unsigned short>(value);
    } catch (const std::exception&) {
        throw ConfigError("listen address '" + text + "' has no valid port");
    }
    if (addr.host.empty()) throw ConfigError("listen address '" + text + "' has no host");
    return addr;
}

CommandLineAction load_config(int argc, const char* const argv[], Config& out,
                              std::string& help_text) {
    // Settings that exist on both the command line and in the file are read separately so
    // the command line wins.
    std::vector<std::string> cli_listen, file_listen;
    std::string cli_db, file_db, cli_public_url, file_public_url;
    unsigned cli_threads = 0, file_threads = 0;
    std::vector<std::string> credentials;
    std::string config_file;
    std::string outbound_secret_file;
    long header_s = out.header_timeout.count(), idle_s = out.idle_timeout.count(),
         body_s = out.body_timeout.count(), grace_s = out.shutdown_grace.count(),
         start_ttl_s = out.start_url_ttl.count(), session_ttl_s = out.session_ttl.count(),
         backoff_s = out.outbox_initial_backoff.count(),
         max_backoff_s = out.outbox_max_backoff.count(),
         outbox_timeout_s = out.outbox_timeout.count();

    po::options_description cli("Command line");
    cli.add_options()
        ("help,h", "print this help")
        ("version", "print the version")
        ("config", po::value(&config_file), "configuration file (see config/gateway.example.conf)")
        ("db", po::value(&cli_db), "SQLite database file (created by punchoutctl init)")
        ("listen", po::value(&cli_listen)->composing(),
         "address to listen on, [http://|https://]ADDR:PORT; repeatable; port 0 picks one")
        ("public-url", po::value(&cli_public_url), "base URL buyers' browsers reach us at (default: the first listener)")
        ("threads", po::value(&cli_threads), "I/O threads (default: one per core)");

    // The same settings in the config file, by section.
    po::options_description file("Config file");
    file.add_options()
        ("server.db", po::value(&file_db))
        ("server.listen", po::value(&file_listen)->composing())
        ("server.public_url", po::value(&file_public_url))
        ("server.threads", po::value(&file_threads))
        ("tls.certificate", po::value(&out.tls_certificate))
        ("tls.private_key", po::value(&out.tls_private_key))
        ("limits.cxml_body_bytes", po::value(&out.cxml_body_limit))
        ("limits.form_body_bytes", po::value(&out.form_body_limit))
        ("limits.header_bytes", po::value(&out.header_limit))
        ("limits.max_connections", po::value(&out.max_connections))
        ("timeouts.header_seconds", po::value(&header_s))
        ("timeouts.idle_seconds", po::value(&idle_s))
        ("timeouts.body_seconds", po::value(&body_s))
        ("timeouts.shutdown_grace_seconds", po::value(&grace_s))
        ("supplier.name", po::value(&out.supplier.name))
        ("supplier.logo_url", po::value(&out.supplier.logo_url))
        ("supplier.credential", po::value(&credentials)->composing())
        ("supplier.outbound_secret", po::value(&out.supplier.outbound_secret))
        ("supplier.outbound_secret_file", po::value(&outbound_secret_file))
        ("sessions.start_url_ttl_seconds", po::value(&start_ttl_s))
        ("sessions.session_ttl_seconds", po::value(&session_ttl_s))
        ("sessions.cart_operation_allowed", po::value(&out.cart_operation_allowed))
        ("outbox.max_attempts", po::value(&out.outbox_max_attempts))
        ("outbox.initial_backoff_seconds", po::value(&backoff_s))
        ("outbox.max_backoff_seconds", po::value(&max_backoff_s))
        ("outbox.timeout_seconds", po::value(&outbox_timeout_s))
        ("outbox.ca_file", po::value(&out.outbox_ca_file))
        ("outbox.verify_peer", po::value(&out.outbox_verify_peer))
        ("outbox.concurrency", po::value(&out.outbox_concurrency))
        ("log.access_log", po::value(&out.access_log))
        ("log.documents", po::value(&out.log_documents));

    std::ostringstream help;
    help << "usage: punchout-gateway --db FILE --listen ADDR:PORT --public-url URL "
            "[--config FILE]\n\n"
         << cli;
    help_text = help.str();

    po::variables_map vm;
    try {
        // The command line is stored first so it wins over the file.
        po::store(po::parse_command_line(argc, argv, cli), vm);
        if (vm.count("help")) return CommandLineAction::help;
        if (vm.count("version")) return CommandLineAction::version;
        if (vm.count("config")) {
            config_file = vm["config"].as<std::string>();
            std::ifstream in(config_file);
            if (!in) throw ConfigError("cannot read config file " + config_file);
            po::store(po::parse_config_file(in, file, false), vm);
        }
        po::notify(vm);
    } catch (const po::error& e) {
        throw ConfigError(e.what());
    }

    const fs::path base =
        config_file.empty() ? fs::current_path() : fs::absolute(config_file).parent_path();
    out.db_path = !cli_db.empty() ? cli_db : resolve(base, file_db);
    out.public_url = !cli_public_url.empty() ? cli_public_url : file_public_url;
    out.threads = cli_threads != 0 ? cli_threads : file_threads;
    const auto& listen = !cli_listen.empty() ? cli_listen : file_listen;
    out.tls_certificate = resolve(base, out.tls_certificate);
    out.tls_private_key = resolve(base, out.tls_private_key);
    out.outbox_ca_file = resolve(base, out.outbox_ca_file);
    if (!outbound_secret_file.empty()) {
        out.supplier.outbound_secret = read_secret_file(resolve(base, outbound_secret_file));
    }

    const bool have_tls = !out.tls_certificate.empty();
    out.listen.clear();
    for (const auto& text : listen) out.listen.push_back(ListenAddress::parse(text, have_tls));
    for (const auto& text : credentials) out.supplier.credentials.push_back(split_credential(text));

    out.header_timeout = std::chrono::seconds(header_s);
    out.idle_timeout = std::chrono::seconds(idle_s);
    out.body_timeout = std::chrono::seconds(body_s);
    out.shutdown_grace = std::chrono::seconds(grace_s);
    out.start_url_ttl = std::chrono::seconds(start_ttl_s);
    out.session_ttl = std::chrono::seconds(session_ttl_s);
    out.outbox_initial_backoff = std::chrono::seconds(backoff_s);
    out.outbox_max_backoff = std::chrono::seconds(max_backoff_s);
    out.outbox_timeout = std::chrono::seconds(outbox_timeout_s);

    if (out.db_path.empty()) throw ConfigError("--db FILE is required");
    if (out.listen.empty()) throw ConfigError("--listen ADDR:PORT is required");
    // Without --public-url the first listener's own URL is used (fine on loopback and in
    // tests; a deployment behind a proxy or on 0.0.0.0 must say where buyers reach it).
    if (!out.public_url.empty() && out.public_url.rfind("http://", 0) != 0 &&
        out.public_url.rfind("https://", 0) != 0) {
        throw ConfigError("--public-url must be an http:// or https:// URL");
    }
    while (!out.public_url.empty() && out.public_url.back() == '/') out.public_url.pop_back();
    for (const auto& addr : out.listen) {
        if (addr.tls && (out.tls_certificate.empty() || out.tls_private_key.empty())) {
            throw ConfigError("https listener " + addr.host + ":" + std::to_string(addr.port) +
                              " needs tls.certificate and tls.private_key");
        }
    }
    if (out.cart_operation_allowed != "edit" && out.cart_operation_allowed != "inspect" &&
        out.cart_operation_allowed != "create") {
        throw ConfigError("sessions.cart_operation_allowed must be edit, inspect or create");
    }
    if (header_s <= 0 || idle_s <= 0 || body_s <= 0) {
        throw ConfigError("timeouts must be positive numbers of seconds");
    }
    if (out.cxml_body_limit < 1024 || out.form_body_limit < 1024) {
        throw ConfigError("body limits below 1 KiB cannot carry a request");
    }
    if (out.supplier.credentials.empty()) {
        throw ConfigError("supplier.credential (DOMAIN:IDENTITY) is required in the config file");
    }
    return CommandLineAction::run;
}

}  // namespace punchout::gateway
