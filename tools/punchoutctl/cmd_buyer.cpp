// punchoutctl buyer: the organisations we sell to.
#include "catalog/buyer.hpp"
#include "catalog/catalog_view.hpp"
#include "catalog/sender.hpp"
#include "catalog/write_transaction.hpp"
#include "cxml/platform_profile.hpp"
#include "tools/punchoutctl/cli.hpp"
#include "tools/punchoutctl/commands.hpp"

#include <algorithm>

namespace punchout::tools {
namespace {

using catalog::Buyer;

std::string join(const std::vector<std::string>& v, const char* sep = ", ") {
    std::string out;
    for (const auto& s : v)
        out += (out.empty() ? "" : sep) + s;
    return out;
}

Json buyer_json(const Buyer& b) {
    Json credentials = Json::array();
    for (const auto& c : b.credentials) {
        credentials.push(Json::object().set("domain", c.domain).set("identity", c.identity));
    }
    Json units = Json::object();
    for (const auto& [ours, theirs] : b.unit_map)
        units.set(ours, theirs);
    Json categories = Json::array();
    for (const auto& c : b.view_categories)
        categories.push(c);
    Json origins = Json::array();
    for (const auto& o : b.frame_origins)
        origins.push(o);
    Json hosts = Json::array();
    for (const auto& h : b.postback_hosts)
        hosts.push(h);
    return Json::object()
        .set("id", b.id)
        .set("name", b.name)
        .set("enabled", b.enabled)
        .set("credentials", std::move(credentials))
        .set("currency", b.default_currency)
        .set("cxml_version", b.cxml_version)
        .set("cart_transport", std::string(to_string(b.cart_transport)))
        .set("order_policy", std::string(to_string(b.order_policy)))
        .set("document_url", b.document_url.empty() ? Json() : Json(b.document_url))
        .set("unit_map", std::move(units))
        .set("catalog_view", Json::object()
                                 .set("categories", std::move(categories))
                                 .set("sku_count", static_cast<long long>(b.view_sku_count)))
        .set("frame_origins", std::move(origins))
        .set("postback_hosts", std::move(hosts))
        .set("oci_username", b.oci_username.empty() ? Json() : Json(b.oci_username))
        .set("oci_password_set", b.has_oci_password)
        .set("oci_hook_field", b.oci_hook_field.empty() ? "HOOK_URL" : b.oci_hook_field)
        .set("platform", b.platform)
        .set("http_status", std::string(to_string(b.http_status)))
        .set("outbound_credential",
             b.outbound_credential.identity.empty()
                 ? Json()
                 : Json(Json::object()
                            .set("domain", b.outbound_credential.domain)
                            .set("identity", b.outbound_credential.identity)))
        .set("outbound_test_identity",
             b.outbound_test_identity.empty() ? Json() : Json(b.outbound_test_identity))
        .set("outbound_secret_set", !b.outbound_secret.empty())
        .set("created_at", catalog::format_timestamp(b.created_at))
        .set("updated_at", catalog::format_timestamp(b.updated_at));
}

void print_buyer(Context& ctx, const Buyer& b) {
    if (ctx.json) {
        buyer_json(b).print(ctx.out);
        return;
    }
    std::vector<std::string> creds, units;
    for (const auto& c : b.credentials)
        creds.push_back(c.to_string());
    for (const auto& [ours, theirs] : b.unit_map)
        units.push_back(ours + "=" + theirs);
    std::string view = join(b.view_categories);
    if (b.view_sku_count > 0) {
        view +=
            (view.empty() ? "" : "; ") + std::to_string(b.view_sku_count) + " pre-approved SKUs";
    }
    print_fields(
        ctx.out,
        {{"id", b.id},
         {"name", b.name},
         {"enabled", b.enabled ? "yes" : "no"},
         {"credentials", join(creds)},
         {"currency", b.default_currency},
         {"cxml version", b.cxml_version},
         {"cart transport", std::string(to_string(b.cart_transport))},
         {"platform", b.platform},
         {"http status", b.http_status == catalog::HttpStatusRule::mirror
                             ? "mirror (a refusal is also HTTP 4xx/5xx)"
                             : "cxml (HTTP 200 with the cXML Status)"},
         {"order policy", std::string(to_string(b.order_policy))},
         {"document url", b.document_url},
         {"unit map", join(units)},
         {"catalog view", view.empty() ? "everything" : view},
         {"frame origins", join(b.frame_origins)},
         {"post-back hosts", b.postback_hosts.empty() ? "any" : join(b.postback_hosts)},
         {"oci username", b.oci_username},
         {"oci password", b.has_oci_password ? "set" : "not set"},
         {"oci return-url field", b.oci_hook_field.empty() ? "HOOK_URL" : b.oci_hook_field},
         {"outbound identity", b.outbound_credential.identity.empty()
                                   ? "the gateway's [supplier] credential"
                                   : b.outbound_credential.to_string()},
         {"outbound test identity",
          b.outbound_test_identity.empty() ? "-" : b.outbound_test_identity},
         {"outbound secret",
          b.outbound_secret.empty() ? "the gateway's [supplier] outbound secret" : "set"},
         {"created", catalog::format_timestamp(b.created_at)},
         {"updated", catalog::format_timestamp(b.updated_at)}});
}

int add(Context& ctx, const std::vector<std::string>& args) {
    Options opts(
        "buyer add ID --name NAME --credential DOMAIN:IDENTITY [--credential ...]\n"
        "       [--currency CUR] [--shared-secret-file FILE|-]",
        "Adds a buyer. With --shared-secret-file it also creates the buyer's direct\n"
        "sender (id = the buyer's id, its first credential, that secret).");
    opts.positional("id");
    opts.add()("name", po::value<std::string>(), "display name (required)")(
        "credential", po::value<std::vector<std::string>>(),
        "DOMAIN:IDENTITY naming the buyer in cXML From (required, repeatable)")(
        "currency", po::value<std::string>()->default_value("EUR"), "default currency")(
        "shared-secret-file", po::value<std::string>(),
        "FILE or - (stdin): also create the direct sender with this secret");
    if (!opts.parse(ctx, args))
        return 0;
    Buyer b;
    b.id = opts.need<std::string>("id");
    b.name = opts.need<std::string>("name");
    for (const auto& c : opts.need<std::vector<std::string>>("credential")) {
        b.credentials.push_back(parse_credential("--credential", c));
    }
    b.default_currency = opts.get<std::string>("currency");
    std::optional<std::string> secret;
    if (opts.has("shared-secret-file")) {
        secret = read_secret("--shared-secret-file", opts.get<std::string>("shared-secret-file"));
    }
    auto db = open_db(ctx, "buyer add");
    auto conn = db.connect();
    // The buyer and its direct sender go in together or not at all.
    auto tx = check(catalog::WriteTransaction::begin(conn));
    auto stored = check(catalog::add_buyer(conn, b));
    if (secret) {
        catalog::NewSender direct;
        direct.id = b.id;
        direct.credential = b.credentials.front();
        direct.shared_secret = *secret;
        direct.buyer_ids = {b.id};
        check(catalog::add_sender(conn, direct));
    }
    check(tx.commit());
    if (ctx.json) {
        buyer_json(stored).set("direct_sender", secret ? Json(b.id) : Json()).print(ctx.out);
    } else {
        print_buyer(ctx, stored);
        if (secret)
            ctx.out << "direct sender '" << b.id << "' created\n";
    }
    return 0;
}

int list(Context& ctx, const std::vector<std::string>& args) {
    Options opts("buyer list", "Lists every buyer.");
    if (!opts.parse(ctx, args))
        return 0;
    auto db = open_db(ctx, "buyer list");
    auto conn = db.connect();
    const auto buyers = check(catalog::list_buyers(conn));
    if (ctx.json) {
        Json all = Json::array();
        for (const auto& b : buyers)
            all.push(buyer_json(b));
        all.print(ctx.out);
        return 0;
    }
    Table t({"ID", "NAME", "ENABLED", "CURRENCY", "TRANSPORT", "CREDENTIALS"});
    for (const auto& b : buyers) {
        std::vector<std::string> creds;
        for (const auto& c : b.credentials)
            creds.push_back(c.to_string());
        t.add_row({b.id, b.name, b.enabled ? "yes" : "no", b.default_currency,
                   std::string(to_string(b.cart_transport)), join(creds)});
    }
    t.print(ctx.out);
    return 0;
}

Buyer find(catalog::Connection& conn, const std::string& id) {
    return check(catalog::find_buyer(conn, id));
}

int show(Context& ctx, const std::vector<std::string>& args) {
    Options opts("buyer show ID", "Shows a buyer's settings (never its secrets).");
    opts.positional("id");
    if (!opts.parse(ctx, args))
        return 0;
    auto db = open_db(ctx, "buyer show");
    auto conn = db.connect();
    print_buyer(ctx, find(conn, opts.need<std::string>("id")));
    return 0;
}

int disable(Context& ctx, const std::vector<std::string>& args) {
    return set_enabled(ctx, args, "buyer", false,
                       "Refuses the buyer's punchouts and orders; its data stays.",
                       catalog::set_buyer_enabled);
}
int enable(Context& ctx, const std::vector<std::string>& args) {
    return set_enabled(ctx, args, "buyer", true, "Lets the buyer punch out and order again.",
                       catalog::set_buyer_enabled);
}

int set(Context& ctx, const std::vector<std::string>& args) {
    Options opts(
        "buyer set ID [options]",
        "Changes a buyer's settings. A list option replaces that whole list; --clear LIST\n"
        "empties one (unit-map, view-categories, view-skus, frame-origins, postback-hosts,\n"
        "document-url, oci, outbound).");
    opts.positional("id");
    opts.add()("name", po::value<std::string>(), "display name")(
        "currency", po::value<std::string>(), "default currency (ISO 4217)")(
        "cxml-version", po::value<std::string>(), "cXML version for what we send (1.2.071)")(
        "cart-transport", po::value<std::string>(), "cxml-base64 | cxml-urlencoded | oci")(
        "platform", po::value<std::string>(),
        "the buyer's system, for the cart checks: generic | ariba | coupa | jaggaer | oracle |"
        " sap-srm")("http-status", po::value<std::string>(),
                    "cxml (HTTP 200 with the cXML Status, as the specification) | mirror (a "
                    "refusal also as HTTP 4xx/5xx, for systems that read only HTTP)")(
        "order-policy", po::value<std::string>(), "accept-and-flag | reject")(
        "document-url", po::value<std::string>(),
        "where confirmations, ship notices and invoices are posted")(
        "unit-map", po::value<std::vector<std::string>>(),
        "OURS=THEIRS unit codes, e.g. EA=ST (repeatable)")(
        "view-category", po::value<std::vector<std::string>>(),
        "category path the buyer may see, with its subtree (repeatable)")(
        "view-skus-file", po::value<std::string>(), "FILE or -: pre-approved SKUs, one per line")(
        "frame-origin", po::value<std::vector<std::string>>(),
        "origin allowed to frame the storefront, e.g. https://s1.ariba.com (repeatable)")(
        "postback-host", po::value<std::vector<std::string>>(),
        "host BrowserFormPost / HOOK_URL may use (repeatable; none: any)")(
        "oci-username", po::value<std::string>(), "SAP OCI login name")(
        "oci-password-file", po::value<std::string>(), "FILE or -: SAP OCI password")(
        "oci-hook-field", po::value<std::string>(),
        "the OCI field carrying the return URL (default HOOK_URL; e.g. MM_HOOK_URL)")(
        "outbound-credential", po::value<std::string>(),
        "DOMAIN:IDENTITY we send as to this buyer (its supplier id for us)")(
        "outbound-test-identity", po::value<std::string>(),
        "identity for test-mode documents (e.g. the -T ANID)")(
        "outbound-secret-file", po::value<std::string>(),
        "FILE or -: the SharedSecret we send this buyer")(
        "clear", po::value<std::vector<std::string>>(), "empty a list (repeatable)");
    if (!opts.parse(ctx, args))
        return 0;
    const auto& id = opts.need<std::string>("id");
    // Read files and check the command line before touching the database.
    std::optional<std::vector<std::string>> view_skus;
    if (opts.has("view-skus-file")) {
        view_skus = read_lines("--view-skus-file", opts.get<std::string>("view-skus-file"));
    }
    std::optional<std::string> password;
    if (opts.has("oci-password-file")) {
        password = read_secret("--oci-password-file", opts.get<std::string>("oci-password-file"));
    }
    std::optional<std::string> outbound_secret;
    if (opts.has("outbound-secret-file")) {
        if (password && opts.get<std::string>("outbound-secret-file") == "-" &&
            opts.get<std::string>("oci-password-file") == "-") {
            throw UsageError(
                "only one of --oci-password-file and --outbound-secret-file can "
                "read stdin");
        }
        outbound_secret =
            read_secret("--outbound-secret-file", opts.get<std::string>("outbound-secret-file"));
    }
    std::optional<catalog::Credential> outbound;
    if (opts.has("outbound-credential")) {
        outbound =
            parse_credential("--outbound-credential", opts.get<std::string>("outbound-credential"));
    }
    std::vector<std::pair<std::string, std::string>> units;
    if (opts.has("unit-map")) {
        for (const auto& m : opts.get<std::vector<std::string>>("unit-map")) {
            const auto eq = m.find('=');
            if (eq == std::string::npos || eq == 0 || eq + 1 == m.size()) {
                throw UsageError("--unit-map '" + m + "' is not OURS=THEIRS (e.g. EA=ST)");
            }
            units.emplace_back(m.substr(0, eq), m.substr(eq + 1));
        }
    }
    std::vector<std::string> clears;
    if (opts.has("clear"))
        clears = opts.get<std::vector<std::string>>("clear");
    static const char* clearable[] = {"unit-map",      "view-categories", "view-skus",
                                      "frame-origins", "postback-hosts",  "document-url",
                                      "oci",           "outbound"};
    for (const auto& c : clears) {
        if (std::find(std::begin(clearable), std::end(clearable), c) == std::end(clearable)) {
            throw UsageError("--clear '" + c +
                             "': not a list (unit-map, view-categories, "
                             "view-skus, frame-origins, postback-hosts, document-url, oci, "
                             "outbound)");
        }
    }
    auto cleared = [&](const char* what) {
        return std::find(clears.begin(), clears.end(), what) != clears.end();
    };

    auto db = open_db(ctx, "buyer set");
    auto conn = db.connect();
    auto tx = check(catalog::WriteTransaction::begin(conn));
    Buyer b = find(conn, id);
    if (opts.has("name"))
        b.name = opts.get<std::string>("name");
    if (opts.has("currency"))
        b.default_currency = opts.get<std::string>("currency");
    if (opts.has("cxml-version"))
        b.cxml_version = opts.get<std::string>("cxml-version");
    if (opts.has("cart-transport")) {
        auto t = catalog::parse_cart_transport(opts.get<std::string>("cart-transport"));
        if (!t)
            throw UsageError("--cart-transport: cxml-base64, cxml-urlencoded or oci");
        b.cart_transport = *t;
    }
    if (opts.has("platform")) {
        const auto p = cxml::parse_platform(opts.get<std::string>("platform"));
        if (!p)
            throw UsageError("--platform: generic, ariba, coupa, jaggaer, oracle or sap-srm");
        b.platform = std::string(cxml::to_string(*p));
    }
    if (opts.has("http-status")) {
        auto r = catalog::parse_http_status_rule(opts.get<std::string>("http-status"));
        if (!r)
            throw UsageError("--http-status: cxml or mirror");
        b.http_status = *r;
    }
    if (opts.has("order-policy")) {
        auto p = catalog::parse_order_policy(opts.get<std::string>("order-policy"));
        if (!p)
            throw UsageError("--order-policy: accept-and-flag or reject");
        b.order_policy = *p;
    }
    if (cleared("outbound")) {
        b.outbound_credential = {};
        b.outbound_test_identity.clear();
        b.outbound_secret.clear();
    }
    if (outbound)
        b.outbound_credential = *outbound;
    if (opts.has("oci-hook-field"))
        b.oci_hook_field = opts.get<std::string>("oci-hook-field");
    if (opts.has("outbound-test-identity"))
        b.outbound_test_identity = opts.get<std::string>("outbound-test-identity");
    if (outbound_secret)
        b.outbound_secret = *outbound_secret;
    if (opts.has("document-url"))
        b.document_url = opts.get<std::string>("document-url");
    if (cleared("document-url"))
        b.document_url.clear();
    if (opts.has("unit-map"))
        b.unit_map = units;
    if (cleared("unit-map"))
        b.unit_map.clear();
    if (opts.has("view-category")) {
        b.view_categories = opts.get<std::vector<std::string>>("view-category");
    }
    if (cleared("view-categories"))
        b.view_categories.clear();
    if (opts.has("frame-origin")) {
        b.frame_origins = opts.get<std::vector<std::string>>("frame-origin");
    }
    if (cleared("frame-origins"))
        b.frame_origins.clear();
    if (opts.has("postback-host")) {
        b.postback_hosts = opts.get<std::vector<std::string>>("postback-host");
    }
    if (cleared("postback-hosts"))
        b.postback_hosts.clear();
    if (opts.has("oci-username"))
        b.oci_username = opts.get<std::string>("oci-username");
    if (cleared("oci"))
        b.oci_username.clear();  // clears the password too
    check(catalog::update_buyer(conn, b));
    if (password) {
        if (b.oci_username.empty()) {
            throw OperationError("--oci-password-file needs an OCI username (--oci-username)");
        }
        check(catalog::set_oci_password(conn, b.key, std::string_view(*password)));
    }
    if (view_skus)
        check(catalog::set_view_skus(conn, b.key, *view_skus));
    if (cleared("view-skus"))
        check(catalog::set_view_skus(conn, b.key, {}));
    check(tx.commit());
    print_buyer(ctx, find(conn, id));
    return 0;
}

int credential(Context& ctx, const std::vector<std::string>& args) {
    Options opts("buyer credential add|remove ID DOMAIN:IDENTITY",
                 "Adds or removes one of a buyer's From credentials (a buyer keeps at least one).");
    opts.positional("action").positional("id").positional("credential");
    if (!opts.parse(ctx, args))
        return 0;
    const auto& action = opts.need<std::string>("action");
    if (action != "add" && action != "remove") {
        throw UsageError("credential: 'add' or 'remove', not '" + action + "'");
    }
    const auto cred = parse_credential("credential", opts.need<std::string>("credential"));
    auto db = open_db(ctx, "buyer credential");
    auto conn = db.connect();
    Buyer b = find(conn, opts.need<std::string>("id"));
    if (action == "add") {
        b.credentials.push_back(cred);
    } else {
        auto same = [&](const catalog::Credential& c) {
            std::string a = c.domain, d = cred.domain;
            for (auto* s : {&a, &d}) {
                for (char& ch : *s)
                    ch = static_cast<char>(std::tolower(static_cast<unsigned char>(ch)));
            }
            return a == d && c.identity == cred.identity;
        };
        const auto before = b.credentials.size();
        std::erase_if(b.credentials, same);
        if (b.credentials.size() == before) {
            throw OperationError("buyer '" + b.id + "' has no credential " + cred.to_string());
        }
    }
    print_buyer(ctx, check(catalog::update_buyer(conn, b)));
    return 0;
}

constexpr SubCommand commands[] = {
    {"add", "add a buyer (and its direct sender with --shared-secret-file)", add},
    {"list", "list buyers", list},
    {"show", "show one buyer", show},
    {"set", "change a buyer's settings", set},
    {"disable", "refuse a buyer's punchouts and orders", disable},
    {"enable", "accept a disabled buyer again", enable},
    {"credential", "add or remove a From credential", credential},
};

}  // namespace

int run_buyer(Context& ctx, const std::vector<std::string>& args) {
    return dispatch(ctx, "buyer", args, commands);
}

}  // namespace punchout::tools
