#include "cxml/parse.hpp"
#include "gateway/inbound/parse_refusal.hpp"

#include <catch2/catch.hpp>

using namespace punchout;
using namespace punchout::gateway;

namespace {

Refusal refusal_for(const std::string& text, cxml::ParseOptions options = {}) {
    auto parsed = cxml::parse(text, options);
    REQUIRE_FALSE(parsed.ok());
    return refusal_from(parsed.error());
}

const std::string head =
    "<cXML payloadID=\"p\" timestamp=\"2026-12-02T10:00:00Z\"><Header><From><Credential "
    "domain=\"D\"><Identity>1</Identity></Credential></From><To><Credential "
    "domain=\"D\"><Identity>2</Identity></Credential></To><Sender><Credential "
    "domain=\"D\"><Identity>1</Identity></Credential><UserAgent>u</UserAgent></Sender></Header>";

}  // namespace

TEST_CASE("what the reader refuses becomes the refusal of its kind", "[parse_refusal]") {
    CHECK(refusal_for("<cXML><Header>").kind == RefusalKind::malformed);
    CHECK(refusal_for("<!DOCTYPE cXML [<!ENTITY x \"y\">]><cXML/>").kind == RefusalKind::malformed);
    CHECK(refusal_for("<Order/>").kind == RefusalKind::invalid);
    CHECK(refusal_for(head + "<Request><FrobnicateRequest/></Request></cXML>").kind ==
          RefusalKind::unsupported);
    // An unknown element in a Response makes it no cXML answer: invalid, not unsupported.
    CHECK(refusal_for("<cXML payloadID=\"p\" timestamp=\"2026-12-02T10:00:00Z\"><Response>"
                      "<Status code=\"200\" text=\"OK\"/><Frobnicate/></Response></cXML>")
              .kind == RefusalKind::invalid);
    cxml::ParseOptions small;
    small.max_bytes = 10;
    CHECK(refusal_for(head + "</cXML>", small).kind == RefusalKind::too_large);
}

TEST_CASE("the refusal says where the document went wrong", "[parse_refusal]") {
    auto r = refusal_for("<cXML>\n  <Header>\n</cXML>");
    CHECK_THAT(r.message, Catch::Contains("line"));
}
