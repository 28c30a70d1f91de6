#include "gateway/service/url_policy.hpp"

#include <catch2/catch.hpp>

using namespace punchout;
using namespace punchout::gateway;

TEST_CASE("a cart goes back only to a web address on one of the buyer's hosts", "[url_policy]") {
    catalog::Buyer buyer;
    CHECK(check_postback_url("https://anywhere.example/return", buyer) == PostbackCheck::allowed);
    for (const char* bad :
         {"javascript:alert(1)", "ftp://buyer.example/x", "https://", "https://buyer.example/a b",
          "https://user@buyer.example/", "/relative/path"}) {
        INFO(bad);
        CHECK(check_postback_url(bad, buyer) == PostbackCheck::not_a_web_address);
    }
    buyer.postback_hosts = {"Buyer.Example", "srm.buyer.example:8443"};
    CHECK(check_postback_url("https://buyer.example/return", buyer) == PostbackCheck::allowed);
    CHECK(check_postback_url("https://srm.buyer.example:8443/hook", buyer) ==
          PostbackCheck::allowed);
    CHECK(check_postback_url("https://srm.buyer.example/hook", buyer) ==
          PostbackCheck::host_not_allowed);
    CHECK(check_postback_url("https://evil.example/return", buyer) ==
          PostbackCheck::host_not_allowed);
}
