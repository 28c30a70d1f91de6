// The team's own fixtures, one per buyer family (tests/fixtures/cxml/).
#include "cxml/parse.hpp"
#include "cxml/write.hpp"
#include "tests/cxml/support.hpp"

#include <catch2/catch.hpp>

using namespace punchout::cxml;
using punchout::cxml::test::fixture;
using punchout::cxml::test::read_file;

namespace {

ParseResult read(const char* name) {
    return parse(read_file(fixture(name)));
}

bool has_deviation(const ParseResult& r, const std::string& part) {
    for (const auto& d : r.deviations()) {
        if (d.message.find(part) != std::string::npos)
            return true;
    }
    return false;
}

}  // namespace

TEST_CASE("fixture: Ariba network-mediated setup request", "[fixtures]") {
    const auto r = read("ariba-network-setup-request.xml");
    REQUIRE(r.ok());
    CHECK(r.deviations().empty());
    const Document& doc = r.value();
    CHECK(deployment_mode(doc) == DeploymentMode::test);
    CHECK(doc.header.from.credentials.size() == 3);
    CHECK(doc.header.to.credentials.size() == 2);
    CHECK(doc.header.to.find("DUNS")->identity == "987654321");
    CHECK(doc.header.sender.credentials.at(0).identity == "sysadmin@ariba.com");
    CHECK(doc.header.sender.user_agent == "Ariba Network 1.1");
    const auto& s = std::get<PunchOutSetupRequest>(std::get<Request>(doc.body).payload);
    // Entity references in URLs are decoded.
    CHECK(s.browser_form_post_url ==
          "https://service.ariba.com/ANCXMLDispatcher.aw/ad/cxml/punchout/return?token=a1b2&s=1");
    CHECK(*find_extrinsic(s.extrinsics, "User") == "J\xC3\xBCrgen M\xC3\xBCller");
    CHECK(s.ship_to->address.postal_address->city == "M\xC3\xBCnchen");
    CHECK(s.ship_to->address.postal_address->deliver_to.size() == 2);
}

TEST_CASE("fixture: Ariba network order with a CredentialMac sender", "[fixtures]") {
    const auto r = read("ariba-network-order-request.xml");
    REQUIRE(r.ok());
    const Header& h = r.value().header;
    const Credential& sender = h.sender.credentials.at(0);
    REQUIRE(sender.mac.has_value());
    CHECK_FALSE(sender.shared_secret.has_value());
    const Timestamp during = *Timestamp::parse("2026-11-23T12:00:00-08:00");
    CHECK(verify_credential_mac(*h.from.find("NetworkID"), sender, "supplier-secret-ariba",
                                during) == MacCheck::valid);
    CHECK(verify_credential_mac(*h.from.find("NetworkID"), sender, "other", during) ==
          MacCheck::mismatch);
    CHECK(verify_credential_mac(*h.from.find("NetworkID"), sender, "supplier-secret-ariba",
                                *Timestamp::parse("2026-11-24T03:00:00Z")) == MacCheck::expired);
    const auto& o = std::get<OrderRequest>(std::get<Request>(r.value().body).payload);
    CHECK(o.header.order_id == "4500012345");
    CHECK(o.items.at(0).line_number == 10u);
    CHECK(o.items.at(0).detail->descriptions.at(0).short_name == "Kugelschreiber blau");
    CHECK(o.items.at(0).distributions.at(0).segments.size() == 2);
    // The written form keeps the MAC exactly, so the network's signature still verifies.
    const auto back = parse(write(r.value()));
    REQUIRE(back.ok());
    CHECK(back.value().header.sender.credentials.at(0).mac == sender.mac);
}

TEST_CASE("fixture: Coupa direct setup request", "[fixtures]") {
    const auto r = read("coupa-direct-setup-request.xml");
    REQUIRE(r.ok());
    CHECK(r.value().timestamp.time->format() == "2026-11-23T18:20:01+00:00");
    CHECK(has_deviation(r, "is not ISO 8601"));
    CHECK(has_deviation(r, "<BrowserFormPost> comes after <Contact>"));
    CHECK(deployment_mode(r.value()) == DeploymentMode::production);
    const auto& s = std::get<PunchOutSetupRequest>(std::get<Request>(r.value().body).payload);
    CHECK(s.browser_form_post_url == "https://acme.coupahost.example/punchout/checkout/17");
    CHECK(s.contacts.at(0).name == "Pam Beesly");
    CHECK(r.value().header.sender.credentials.at(0).shared_secret == "coupa-shared-2");
}

TEST_CASE("fixture: Oracle order without time zones", "[fixtures]") {
    const auto r = read("oracle-order-request.xml");
    REQUIRE(r.ok());
    CHECK(r.value().version == "1.2.011");
    CHECK_FALSE(r.value().timestamp.time->zone_given());
    CHECK(r.value().timestamp.time->format() == "2026-11-23T10:15:00+00:00");
    CHECK(has_deviation(r, "timestamp '2026-11-23T10:15:00' has no time zone"));
    CHECK(has_deviation(r, "orderDate '2026-11-23T10:14:52'"));
    CHECK_FALSE(has_deviation(r, "requestedDeliveryDate"));  // a date alone needs no zone
    const auto& o = std::get<OrderRequest>(std::get<Request>(r.value().body).payload);
    CHECK(o.items.at(1).quantity == *Decimal::parse("2.5"));  // decimal quantities
    // The total is exact: 10 x 42.50 + 2.5 x 100.00 + 25.00 shipping + 55.69 tax.
    Decimal sum = o.header.shipping->money.amount + o.header.tax->money.amount;
    for (const auto& item : o.items)
        sum += item.quantity * item.detail->unit_price.amount;
    CHECK(sum == o.header.total.amount);
    const std::string written = write(r.value());
    CHECK(written.find("orderDate=\"2026-11-23T10:14:52+00:00\"") != std::string::npos);
}

TEST_CASE("fixture: test-mode edit request", "[fixtures]") {
    const auto r = read("test-mode-edit-request.xml");
    REQUIRE(r.ok());
    CHECK(r.deviations().empty());
    CHECK(deployment_mode(r.value()) == DeploymentMode::test);
    const auto& s = std::get<PunchOutSetupRequest>(std::get<Request>(r.value().body).payload);
    CHECK(s.operation == PunchOutOperation::edit);
    REQUIRE(s.items.size() == 2);
    CHECK(s.items[1].item_id.supplier_part_auxiliary_id == "cart:42:2");
    CHECK_FALSE(s.items[1].detail.has_value());
    CHECK(r.value().header.from.find("networkid")->identity == "AN01000002779-T");
}
