// punchoutctl sender: who may authenticate posts, and for which buyers. Secrets go in from
// a file or stdin and never come out again: not in tables, JSON or errors.
#include "catalog/sender.hpp"
#include "catalog/write_transaction.hpp"
#include "tools/punchoutctl/cli.hpp"
#include "tools/punchoutctl/commands.hpp"

namespace punchout::tools {
namespace {

using catalog::Sender;

struct Shown {
    Sender sender;
    std::vector<std::string> buyers;
};

Shown load(catalog::Connection& conn, const std::string& id) {
    Shown s{check(catalog::find_sender(conn, id)), {}};
    s.buyers = check(catalog::sender_buyers(conn, s.sender.key));
    return s;
}

Json sender_json(const Shown& s) {
    Json buyers = Json::array();
    for (const auto& b : s.buyers)
        buyers.push(b);
    return Json::object()
        .set("id", s.sender.id)
        .set("credential", Json::object()
                               .set("domain", s.sender.credential.domain)
                               .set("identity", s.sender.credential.identity))
        .set("enabled", s.sender.enabled)
        .set("any_buyer", s.sender.any_buyer)
        .set("buyers", std::move(buyers))
        .set("mac_key_set", s.sender.mac_key.has_value())
        .set("previous_secret_valid", !s.sender.previous_secret_hash.empty())
        .set("client_certificate_sha256", s.sender.client_certificate_sha256.empty()
                                              ? Json()
                                              : Json(s.sender.client_certificate_sha256))
        .set("created_at", catalog::format_timestamp(s.sender.created_at))
        .set("updated_at", catalog::format_timestamp(s.sender.updated_at));
}

std::string buyers_text(const Shown& s) {
    if (s.sender.any_buyer)
        return "any";
    std::string out;
    for (const auto& b : s.buyers)
        out += (out.empty() ? "" : ", ") + b;
    return out;
}

void print_sender(Context& ctx, const Shown& s) {
    if (ctx.json) {
        sender_json(s).print(ctx.out);
        return;
    }
    print_fields(ctx.out,
                 {{"id", s.sender.id},
                  {"credential", s.sender.credential.to_string()},
                  {"enabled", s.sender.enabled ? "yes" : "no"},
                  {"buyers", buyers_text(s)},
                  {"shared secret", s.sender.previous_secret_hash.empty()
                                        ? "set (stored as a salted hash)"
                                        : "set (stored as a salted hash); the "
                                          "previous one is still valid until "
                                          "--retire-previous-secret"},
                  {"mac key", s.sender.mac_key ? "set" : "not set"},
                  {"client certificate", s.sender.client_certificate_sha256.empty()
                                             ? "not required"
                                             : "SHA-256 " + s.sender.client_certificate_sha256},
                  {"created", catalog::format_timestamp(s.sender.created_at)},
                  {"updated", catalog::format_timestamp(s.sender.updated_at)}});
}

// --buyers ID,ID or --any-buyer: exactly one of them.
void read_buyers(const Options& opts, bool required, bool& any, std::vector<std::string>& ids,
                 bool& given) {
    const bool has_list = opts.has("buyers");
    any = opts.get<bool>("any-buyer");
    given = has_list || any;
    if (has_list && any)
        throw UsageError("give --buyers or --any-buyer, not both");
    if (required && !given)
        throw UsageError("missing --buyers ID,ID or --any-buyer");
    if (has_list) {
        ids = split_list(opts.get<std::string>("buyers"));
        if (ids.empty())
            throw UsageError("--buyers needs at least one buyer id");
    }
}

int add(Context& ctx, const std::vector<std::string>& args) {
    Options opts(
        "sender add ID --credential DOMAIN:IDENTITY --shared-secret-file FILE|-\n"
        "       (--buyers ID,ID | --any-buyer) [--mac-key-file FILE|-]",
        "Adds a sender: a system that authenticates cXML posts with its credential and\n"
        "shared secret, for the listed buyers or (a network hub) any buyer.");
    opts.positional("id");
    opts.add()("credential", po::value<std::string>(), "DOMAIN:IDENTITY of the cXML Sender")(
        "shared-secret-file", po::value<std::string>(), "FILE or - (stdin): the shared secret")(
        "buyers", po::value<std::string>(), "comma-separated buyer ids it may act for")(
        "any-buyer", po::bool_switch(), "it may act for every buyer (a network hub)")(
        "mac-key-file", po::value<std::string>(), "FILE or -: key for CredentialMac");
    if (!opts.parse(ctx, args))
        return 0;
    catalog::NewSender s;
    s.id = opts.need<std::string>("id");
    s.credential = parse_credential("--credential", opts.need<std::string>("credential"));
    bool given = false;
    read_buyers(opts, true, s.any_buyer, s.buyer_ids, given);
    const auto& secret_source = opts.need<std::string>("shared-secret-file");
    if (opts.has("mac-key-file") && secret_source == "-" &&
        opts.get<std::string>("mac-key-file") == "-") {
        throw UsageError("only one of --shared-secret-file and --mac-key-file can read stdin");
    }
    s.shared_secret = read_secret("--shared-secret-file", secret_source);
    if (opts.has("mac-key-file")) {
        s.mac_key = read_secret("--mac-key-file", opts.get<std::string>("mac-key-file"));
    }
    auto db = open_db(ctx, "sender add");
    auto conn = db.connect();
    check(catalog::add_sender(conn, s));
    print_sender(ctx, load(conn, s.id));
    return 0;
}

int list(Context& ctx, const std::vector<std::string>& args) {
    Options opts("sender list", "Lists every sender (never their secrets).");
    if (!opts.parse(ctx, args))
        return 0;
    auto db = open_db(ctx, "sender list");
    auto conn = db.connect();
    std::vector<Shown> all;
    for (auto& s : check(catalog::list_senders(conn))) {
        auto buyers = check(catalog::sender_buyers(conn, s.key));
        all.push_back({std::move(s), std::move(buyers)});
    }
    if (ctx.json) {
        Json out = Json::array();
        for (const auto& s : all)
            out.push(sender_json(s));
        out.print(ctx.out);
        return 0;
    }
    Table t({"ID", "CREDENTIAL", "ENABLED", "BUYERS", "MAC KEY"});
    for (const auto& s : all) {
        t.add_row({s.sender.id, s.sender.credential.to_string(), s.sender.enabled ? "yes" : "no",
                   buyers_text(s), s.sender.mac_key ? "set" : "-"});
    }
    t.print(ctx.out);
    return 0;
}

int show(Context& ctx, const std::vector<std::string>& args) {
    Options opts("sender show ID", "Shows a sender (never its secrets).");
    opts.positional("id");
    if (!opts.parse(ctx, args))
        return 0;
    auto db = open_db(ctx, "sender show");
    auto conn = db.connect();
    print_sender(ctx, load(conn, opts.need<std::string>("id")));
    return 0;
}

int disable(Context& ctx, const std::vector<std::string>& args) {
    return set_enabled(ctx, args, "sender", false, "Refuses every post from this sender.",
                       catalog::set_sender_enabled);
}
int enable(Context& ctx, const std::vector<std::string>& args) {
    return set_enabled(ctx, args, "sender", true, "Accepts the sender's posts again.",
                       catalog::set_sender_enabled);
}

int set(Context& ctx, const std::vector<std::string>& args) {
    Options opts(
        "sender set ID [--shared-secret-file FILE|- [--keep-previous-secret]]\n"
        "       [--retire-previous-secret] [--mac-key-file FILE|- | --no-mac-key]\n"
        "       [--client-certificate-sha256 HEX | --no-client-certificate]\n"
        "       [--buyers ID,ID | --any-buyer]",
        "Rotates a sender's secret or MAC key, or changes the buyers it may act for.\n"
        "With --keep-previous-secret the replaced secret stays valid beside the new one\n"
        "(so the network can switch over at its own pace) until --retire-previous-secret.");
    opts.positional("id");
    opts.add()("shared-secret-file", po::value<std::string>(), "FILE or -: the new shared secret")(
        "mac-key-file", po::value<std::string>(), "FILE or -: the new CredentialMac key")(
        "keep-previous-secret", po::bool_switch(), "the replaced secret stays valid until retired")(
        "retire-previous-secret", po::bool_switch(), "only the current secret is valid from now")(
        "no-mac-key", po::bool_switch(), "remove the CredentialMac key")(
        "client-certificate-sha256", po::value<std::string>(),
        "require this TLS client certificate (openssl x509 -noout -fingerprint -sha256)")(
        "no-client-certificate", po::bool_switch(), "require no client certificate")(
        "buyers", po::value<std::string>(), "comma-separated buyer ids it may act for")(
        "any-buyer", po::bool_switch(), "it may act for every buyer");
    if (!opts.parse(ctx, args))
        return 0;
    const auto& id = opts.need<std::string>("id");
    bool any = false, buyers_given = false;
    std::vector<std::string> ids;
    read_buyers(opts, false, any, ids, buyers_given);
    if (opts.has("mac-key-file") && opts.get<bool>("no-mac-key")) {
        throw UsageError("give --mac-key-file or --no-mac-key, not both");
    }
    if (opts.has("mac-key-file") && opts.has("shared-secret-file") &&
        opts.get<std::string>("mac-key-file") == "-" &&
        opts.get<std::string>("shared-secret-file") == "-") {
        throw UsageError("only one of --shared-secret-file and --mac-key-file can read stdin");
    }
    std::optional<std::string> secret, mac;
    if (opts.has("shared-secret-file")) {
        secret = read_secret("--shared-secret-file", opts.get<std::string>("shared-secret-file"));
    }
    if (opts.has("mac-key-file")) {
        mac = read_secret("--mac-key-file", opts.get<std::string>("mac-key-file"));
    }
    auto db = open_db(ctx, "sender set");
    auto conn = db.connect();
    auto tx = check(catalog::WriteTransaction::begin(conn));
    if (opts.get<bool>("keep-previous-secret") && !secret)
        throw UsageError("--keep-previous-secret goes with --shared-secret-file");
    if (opts.get<bool>("keep-previous-secret") && opts.get<bool>("retire-previous-secret"))
        throw UsageError("give --keep-previous-secret or --retire-previous-secret, not both");
    if (opts.has("client-certificate-sha256") && opts.get<bool>("no-client-certificate"))
        throw UsageError("give --client-certificate-sha256 or --no-client-certificate, not both");
    if (opts.has("client-certificate-sha256")) {
        check(catalog::set_sender_client_certificate(
            conn, id, opts.get<std::string>("client-certificate-sha256")));
    }
    if (opts.get<bool>("no-client-certificate"))
        check(catalog::set_sender_client_certificate(conn, id, ""));
    if (opts.get<bool>("retire-previous-secret"))
        check(catalog::retire_previous_secret(conn, id));
    if (secret)
        check(
            catalog::set_sender_secret(conn, id, *secret, opts.get<bool>("keep-previous-secret")));
    if (mac)
        check(catalog::set_sender_mac_key(conn, id, std::string_view(*mac)));
    if (opts.get<bool>("no-mac-key"))
        check(catalog::set_sender_mac_key(conn, id, std::nullopt));
    if (buyers_given)
        check(catalog::set_sender_buyers(conn, id, any, ids));
    auto shown = load(conn, id);  // also: not_found for an unknown id with nothing to change
    check(tx.commit());
    print_sender(ctx, shown);
    return 0;
}

constexpr SubCommand commands[] = {
    {"add", "add a sender with its credential and shared secret", add},
    {"list", "list senders", list},
    {"show", "show one sender", show},
    {"set", "rotate the secret or MAC key, change its buyers", set},
    {"disable", "refuse a sender's posts", disable},
    {"enable", "accept a disabled sender again", enable},
};

}  // namespace

int run_sender(Context& ctx, const std::vector<std::string>& args) {
    return dispatch(ctx, "sender", args, commands);
}

}  // namespace punchout::tools
