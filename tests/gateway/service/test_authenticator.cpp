#include "catalog/buyer.hpp"
#include "catalog/sender.hpp"
#include "cxml/credential_mac.hpp"
#include "gateway/service/authenticator.hpp"
#include "tests/gateway/support/store.hpp"

using namespace punchout;
using namespace punchout::gateway;
using gateway::test::TestStore;

namespace {

cxml::Credential credential(const char* domain, const char* identity) {
    cxml::Credential c;
    c.domain = domain;
    c.identity = identity;
    return c;
}

// A Header as the buyer's direct sender sends it.
cxml::Header direct_header(std::optional<std::string> secret = gateway::test::buyer_secret) {
    cxml::Header h;
    h.from.credentials = {credential(test::buyer_domain, test::buyer_identity)};
    h.to.credentials = {credential(test::supplier_domain, test::supplier_identity)};
    auto sender = credential(test::buyer_domain, test::buyer_identity);
    sender.shared_secret = std::move(secret);
    h.sender.credentials = {sender};
    return h;
}

Outcome<Authenticated> check(TestStore& store, const cxml::Header& h) {
    auto conn = store.connect();
    return authenticate(conn, h, store.config.supplier, cxml::Timestamp::now());
}

void expect_refused(const Outcome<Authenticated>& r, RefusalKind kind, const std::string& words) {
    REQUIRE_FALSE(r.ok());
    CHECK(r.refusal().kind == kind);
    CHECK_THAT(r.refusal().message, Catch::Contains(words));
}

constexpr const char* no_buyer = "name no buyer this Sender may act for";

}  // namespace

TEST_CASE("a known sender with its secret, naming us and its buyer, is authenticated",
          "[authenticator]") {
    TestStore store;
    auto r = check(store, direct_header());
    REQUIRE(r.ok());
    CHECK(r->buyer.id == "acme");
    CHECK(r->sender.id == "acme-direct");
    CHECK(r->buyer_credential.identity == test::buyer_identity);
}

TEST_CASE("a sender pinned to a client certificate needs it, and then no secret",
          "[authenticator]") {
    TestStore store;
    const std::string pin(64, 'a');
    {
        auto conn = store.connect();
        REQUIRE(catalog::set_sender_client_certificate(conn, "acme-direct", pin).ok());
    }
    auto with = [&](const cxml::Header& h, std::string_view cert) {
        auto conn = store.connect();
        return authenticate(conn, h, store.config.supplier, cxml::Timestamp::now(), cert);
    };
    CHECK(with(direct_header(std::nullopt), pin).ok());
    CHECK(with(direct_header(), pin).ok());
    expect_refused(with(direct_header(), ""), RefusalKind::unauthenticated, "presented none");
    expect_refused(with(direct_header(std::nullopt), std::string(64, 'b')),
                   RefusalKind::unauthenticated, "presented another certificate");
    expect_refused(with(direct_header("wrong-secret"), pin), RefusalKind::unauthenticated,
                   "does not match");
    {
        auto conn = store.connect();
        CHECK(catalog::set_sender_client_certificate(conn, "acme-direct", "xyz").error().code ==
              catalog::Errc::invalid);
    }
}

TEST_CASE("every way a Header fails to authenticate is refused as unauthenticated",
          "[authenticator]") {
    TestStore store;
    SECTION("no Sender credential") {
        auto h = direct_header();
        h.sender.credentials.clear();
        expect_refused(check(store, h), RefusalKind::unauthenticated, "no Sender credential");
    }
    SECTION("an unknown sender") {
        auto h = direct_header();
        h.sender.credentials.front().identity = "999999999";
        expect_refused(check(store, h), RefusalKind::unauthenticated, "is not known");
    }
    SECTION("a wrong SharedSecret") {
        expect_refused(check(store, direct_header("not-the-secret")), RefusalKind::unauthenticated,
                       "SharedSecret");
    }
    SECTION("neither a SharedSecret nor a CredentialMac") {
        expect_refused(check(store, direct_header(std::nullopt)), RefusalKind::unauthenticated,
                       "neither a SharedSecret nor a CredentialMac");
    }
    SECTION("a CredentialMac without a MAC key set up") {
        auto h = direct_header(std::nullopt);
        h.sender.credentials.front().mac =
            cxml::make_credential_mac(h.from.credentials.front(), h.sender.credentials.front(),
                                      "mac-key", cxml::Timestamp::now(), std::chrono::hours(1));
        expect_refused(check(store, h), RefusalKind::unauthenticated, "no MAC key");
    }
    SECTION("a disabled sender") {
        auto conn = store.connect();
        REQUIRE(catalog::set_sender_enabled(conn, "acme-direct", false).ok());
        expect_refused(check(store, direct_header()), RefusalKind::unauthenticated, "disabled");
    }
    SECTION("To does not name us") {
        auto h = direct_header();
        h.to.credentials.front().identity = "000000000";
        expect_refused(check(store, h), RefusalKind::unauthenticated,
                       "does not name this supplier");
    }
    SECTION("From names no buyer") {
        auto h = direct_header();
        h.from.credentials.front().identity = "444444444";
        expect_refused(check(store, h), RefusalKind::unauthenticated, no_buyer);
    }
    SECTION("a buyer the sender may not act for reads like an unknown one") {
        auto conn = store.connect();
        catalog::Buyer other;
        other.id = "globex";
        other.name = "Globex";
        other.credentials = {{"DUNS", "777777777"}};
        REQUIRE(catalog::add_buyer(conn, other).ok());
        auto h = direct_header();
        h.from.credentials.front().identity = "777777777";
        expect_refused(check(store, h), RefusalKind::unauthenticated, no_buyer);
    }
    SECTION("a disabled buyer") {
        auto conn = store.connect();
        REQUIRE(catalog::set_buyer_enabled(conn, "acme", false).ok());
        expect_refused(check(store, direct_header()), RefusalKind::unauthenticated, "disabled");
    }
}

TEST_CASE("a valid CredentialMac authenticates; a wrong one does not", "[authenticator]") {
    TestStore store;
    {
        auto conn = store.connect();
        REQUIRE(catalog::set_sender_mac_key(conn, "acme-direct", std::string("mac-key-0123456789"))
                    .ok());
    }
    auto h = direct_header(std::nullopt);
    h.sender.credentials.front().mac = cxml::make_credential_mac(
        h.from.credentials.front(), h.sender.credentials.front(), "mac-key-0123456789",
        cxml::Timestamp::now(), std::chrono::hours(1));
    CHECK(check(store, h).ok());
    h.sender.credentials.front().mac = cxml::make_credential_mac(
        h.from.credentials.front(), h.sender.credentials.front(), "another-key-0123456789",
        cxml::Timestamp::now(), std::chrono::hours(1));
    expect_refused(check(store, h), RefusalKind::unauthenticated, "CredentialMac");
}

TEST_CASE("a store failure while authenticating is ours, never a refusal of the sender",
          "[authenticator][fault][defect]") {
    // SQLite busy used to be 500 here but 560 in setup; both are now the same busy refusal.
    test::require_fault_injection();
    TestStore store;
    using catalog::testing::Fault;
    for (auto fault : {Fault::busy, Fault::io_error, Fault::no_memory}) {
        for (const char* sql : {"FROM sender", "buyer_credential", "sender_buyer"}) {
            INFO(catalog::testing::to_string(fault) << " at " << sql);
            catalog::testing::ScopedFault armed({fault, 1, sql});
            auto r = check(store, direct_header());
            REQUIRE(catalog::testing::fault_fired());
            REQUIRE_FALSE(r.ok());
            CHECK(r.refusal().kind ==
                  (fault == Fault::busy ? RefusalKind::busy : RefusalKind::internal));
        }
    }
}

TEST_CASE("an OCI login names its buyer; a wrong one says the same for user and password",
          "[authenticator][oci]") {
    TestStore store;
    auto conn = store.connect();
    auto buyer = store.buyer;
    buyer.oci_username = "ACME-SRM";
    REQUIRE(catalog::update_buyer(conn, buyer).ok());
    REQUIRE(catalog::set_oci_password(conn, store.buyer.key, "oci-password-1").ok());

    auto ok = authenticate_oci_login(conn, "ACME-SRM", "oci-password-1");
    REQUIRE(ok.ok());
    CHECK(ok->id == "acme");
    auto wrong_password = authenticate_oci_login(conn, "ACME-SRM", "nope");
    auto unknown_user = authenticate_oci_login(conn, "NOBODY", "oci-password-1");
    REQUIRE_FALSE(wrong_password.ok());
    REQUIRE_FALSE(unknown_user.ok());
    CHECK(wrong_password.refusal().kind == RefusalKind::unauthenticated);
    CHECK(wrong_password.refusal().message == unknown_user.refusal().message);

    REQUIRE(catalog::set_buyer_enabled(conn, "acme", false).ok());
    auto disabled = authenticate_oci_login(conn, "ACME-SRM", "oci-password-1");
    REQUIRE_FALSE(disabled.ok());
    CHECK(disabled.refusal().kind == RefusalKind::not_permitted);
}
