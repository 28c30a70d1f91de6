#include "catalog/api_client.hpp"
#include "tests/catalog/support.hpp"

using namespace punchout::catalog;
using namespace punchout::catalog::test;

namespace {

struct Db {
    TempDir dir;
    Database db = Database::open(dir / "c.db");
    Connection conn = db.connect();
};

// Tokens as punchoutctl makes them: two 22-character URL-safe base64 halves.
const ApiToken first{"kZ3r9Qm2VbXo1Ld7TpQa4w", "Yh0-Jc_8sWn2PqLr5TvXzA"};
const ApiToken second{"Pq8Vn1Lm3XzRb7Tc2Wd9eF", "Mb4_Kd-9tQr1WsZy6UxNcB"};

NewApiClient erp(std::string_view scopes = "stock,prices") {
    return NewApiClient{"erp", *ApiScopes::parse(scopes), 100};
}

ApiClient added(Connection& conn, const NewApiClient& c, const ApiToken& token) {
    auto r = add_api_client(conn, c, token);
    INFO((r ? "" : r.error().message));
    REQUIRE(r.ok());
    return *r;
}

}  // namespace

TEST_CASE("API scopes read in any order and spacing and print in one order", "[api_client]") {
    auto s = ApiScopes::parse(" prices, stock ,fulfilment");
    REQUIRE(s);
    CHECK(s->has(ApiScope::stock));
    CHECK(s->has(ApiScope::prices));
    CHECK(s->has(ApiScope::fulfilment));
    CHECK_FALSE(s->has(ApiScope::orders));
    CHECK(s->to_string() == "stock,prices,fulfilment");

    auto unknown = ApiScopes::parse("stock,invoices");
    REQUIRE_FALSE(unknown);
    CHECK(unknown.error().message.find("'invoices'") != std::string::npos);
    CHECK_FALSE(ApiScopes::parse(" , "));
}

TEST_CASE("an API token reads back only in its own form", "[api_client]") {
    auto t = ApiToken::parse(first.text());
    REQUIRE(t);
    CHECK(t->id == first.id);
    CHECK(t->secret == first.secret);
    CHECK(first.text().starts_with("pgw."));
    CHECK_FALSE(ApiToken::parse("Bearer " + first.text()));
    CHECK_FALSE(ApiToken::parse("pgw." + first.id));
    CHECK_FALSE(ApiToken::parse("pgw." + first.id + "." + "short"));
    CHECK_FALSE(ApiToken::parse("pgw." + first.id + "." + first.secret + "=="));
}

TEST_CASE("a client authenticates with its token, never with a near miss", "[api_client]") {
    Db d;
    const auto c = added(d.conn, erp(), first);
    CHECK(c.token_id == first.id);
    CHECK(c.token_hash.find(first.secret) == std::string::npos);
    CHECK(c.token_hash.starts_with("sha256$"));

    auto ok = authenticate_api_client(d.conn, first.text());
    REQUIRE(ok);
    CHECK(ok->id == "erp");
    CHECK(ok->scopes.has(ApiScope::stock));
    CHECK_FALSE(ok->scopes.has(ApiScope::orders));

    std::string wrong = first.text();
    wrong.back() = wrong.back() == 'A' ? 'B' : 'A';
    for (const std::string& text : {wrong, std::string("pgw.") + second.id + "." + first.secret,
                                    std::string("not a token"), std::string()}) {
        CAPTURE(text);
        auto r = authenticate_api_client(d.conn, text);
        REQUIRE_FALSE(r);
        CHECK(r.error().code == Errc::not_found);
    }
}

TEST_CASE("rotating a token ends the old one at once", "[api_client]") {
    Db d;
    added(d.conn, erp(), first);
    REQUIRE(rotate_api_client_token(d.conn, "erp", second));
    CHECK_FALSE(authenticate_api_client(d.conn, first.text()));
    auto r = authenticate_api_client(d.conn, second.text());
    REQUIRE(r);
    CHECK(r->rotated_at.has_value());
    CHECK(rotate_api_client_token(d.conn, "nobody", first).error().code == Errc::not_found);
}

TEST_CASE("a disabled client is still found, so the API can say it is disabled", "[api_client]") {
    Db d;
    added(d.conn, erp(), first);
    REQUIRE(set_api_client_enabled(d.conn, "erp", false));
    auto r = authenticate_api_client(d.conn, first.text());
    REQUIRE(r);
    CHECK_FALSE(r->enabled);
    REQUIRE(set_api_client_enabled(d.conn, "erp", true));
    CHECK(find_api_client(d.conn, "erp")->enabled);
}

TEST_CASE("scopes and rate limits change without touching the token", "[api_client]") {
    Db d;
    added(d.conn, erp(), first);
    REQUIRE(set_api_client(d.conn, "erp", ApiScopes::parse("orders").value(), std::nullopt));
    auto c = find_api_client(d.conn, "erp");
    REQUIRE(c);
    CHECK(c->scopes.to_string() == "orders");
    CHECK(c->rate_limit == 100);
    REQUIRE(set_api_client(d.conn, "erp", std::nullopt, 5));
    CHECK(find_api_client(d.conn, "erp")->rate_limit == 5);
    CHECK(find_api_client(d.conn, "erp")->scopes.to_string() == "orders");
    CHECK(authenticate_api_client(d.conn, first.text()));
    CHECK(set_api_client(d.conn, "erp", std::nullopt, 0).error().code == Errc::invalid);
    CHECK(set_api_client(d.conn, "erp", ApiScopes{}, std::nullopt).error().code == Errc::invalid);
}

TEST_CASE("a bad client is refused whole and names what is wrong", "[api_client]") {
    Db d;
    auto no_scope = erp();
    no_scope.scopes = ApiScopes{};
    CHECK(add_api_client(d.conn, no_scope, first).error().code == Errc::invalid);
    auto fast = erp();
    fast.rate_limit = max_api_rate_limit + 1;
    auto r = add_api_client(d.conn, fast, first);
    REQUIRE_FALSE(r);
    CHECK(r.error().message.find("rate limit") != std::string::npos);
    CHECK(add_api_client(d.conn, erp(), ApiToken{"short", "short"}).error().code == Errc::invalid);
    auto bad_id = erp();
    bad_id.id = "has space";
    CHECK(add_api_client(d.conn, bad_id, first).error().code == Errc::invalid);
    CHECK(list_api_clients(d.conn)->empty());

    added(d.conn, erp(), first);
    auto dup = add_api_client(d.conn, erp(), second);
    REQUIRE_FALSE(dup);
    CHECK(dup.error().code == Errc::constraint);
    CHECK(dup.error().message.find("already exists") != std::string::npos);
    REQUIRE(list_api_clients(d.conn)->size() == 1);
}
