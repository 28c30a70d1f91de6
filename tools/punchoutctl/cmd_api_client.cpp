// punchoutctl api-client: who may call the integration API (/api/v1/), with which scopes and
// how often. A token is printed once, when it is made (add, rotate), and never again.
#include "catalog/api_client.hpp"
#include "catalog/write_transaction.hpp"
#include "gateway/service/order_webhooks.hpp"
#include "gateway/service/tokens.hpp"
#include "tools/punchoutctl/cli.hpp"
#include "tools/punchoutctl/commands.hpp"

namespace punchout::tools {
namespace {

using catalog::ApiClient;

// 256 random bits: the id half finds the client, the secret half proves the holder.
catalog::ApiToken fresh_token() {
    return {gateway::random_key(), gateway::random_key()};
}

catalog::ApiScopes scopes_option(const Options& opts) {
    auto scopes = catalog::ApiScopes::parse(opts.get<std::string>("scope"));
    if (!scopes)
        throw UsageError("--scope: " + scopes.error().message);
    return *scopes;
}

Json client_json(const ApiClient& c) {
    Json scopes = Json::array();
    for (const auto& s : split_list(c.scopes.to_string()))
        scopes.push(s);
    return Json::object()
        .set("id", c.id)
        .set("scopes", std::move(scopes))
        .set("enabled", c.enabled)
        .set("rate_limit", c.rate_limit)
        .set("token_id", c.token_id)
        .set("created_at", catalog::format_timestamp(c.created_at))
        .set("updated_at", catalog::format_timestamp(c.updated_at))
        .set("rotated_at", c.rotated_at ? Json(catalog::format_timestamp(*c.rotated_at)) : Json())
        .set("webhook_url", c.webhook_url.empty() ? Json() : Json(c.webhook_url));
}

// The client, and (add, rotate) the token, which is shown this once; `webhook_secret` when
// set made one.
void print_client(Context& ctx, const ApiClient& c, const std::optional<catalog::ApiToken>& token,
                  bool webhook_secret = false) {
    if (ctx.json) {
        Json out = client_json(c);
        if (token)
            out.set("token", token->text());
        if (webhook_secret)
            out.set("webhook_secret", c.webhook_secret);
        out.print(ctx.out);
        return;
    }
    std::vector<std::pair<std::string, std::string>> fields{
        {"id", c.id},
        {"scopes", c.scopes.to_string()},
        {"enabled", c.enabled ? "yes" : "no"},
        {"rate limit", std::to_string(c.rate_limit) + " requests/s"},
        {"token id", c.token_id},
        {"created", catalog::format_timestamp(c.created_at)},
        {"token rotated", c.rotated_at ? catalog::format_timestamp(*c.rotated_at) : "never"},
        {"webhook", c.webhook_url.empty() ? "-" : c.webhook_url}};
    if (token)
        fields.emplace_back("token", token->text() + "  (shown once: store it now)");
    if (webhook_secret) {
        fields.emplace_back(
            "webhook secret",
            c.webhook_secret + "  (the receiver checks Punchout-Signature with it)");
    }
    print_fields(ctx.out, fields);
}

int add(Context& ctx, const std::vector<std::string>& args) {
    Options opts("api-client add ID --scope SCOPE,SCOPE [--rate-limit N]",
                 "Adds a client of the integration API and prints its bearer token once.\n"
                 "Scopes: stock, prices, catalog, orders, fulfilment.");
    opts.positional("id");
    opts.add()("scope", po::value<std::string>(), "comma-separated scopes it may use")(
        "rate-limit", po::value<int>(), "requests per second (default 100)");
    if (!opts.parse(ctx, args))
        return 0;
    catalog::NewApiClient c;
    c.id = opts.need<std::string>("id");
    opts.need<std::string>("scope");
    c.scopes = scopes_option(opts);
    if (opts.has("rate-limit"))
        c.rate_limit = opts.get<int>("rate-limit");
    const auto token = fresh_token();
    auto db = open_db(ctx, "api-client add");
    auto conn = db.connect();
    print_client(ctx, check(catalog::add_api_client(conn, c, token)), token);
    return 0;
}

int list(Context& ctx, const std::vector<std::string>& args) {
    Options opts("api-client list", "Lists the integration API's clients (never their tokens).");
    if (!opts.parse(ctx, args))
        return 0;
    auto db = open_db(ctx, "api-client list");
    auto conn = db.connect();
    const auto all = check(catalog::list_api_clients(conn));
    if (ctx.json) {
        Json out = Json::array();
        for (const auto& c : all)
            out.push(client_json(c));
        out.print(ctx.out);
        return 0;
    }
    Table t({"ID", "SCOPES", "ENABLED", "RATE/S", "TOKEN ID"});
    for (const auto& c : all) {
        t.add_row({c.id, c.scopes.to_string(), c.enabled ? "yes" : "no",
                   std::to_string(c.rate_limit), c.token_id});
    }
    t.print(ctx.out);
    return 0;
}

int show(Context& ctx, const std::vector<std::string>& args) {
    Options opts("api-client show ID", "Shows a client (never its token).");
    opts.positional("id");
    if (!opts.parse(ctx, args))
        return 0;
    auto db = open_db(ctx, "api-client show");
    auto conn = db.connect();
    print_client(ctx, check(catalog::find_api_client(conn, opts.need<std::string>("id"))),
                 std::nullopt);
    return 0;
}

int rotate(Context& ctx, const std::vector<std::string>& args) {
    Options opts("api-client rotate ID",
                 "Gives a client a new token and prints it once; the old token stops working "
                 "at once.");
    opts.positional("id");
    if (!opts.parse(ctx, args))
        return 0;
    const auto& id = opts.need<std::string>("id");
    const auto token = fresh_token();
    auto db = open_db(ctx, "api-client rotate");
    auto conn = db.connect();
    auto tx = check(catalog::WriteTransaction::begin(conn));
    check(catalog::rotate_api_client_token(conn, id, token));
    auto client = check(catalog::find_api_client(conn, id));
    check(tx.commit());
    print_client(ctx, client, token);
    return 0;
}

int set(Context& ctx, const std::vector<std::string>& args) {
    Options opts(
        "api-client set ID [--scope SCOPE,SCOPE] [--rate-limit N]\n"
        "       [--webhook-url URL [--new-webhook-secret]]",
        "Changes what a client may do or how often; its token stays. --webhook-url names\n"
        "where the client's order events go (a client with the orders scope; '' for\n"
        "nowhere): each is POSTed as JSON through the outbox, signed in Punchout-Signature\n"
        "with the client's webhook secret, which is made and printed when the first URL is\n"
        "set, or with --new-webhook-secret.");
    opts.positional("id");
    opts.add()("scope", po::value<std::string>(), "the scopes it may use from now")(
        "rate-limit", po::value<int>(), "requests per second")(
        "webhook-url", po::value<std::string>(), "where order events are POSTed ('' : nowhere)")(
        "new-webhook-secret", "make a new webhook secret and print it");
    if (!opts.parse(ctx, args))
        return 0;
    const auto& id = opts.need<std::string>("id");
    std::optional<catalog::ApiScopes> scopes;
    if (opts.has("scope"))
        scopes = scopes_option(opts);
    std::optional<int> rate;
    if (opts.has("rate-limit"))
        rate = opts.get<int>("rate-limit");
    std::optional<std::string> webhook;
    if (opts.has("webhook-url"))
        webhook = opts.get<std::string>("webhook-url");
    const bool new_secret = opts.has("new-webhook-secret");
    if (!scopes && !rate && !webhook && !new_secret)
        throw UsageError("nothing to change: give --scope, --rate-limit or --webhook-url");
    auto db = open_db(ctx, "api-client set");
    auto conn = db.connect();
    auto tx = check(catalog::WriteTransaction::begin(conn));
    if (scopes || rate)
        check(catalog::set_api_client(conn, id, scopes, rate));
    bool made_secret = false;
    if (webhook || new_secret) {
        const auto current = check(catalog::find_api_client(conn, id));
        const std::string url = webhook.value_or(current.webhook_url);
        std::optional<std::string> secret;
        if (new_secret || (!url.empty() && current.webhook_secret.empty()))
            secret = gateway::make_webhook_secret();
        check(catalog::set_api_client_webhook(conn, id, url, secret));
        made_secret = secret.has_value();
    }
    auto client = check(catalog::find_api_client(conn, id));
    if (!client.webhook_url.empty() && !client.scopes.has(catalog::ApiScope::orders)) {
        throw OperationError("API client '" + id +
                             "' has a webhook but no 'orders' scope, so it would receive "
                             "nothing; add the scope (--scope ...,orders) or drop the URL "
                             "(--webhook-url '')");
    }
    check(tx.commit());
    print_client(ctx, client, std::nullopt, made_secret);
    return 0;
}

int disable(Context& ctx, const std::vector<std::string>& args) {
    return set_enabled(ctx, args, "api-client", false,
                       "Refuses every call with this client's token.",
                       catalog::set_api_client_enabled);
}
int enable(Context& ctx, const std::vector<std::string>& args) {
    return set_enabled(ctx, args, "api-client", true, "Accepts the client's token again.",
                       catalog::set_api_client_enabled);
}

constexpr SubCommand commands[] = {
    {"add", "add a client and print its token once", add},
    {"list", "list clients", list},
    {"show", "show one client", show},
    {"rotate", "replace a client's token and print the new one once", rotate},
    {"set", "change a client's scopes or rate limit", set},
    {"disable", "refuse a client's calls", disable},
    {"enable", "accept a disabled client again", enable},
};

}  // namespace

int run_api_client(Context& ctx, const std::vector<std::string>& args) {
    return dispatch(ctx, "api-client", args, commands);
}

}  // namespace punchout::tools
