#include "gateway/service/outcome.hpp"
#include "gateway/service/refusal.hpp"

#include <catch2/catch.hpp>

using namespace punchout;
using namespace punchout::gateway;

TEST_CASE("a store failure maps the same way everywhere: busy stays busy, the rest is ours",
          "[refusal]") {
    using catalog::Errc;
    CHECK(refusal_from({Errc::busy, "database is locked"}, "x").kind == RefusalKind::busy);
    for (auto code : {Errc::storage, Errc::constraint, Errc::not_found, Errc::invalid}) {
        const auto r = refusal_from({code, "disk I/O error"}, "The order could not be stored");
        INFO(catalog::to_string(code));
        // Never invalid: a buyer network does not retry a 4xx, and the fault is ours.
        CHECK(r.kind == RefusalKind::internal);
        CHECK(r.message == "The order could not be stored: disk I/O error");
    }
}

TEST_CASE("only busy and internal refusals invite the same request again", "[refusal]") {
    CHECK(is_retryable(RefusalKind::busy));
    CHECK(is_retryable(RefusalKind::internal));
    for (auto k : {RefusalKind::invalid, RefusalKind::unauthenticated, RefusalKind::malformed,
                   RefusalKind::not_permitted, RefusalKind::conflict, RefusalKind::too_large,
                   RefusalKind::wrong_media_type, RefusalKind::unsupported}) {
        INFO(to_string(k));
        CHECK_FALSE(is_retryable(k));
    }
}

TEST_CASE("a refusal's text is its message and then one line per problem", "[refusal]") {
    auto r = Refusal::invalid("The order was not accepted:",
                              {{"cXML/Request/OrderRequest/ItemOut[1]", "Line 1: no quantity."},
                               {"cXML/Request/OrderRequest/ItemOut[2]", "Line 2: no price."}});
    CHECK(r.text() == "The order was not accepted:\nLine 1: no quantity.\nLine 2: no price.");
    CHECK(Refusal::conflict("exists").text() == "exists");
}

TEST_CASE("an outcome holds a value or a refusal, and says which", "[refusal][outcome]") {
    Outcome<int> value = 3;
    Outcome<int> refused = Refusal::busy("later");
    REQUIRE(value.ok());
    CHECK(*value == 3);
    REQUIRE_FALSE(refused.ok());
    CHECK(refused.refusal().kind == RefusalKind::busy);
    CHECK_THROWS_AS(refused.value(), std::logic_error);
    CHECK_THROWS_AS(value.refusal(), std::logic_error);
    Outcome<void> done;
    CHECK(done.ok());
}
