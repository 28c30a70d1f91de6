#include "catalog/buyer.hpp"
#include "catalog/sender.hpp"
#include "catalog/write_transaction.hpp"
#include "tests/catalog/support.hpp"

#include <fstream>

using namespace punchout::catalog;
using namespace punchout::catalog::test;

namespace {

struct Db {
    TempDir dir;
    Database db = Database::open(dir / "c.db");
    Connection conn = db.connect();
};

Buyer acme() {
    Buyer b;
    b.id = "acme";
    b.name = "Acme Industries";
    b.credentials = {{"NetworkID", "AN01000000087"}, {"DUNS", "123456789"}};
    return b;
}

Buyer added(Connection& conn, Buyer b) {
    auto r = add_buyer(conn, b);
    INFO((r ? "" : r.error().message));
    REQUIRE(r.ok());
    return *r;
}

NewSender hub() {
    return NewSender{.id = "ariba",
                     .credential = {"NetworkID", "sysadmin@ariba.com"},
                     .shared_secret = "network-secret-0001",
                     .mac_key = std::nullopt,
                     .any_buyer = false,
                     .buyer_ids = {"acme"}};
}

bool file_contains(const std::filesystem::path& path, const std::string& needle) {
    std::ifstream in(path, std::ios::binary);
    const std::string bytes((std::istreambuf_iterator<char>(in)), {});
    return bytes.find(needle) != std::string::npos;
}

}  // namespace

TEST_CASE("a buyer is stored with the documented defaults") {
    Db t;
    auto b = added(t.conn, acme());
    CHECK(b.key.value > 0);
    CHECK(b.enabled);
    CHECK(b.default_currency == "EUR");
    CHECK(b.cxml_version == "1.2.071");
    CHECK(b.cart_transport == CartTransport::cxml_base64);
    CHECK(b.order_policy == OrderPolicy::accept_and_flag);
    CHECK(b.credentials ==
          std::vector<Credential>{{"NetworkID", "AN01000000087"}, {"DUNS", "123456789"}});
    CHECK_FALSE(b.restricted_view());
    CHECK(find_buyer(t.conn, "acme")->key == b.key);
    CHECK(find_buyer(t.conn, b.key)->name == "Acme Industries");
    CHECK(find_buyer(t.conn, "nobody").error().code == Errc::not_found);
}

TEST_CASE("every buyer setting round-trips") {
    Db t;
    Buyer b = acme();
    b.default_currency = "USD";
    b.cxml_version = "1.2.050";
    b.cart_transport = CartTransport::oci;
    b.unit_map = {{"EA", "ST"}, {"PK", "PAK"}};
    b.view_categories = {"Safety", "Tools > Drills"};
    b.order_policy = OrderPolicy::reject;
    b.document_url = "https://buyer.example.com/cxml/inbound";
    b.frame_origins = {"https://s1.ariba.com", "https://srm.acme.example:8443"};
    b.postback_hosts = {"s1.ariba.com", "srm.acme.example:8443"};
    b.oci_username = "acme-srm";
    auto stored = added(t.conn, b);
    CHECK(stored.default_currency == "USD");
    CHECK(stored.cxml_version == "1.2.050");
    CHECK(stored.cart_transport == CartTransport::oci);
    CHECK(stored.unit_map == b.unit_map);
    CHECK(stored.unit_for("EA") == "ST");
    CHECK(stored.unit_for("MTR") == "MTR");  // unmapped: our own code
    CHECK(stored.view_categories == b.view_categories);
    CHECK(stored.restricted_view());
    CHECK(stored.order_policy == OrderPolicy::reject);
    CHECK(stored.document_url == b.document_url);
    CHECK(stored.frame_origins == b.frame_origins);
    CHECK(stored.postback_hosts == b.postback_hosts);
    CHECK(stored.oci_username == "acme-srm");
    CHECK_FALSE(stored.has_oci_password);

    stored.name = "Acme Oy";
    stored.unit_map = {{"EA", "EACH"}};
    stored.frame_origins.clear();
    stored.credentials.push_back({"SystemID", "ACME-SRM-PROD"});
    auto updated = update_buyer(t.conn, stored);
    REQUIRE(updated.ok());
    CHECK(updated->name == "Acme Oy");
    CHECK(updated->unit_for("EA") == "EACH");
    CHECK(updated->frame_origins.empty());
    CHECK(updated->credentials.size() == 3);
}

TEST_CASE("bad buyer settings are refused with the field named") {
    struct Case {
        std::function<void(Buyer&)> change;
        std::string message;
    };
    const Case cases[] = {
        {[](Buyer& b) { b.id = "acme corp"; }, "buyer id 'acme corp'"},
        {[](Buyer& b) { b.name = ""; }, "name"},
        {[](Buyer& b) { b.credentials.clear(); }, "at least one From credential"},
        {[](Buyer& b) {
             b.credentials = {{"DUNS", ""}};
         },
         "credential identity"},
        {[](Buyer& b) { b.default_currency = "eur"; }, "currency 'eur'"},
        {[](Buyer& b) { b.cxml_version = "1.2.x"; }, "cXML version"},
        {[](Buyer& b) {
             b.unit_map = {{"each", "ST"}};
         },
         "unit code 'each'"},
        {[](Buyer& b) { b.view_categories = {"Tools >"}; }, "category"},
        {[](Buyer& b) { b.document_url = "ftp://x.example"; }, "document URL"},
        {[](Buyer& b) { b.frame_origins = {"https://x.example/path"}; }, "frame origin"},
        {[](Buyer& b) { b.frame_origins = {"*"}; }, "frame origin"},
        {[](Buyer& b) { b.postback_hosts = {"bad host"}; }, "post-back host"},
    };
    for (const auto& c : cases) {
        DYNAMIC_SECTION(c.message) {
            Db t;
            Buyer b = acme();
            c.change(b);
            auto r = add_buyer(t.conn, b);
            REQUIRE_FALSE(r.ok());
            CHECK(r.error().code == Errc::invalid);
            CHECK_THAT(r.error().message, Catch::Contains(c.message));
        }
    }
}

TEST_CASE("buyer ids and credentials are unique") {
    Db t;
    added(t.conn, acme());
    auto again = add_buyer(t.conn, acme());
    REQUIRE_FALSE(again.ok());
    CHECK(again.error().code == Errc::constraint);
    CHECK_THAT(again.error().message, Catch::Contains("already exists"));

    Buyer other = acme();
    other.id = "other";
    other.credentials = {{"duns", "123456789"}};  // same credential, domain in other case
    auto taken = add_buyer(t.conn, other);
    REQUIRE_FALSE(taken.ok());
    CHECK(taken.error().code == Errc::constraint);
    CHECK_THAT(taken.error().message, Catch::Contains("already names buyer 'acme'"));
    CHECK(find_buyer(t.conn, "other").error().code == Errc::not_found);
}

TEST_CASE("identities compare as the networks do, per domain", "[credential]") {
    // Ariba Buyer relays our ANID lower-cased; the -T test suffix still tells realms apart.
    CHECK(identity_key("NetworkID", "AN01000000001-T") ==
          identity_key("networkid", "an01000000001-t"));
    CHECK(identity_key("NetworkId", "AN01000000001") !=
          identity_key("NetworkId", "AN01000000001-T"));
    CHECK(identity_key("AribaNetworkUserId", "SysAdmin@Ariba.com") ==
          identity_key("AribaNetworkUserId", "sysadmin@ariba.com"));
    CHECK(identity_key("DUNS", "12-345-6789") == "123456789");
    CHECK(identity_key("duns", " 123456789\n") == "123456789");
    // Buyer-defined ids are case-sensitive: only the white space around them goes.
    CHECK(identity_key("SystemID", "Coupa-T") != identity_key("SystemID", "coupa-t"));
    CHECK(identity_key("SystemID", " Coupa-T ") == "Coupa-T");
    CHECK(same_credential({"networkid", "an01"}, {"NetworkID", "AN01"}));
    CHECK_FALSE(same_credential({"NetworkID", "AN01"}, {"DUNS", "AN01"}));
}

TEST_CASE("From credentials find the buyer: domain in any case, identity by its domain's rule") {
    Db t;
    auto b = added(t.conn, acme());
    Buyer beta;
    beta.id = "beta";
    beta.name = "Beta";
    beta.credentials = {{"DUNS", "987654321"}};
    added(t.conn, beta);

    const std::vector<Credential> exact{{"NetworkID", "AN01000000087"}};
    CHECK(find_buyer_by_credentials(t.conn, exact)->key == b.key);
    const std::vector<Credential> upper{{"NETWORKID", "AN01000000087"}};
    CHECK(find_buyer_by_credentials(t.conn, upper)->key == b.key);
    const std::vector<Credential> identity_case{{"NetworkID", "an01000000087"}};
    CHECK(find_buyer_by_credentials(t.conn, identity_case)->key == b.key);
    const std::vector<Credential> test_realm{{"NetworkID", "an01000000087-t"}};
    CHECK(find_buyer_by_credentials(t.conn, test_realm).error().code == Errc::not_found);
    const std::vector<Credential> duns_dashes{{"DUNS", "98-765-4321"}};
    CHECK(find_buyer_by_credentials(t.conn, duns_dashes)->id == "beta");
    // Several credentials: an unknown one beside a known one still finds the buyer.
    const std::vector<Credential> mixed{{"SystemID", "unknown"}, {"DUNS", "123456789"}};
    CHECK(find_buyer_by_credentials(t.conn, mixed)->id == "acme");
    const std::vector<Credential> two_buyers{{"DUNS", "123456789"}, {"DUNS", "987654321"}};
    auto ambiguous = find_buyer_by_credentials(t.conn, two_buyers);
    REQUIRE_FALSE(ambiguous.ok());
    CHECK(ambiguous.error().code == Errc::invalid);
    CHECK(find_buyer_by_credentials(t.conn, std::vector<Credential>{}).error().code ==
          Errc::not_found);
}

TEST_CASE("disabling a buyer keeps it findable with enabled == false") {
    Db t;
    added(t.conn, acme());
    REQUIRE(set_buyer_enabled(t.conn, "acme", false).ok());
    const std::vector<Credential> from{{"DUNS", "123456789"}};
    auto b = find_buyer_by_credentials(t.conn, from);
    REQUIRE(b.ok());
    CHECK_FALSE(b->enabled);
    CHECK(set_buyer_enabled(t.conn, "nobody", false).error().code == Errc::not_found);
}

TEST_CASE("OCI logins check a hashed password and say nothing about which part was wrong") {
    Db t;
    Buyer b = acme();
    b.oci_username = "acme-srm";
    auto stored = added(t.conn, b);
    REQUIRE(set_oci_password(t.conn, stored.key, std::string_view("Tr0ub4dor&3")).ok());
    CHECK(find_buyer(t.conn, "acme")->has_oci_password);
    CHECK(find_buyer_by_oci_login(t.conn, "acme-srm", "Tr0ub4dor&3")->id == "acme");
    auto wrong = find_buyer_by_oci_login(t.conn, "acme-srm", "tr0ub4dor&3");
    auto unknown = find_buyer_by_oci_login(t.conn, "nobody", "Tr0ub4dor&3");
    REQUIRE_FALSE(wrong.ok());
    REQUIRE_FALSE(unknown.ok());
    CHECK(wrong.error().code == Errc::not_found);
    CHECK(wrong.error().message == unknown.error().message);
    const auto hash = query_text(t.conn, "SELECT oci_password_hash FROM buyer");
    CHECK_THAT(hash, Catch::StartsWith("pbkdf2-sha256$310000$"));
    CHECK_THAT(hash, !Catch::Contains("Tr0ub4dor"));
    REQUIRE(set_oci_password(t.conn, stored.key, std::nullopt).ok());
    CHECK(find_buyer_by_oci_login(t.conn, "acme-srm", "Tr0ub4dor&3").error().code ==
          Errc::not_found);
}

TEST_CASE("a shared secret rotates with overlap until the old one is retired") {
    Db t;
    added(t.conn, acme());
    REQUIRE(add_sender(t.conn, hub()).ok());
    REQUIRE(set_sender_secret(t.conn, "ariba", "network-secret-0002", true).ok());
    auto both = find_sender(t.conn, "ariba");
    CHECK(verify_shared_secret(*both, "network-secret-0001"));
    CHECK(verify_shared_secret(*both, "network-secret-0002"));
    REQUIRE(retire_previous_secret(t.conn, "ariba").ok());
    auto retired = find_sender(t.conn, "ariba");
    CHECK_FALSE(verify_shared_secret(*retired, "network-secret-0001"));
    CHECK(verify_shared_secret(*retired, "network-secret-0002"));
    // A plain rotation drops the old secret at once.
    REQUIRE(set_sender_secret(t.conn, "ariba", "network-secret-0003").ok());
    auto plain = find_sender(t.conn, "ariba");
    CHECK_FALSE(verify_shared_secret(*plain, "network-secret-0002"));
    CHECK(retire_previous_secret(t.conn, "nobody").error().code == Errc::not_found);
}

TEST_CASE("a sender verifies its shared secret and never stores it") {
    Db t;
    added(t.conn, acme());
    auto s = add_sender(t.conn, hub());
    REQUIRE(s.ok());
    CHECK(verify_shared_secret(*s, "network-secret-0001"));
    CHECK_FALSE(verify_shared_secret(*s, "network-secret-0002"));
    CHECK_FALSE(verify_shared_secret(*s, "network-secret-000"));
    CHECK_FALSE(verify_shared_secret(*s, ""));
    CHECK_THAT(s->secret_hash, Catch::StartsWith("sha256$"));
    CHECK_THAT(s->secret_hash, !Catch::Contains("network-secret"));
    // The same secret hashes differently for another sender (salted).
    NewSender direct{.id = "acme-direct",
                     .credential = {"DUNS", "123456789"},
                     .shared_secret = "network-secret-0001",
                     .mac_key = std::nullopt,
                     .any_buyer = false,
                     .buyer_ids = {"acme"}};
    auto d = add_sender(t.conn, direct);
    REQUIRE(d.ok());
    CHECK(d->secret_hash != s->secret_hash);
    CHECK(verify_shared_secret(*d, "network-secret-0001"));
    // A broken stored hash matches nothing.
    Sender broken = *s;
    broken.secret_hash = "sha256$zz$00";
    CHECK_FALSE(verify_shared_secret(broken, "network-secret-0001"));
    // Not in the database file, not in the WAL.
    t.conn.exec("PRAGMA wal_checkpoint(TRUNCATE)").ok();
    CHECK_FALSE(file_contains(t.dir / "c.db", "network-secret-0001"));
}

TEST_CASE("senders are found by credential, domain in any case, identity by its domain") {
    Db t;
    added(t.conn, acme());
    REQUIRE(add_sender(t.conn, hub()).ok());
    CHECK(find_sender_by_credential(t.conn, {"networkid", "sysadmin@ariba.com"})->id == "ariba");
    // Network identities ignore case; other domains compare exactly.
    CHECK(find_sender_by_credential(t.conn, {"NetworkID", "SYSADMIN@ariba.com"})->id == "ariba");
    CHECK(find_sender_by_credential(t.conn, {"SystemID", "sysadmin@ariba.com"}).error().code ==
          Errc::not_found);
    CHECK(find_sender(t.conn, "ariba")->credential.identity == "sysadmin@ariba.com");
}

TEST_CASE("who a sender may act for") {
    Db t;
    auto a = added(t.conn, acme());
    Buyer beta;
    beta.id = "beta";
    beta.name = "Beta";
    beta.credentials = {{"DUNS", "987654321"}};
    auto b = added(t.conn, beta);
    auto linked = add_sender(t.conn, hub());
    REQUIRE(linked.ok());
    CHECK(*sender_may_act_for(t.conn, linked->key, a.key));
    CHECK_FALSE(*sender_may_act_for(t.conn, linked->key, b.key));
    CHECK(*sender_buyers(t.conn, linked->key) == std::vector<std::string>{"acme"});

    NewSender any = hub();
    any.id = "any";
    any.credential = {"NetworkID", "hub@example.com"};
    any.any_buyer = true;
    any.buyer_ids.clear();
    auto anyone = add_sender(t.conn, any);
    REQUIRE(anyone.ok());
    CHECK(*sender_may_act_for(t.conn, anyone->key, b.key));

    REQUIRE(set_sender_enabled(t.conn, "any", false).ok());
    CHECK_FALSE(*sender_may_act_for(t.conn, anyone->key, b.key));

    REQUIRE(set_sender_buyers(t.conn, "ariba", false, {"acme", "beta"}).ok());
    CHECK(*sender_may_act_for(t.conn, linked->key, b.key));
    CHECK(set_sender_buyers(t.conn, "ariba", false, {"ghost"}).error().code == Errc::not_found);
    // The failed change left the links as they were.
    CHECK(sender_buyers(t.conn, linked->key)->size() == 2);
}

TEST_CASE("bad senders are refused") {
    Db t;
    added(t.conn, acme());
    auto short_secret = hub();
    short_secret.shared_secret = "short";
    CHECK(add_sender(t.conn, short_secret).error().code == Errc::invalid);
    auto nobody = hub();
    nobody.buyer_ids.clear();
    CHECK_THAT(add_sender(t.conn, nobody).error().message, Catch::Contains("none given"));
    auto ghost = hub();
    ghost.buyer_ids = {"ghost"};
    auto r = add_sender(t.conn, ghost);
    CHECK(r.error().code == Errc::not_found);
    CHECK(find_sender(t.conn, "ariba").error().code == Errc::not_found);  // rolled back
    REQUIRE(add_sender(t.conn, hub()).ok());
    auto same_credential = hub();
    same_credential.id = "ariba2";
    same_credential.credential.domain = "NETWORKID";
    auto taken = add_sender(t.conn, same_credential);
    CHECK(taken.error().code == Errc::constraint);
    CHECK_THAT(taken.error().message, Catch::Contains("already belongs to sender 'ariba'"));
    auto short_mac = hub();
    short_mac.id = "mac";
    short_mac.credential.identity = "mac@example.com";
    short_mac.mac_key = "tiny";
    CHECK(add_sender(t.conn, short_mac).error().code == Errc::invalid);
}

TEST_CASE("secrets and MAC keys can be rotated") {
    Db t;
    added(t.conn, acme());
    REQUIRE(add_sender(t.conn, hub()).ok());
    REQUIRE(set_sender_secret(t.conn, "ariba", "rotated-secret-02").ok());
    auto s = find_sender(t.conn, "ariba");
    CHECK_FALSE(verify_shared_secret(*s, "network-secret-0001"));
    CHECK(verify_shared_secret(*s, "rotated-secret-02"));
    REQUIRE(set_sender_mac_key(t.conn, "ariba", std::string_view("0123456789abcdef0123")).ok());
    CHECK(find_sender(t.conn, "ariba")->mac_key == "0123456789abcdef0123");
    REQUIRE(set_sender_mac_key(t.conn, "ariba", std::nullopt).ok());
    CHECK_FALSE(find_sender(t.conn, "ariba")->mac_key.has_value());
    CHECK(set_sender_secret(t.conn, "ghost", "whatever-secret").error().code == Errc::not_found);
}

TEST_CASE("a buyer and its direct sender can be created in one transaction") {
    Db t;
    {
        auto tx = WriteTransaction::begin(t.conn);
        REQUIRE(tx.ok());
        added(t.conn, acme());
        auto direct = hub();
        direct.credential = {"NetworkID", "AN01000000087"};
        direct.buyer_ids = {"acme"};
        direct.shared_secret = "x";  // too short: the whole thing must go
        REQUIRE_FALSE(add_sender(t.conn, direct).ok());
        // not committed
    }
    CHECK(find_buyer(t.conn, "acme").error().code == Errc::not_found);
}
