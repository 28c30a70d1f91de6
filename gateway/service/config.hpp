#pragma once

#include <chrono>
#include <cstddef>
#include <optional>
#include <stdexcept>
#include <string>
#include <vector>

namespace punchout::gateway {

/// One address to listen on: `ADDR:PORT`, `[v6]:PORT`, optionally `http://` or `https://`.
struct ListenAddress {
    std::string host;
    unsigned short port = 0;
    bool tls = false;

    /// Parses the forms above; without a scheme, TLS is on when a certificate is configured.
    static ListenAddress parse(const std::string& text, bool tls_default);
};

/// Our own identity as the supplier, used as To on inbound checks and From/Sender outbound.
/// A postal address as configured (one street line); empty when not configured.
struct ConfiguredAddress {
    std::string name;  ///< who, when it differs from the supplier's name
    std::string street;
    std::string city;
    std::string postal_code;
    std::string state;
    std::string country;  ///< ISO 3166 alpha-2 ("DE")

    bool empty() const noexcept { return street.empty() && city.empty(); }
};

struct SupplierIdentity {
    std::string name = "Demo Supplier";
    std::string logo_url;
    /// Credentials buyers address us by (`domain:identity`); the first one is written outbound.
    std::vector<std::pair<std::string, std::string>> credentials;
    /// The SharedSecret we send with outbound documents.
    std::string outbound_secret;
    /// Written on invoices: the `from` partner's address, and the `remitTo` partner's (the
    /// supplier's address when no remit-to address is configured).
    ConfiguredAddress address;
    ConfiguredAddress remit_to;
    /// The supplier's tax registration (VAT) number, written as an IdReference of
    /// `tax_id_domain` on the `from` and `remitTo` partners of invoices.
    std::string tax_id;
    std::string tax_id_domain = "vatID";
};

/// Everything the gateway is told at start-up. See config/gateway.example.conf.
struct Config {
    std::string db_path;
    std::vector<ListenAddress> listen;
    /// Where the integration API (/api/v1/) is served (`[api] listen`): listeners of their
    /// own, or some of `listen`. Empty: on every listener.
    std::vector<ListenAddress> api_listen;
    /// `[api] workers`, `queue`, `nice`: the API's own threads and how many calls may wait
    /// for one (a call beyond that gets 503 with Retry-After). Two threads: writes take
    /// SQLite's single write lock in turn anyway, and a feed page or a second batch's checks
    /// run beside a write. At nice 5 the ERP's batches yield the CPU to punchouts, pages and
    /// orders when the machine is busy (and use it all when it is not).
    unsigned api_workers = 2;
    std::size_t api_queue = 256;
    int api_nice = 5;
    /// `[catalog] stock_stale_after`: a stock figure reported longer ago than this shows as
    /// "last known" and does not count as in stock (pages, the in-stock filter, the cart's
    /// check, OCI VALIDATE). Zero: figures never go stale.
    std::chrono::seconds stock_stale_after{0};
    std::string public_url;  ///< base of the StartPage and storefront URLs we hand out
    unsigned threads = 0;    ///< 0: one per core

    std::string tls_certificate;  ///< PEM chain
    std::string tls_private_key;  ///< PEM key
    /// Ask TLS clients for a certificate (networks that authenticate by client certificate
    /// instead of a SharedSecret). Any certificate is taken in the handshake, which proves
    /// the client holds its key; a sender with a pinned fingerprint requires its own.
    /// Off by default: browsers holding certificates may prompt their user when asked.
    bool tls_request_client_certificate = false;

    std::size_t cxml_body_limit = 16u << 20;  ///< a 2,000-line OrderRequest is ~4 MB
    std::size_t form_body_limit = 1u << 20;   ///< storefront and OCI forms
    std::size_t header_limit = 16u << 10;
    std::size_t max_connections = 20000;

    std::chrono::seconds header_timeout{10};  ///< first request on a connection
    std::chrono::seconds idle_timeout{60};    ///< between keep-alive requests
    std::chrono::seconds body_timeout{60};    ///< reading a body once its header arrived
    std::chrono::seconds shutdown_grace{30};  ///< in-flight work gets this long on SIGTERM

    SupplierIdentity supplier;

    std::chrono::seconds start_url_ttl{300};     ///< a StartPage URL is valid this long, once
    std::chrono::seconds session_ttl{8 * 3600};  ///< a storefront session lives this long
    /// operationAllowed on carts we send back: "edit" (the buyer may reopen them to edit),
    /// "inspect" (to look only) or "create" (never reopened; an edit request gets 412).
    std::string cart_operation_allowed = "edit";

    unsigned outbox_max_attempts = 12;
    std::chrono::seconds outbox_initial_backoff{10};
    std::chrono::seconds outbox_max_backoff{3600};
    std::chrono::seconds outbox_timeout{30};
    std::string outbox_ca_file;  ///< extra CA bundle for buyers' endpoints (tests, private CAs)
    bool outbox_verify_peer = true;
    unsigned outbox_concurrency = 8;

    bool access_log = true;
    bool log_documents = false;  ///< full cXML documents in the log (debugging only)
};

/// A configuration that cannot start the gateway: the message says which option and why.
struct ConfigError : std::runtime_error {
    using std::runtime_error::runtime_error;
};

/// What the command line asked for besides a configuration.
enum class CommandLineAction { run, help, version };

/// Parses the command line and the --config file (command line wins). Throws ConfigError.
CommandLineAction load_config(int argc, const char* const argv[], Config& out,
                              std::string& help_text);

/// Reads a gateway config file alone, with the same keys and rules as the gateway (paths
/// relative to the file, secret files read), for tools that act in the gateway's name:
/// punchoutctl builds outbound documents with its [supplier] identity and secret. Requires
/// supplier.credential; [server] settings are read but not required. Throws ConfigError.
Config load_config_file(const std::string& path);

}  // namespace punchout::gateway
