// Documents in charsets other than UTF-8: the BOM, the declaration and the HTTP charset
// (cxml/charset.hpp, and the order of precedence in cxml/parse.hpp).
#include "cxml/charset.hpp"
#include "cxml/parse.hpp"
#include "tests/cxml/support.hpp"

#include <cstdint>
#include <string>

#include <catch2/catch.hpp>

using namespace punchout::cxml;
using punchout::cxml::test::fixture;
using punchout::cxml::test::read_file;

namespace {

// `declaration` is the whole XML declaration (or nothing); `note` is the Extrinsic's text,
// in whatever bytes the test wants to send.
std::string setup_request(const std::string& declaration, const std::string& note) {
    return declaration +
           "\n<cXML payloadID=\"1@test\" timestamp=\"2026-11-23T10:15:00+01:00\">\n"
           "<Header>\n"
           "  <From><Credential domain=\"NetworkID\"><Identity>AN01</Identity></Credential>"
           "</From>\n"
           "  <To><Credential domain=\"DUNS\"><Identity>123456789</Identity></Credential></To>\n"
           "  <Sender><Credential domain=\"NetworkID\"><Identity>AN01</Identity>"
           "<SharedSecret>s3cret</SharedSecret></Credential><UserAgent>Test</UserAgent>"
           "</Sender>\n"
           "</Header>\n"
           "<Request><PunchOutSetupRequest operation=\"create\">\n"
           "  <BuyerCookie>c1</BuyerCookie>\n"
           "  <Extrinsic name=\"Note\">" +
           note +
           "</Extrinsic>\n"
           "  <BrowserFormPost><URL>https://buyer.example/return</URL></BrowserFormPost>\n"
           "</PunchOutSetupRequest></Request>\n"
           "</cXML>\n";
}

std::string declaring(const std::string& encoding) {
    return "<?xml version=\"1.0\" encoding=\"" + encoding + "\"?>";
}

std::string note_of(const ParseResult& r) {
    const auto& s = std::get<PunchOutSetupRequest>(std::get<Request>(r.value().body).payload);
    const std::string* v = find_extrinsic(s.extrinsics, "Note");
    return v ? *v : std::string("<no Note>");
}

ParseResult parse_with_charset(const std::string& bytes, const std::string& charset) {
    ParseOptions options;
    options.charset = charset;
    return parse(bytes, options);
}

// UTF-8 to UTF-16 in either byte order, written out here so the input does not depend on
// the decoder under test. The input is trusted test text.
std::string utf16(const std::string& utf8, bool little_endian, bool bom = true) {
    std::string out;
    const auto unit = [&](std::uint16_t u) {
        const char hi = static_cast<char>(u >> 8);
        const char lo = static_cast<char>(u & 0xFF);
        out += little_endian ? lo : hi;
        out += little_endian ? hi : lo;
    };
    if (bom)
        unit(0xFEFF);
    for (std::size_t i = 0; i < utf8.size();) {
        const auto b = static_cast<unsigned char>(utf8[i]);
        const std::size_t len = b < 0x80 ? 1 : b < 0xE0 ? 2 : b < 0xF0 ? 3 : 4;
        std::uint32_t cp = len == 1   ? b
                           : len == 2 ? (b & 0x1F)
                           : len == 3 ? (b & 0x0F)
                                      : (b & 0x07);
        for (std::size_t k = 1; k < len; ++k)
            cp = (cp << 6) | (static_cast<unsigned char>(utf8[i + k]) & 0x3F);
        i += len;
        if (cp >= 0x10000) {
            cp -= 0x10000;
            unit(static_cast<std::uint16_t>(0xD800 + (cp >> 10)));
            unit(static_cast<std::uint16_t>(0xDC00 + (cp & 0x3FF)));
        } else {
            unit(static_cast<std::uint16_t>(cp));
        }
    }
    return out;
}

const std::string euro = "\xE2\x82\xAC";
const std::string left_quote = "\xE2\x80\x9C";
const std::string right_quote = "\xE2\x80\x9D";
const std::string e_acute = "\xC3\xA9";

}  // namespace

TEST_CASE("charsets: labels are matched case-insensitively with their aliases", "[charset]") {
    CHECK(canonical_charset("UTF-8") == Charset::utf_8);
    CHECK(canonical_charset("utf8") == Charset::utf_8);
    CHECK(canonical_charset(" \"utf-8\" ") == Charset::utf_8);
    CHECK(canonical_charset("ASCII") == Charset::us_ascii);
    CHECK(canonical_charset("us-ascii") == Charset::us_ascii);
    CHECK(canonical_charset("latin1") == Charset::iso_8859_1);
    CHECK(canonical_charset("L1") == Charset::iso_8859_1);
    CHECK(canonical_charset("ISO_8859-1") == Charset::iso_8859_1);
    CHECK(canonical_charset("Latin-9") == Charset::iso_8859_15);
    CHECK(canonical_charset("iso-8859-15") == Charset::iso_8859_15);
    CHECK(canonical_charset("cp1252") == Charset::windows_1252);
    CHECK(canonical_charset("Windows-1252") == Charset::windows_1252);
    CHECK(canonical_charset("UTF-16") == Charset::utf_16);
    CHECK(canonical_charset("utf-16le") == Charset::utf_16le);
    CHECK(canonical_charset("UTF-16BE") == Charset::utf_16be);
    // iconv knows these; the reader does not take them.
    for (const char* label : {"", "  ", "ISO-8859-2", "koi8-r", "EBCDIC-US", "UTF-32", "utf-7",
                              "Shift_JIS", "cp1252x"}) {
        INFO(label);
        CHECK_FALSE(canonical_charset(label).has_value());
    }
    CHECK(to_string(Charset::windows_1252) == "windows-1252");
    CHECK(to_string(Charset::iso_8859_15) == "ISO-8859-15");
}

TEST_CASE("charsets: transcode_to_utf8 decodes or names the first bad byte", "[charset]") {
    const auto cp1252 = transcode_to_utf8("a\x80\x93q\x94", Charset::windows_1252);
    REQUIRE(cp1252.ok());
    CHECK(cp1252.value() == "a" + euro + left_quote + "q" + right_quote);

    // 0x81 is one of the five bytes windows-1252 leaves undefined.
    const auto undefined = transcode_to_utf8("abc\x81", Charset::windows_1252);
    REQUIRE_FALSE(undefined.ok());
    CHECK(undefined.error().offset == 3);
    CHECK(undefined.error().message == "byte 0x81 is not a windows-1252 character");

    const auto ascii = transcode_to_utf8("ok\xE9", Charset::us_ascii);
    REQUIRE_FALSE(ascii.ok());
    CHECK(ascii.error().offset == 2);

    const auto utf8 = transcode_to_utf8("ok\xC3(", Charset::utf_8);
    REQUIRE_FALSE(utf8.ok());
    CHECK(utf8.error().offset == 2);

    // A lone high surrogate, then a truncated code unit.
    const auto surrogate = transcode_to_utf8(std::string("a\0\x00\xD8"
                                                         "b\0",
                                                         6),
                                             Charset::utf_16le);
    REQUIRE_FALSE(surrogate.ok());
    CHECK(surrogate.error().offset == 2);
    const auto odd = transcode_to_utf8(std::string("a\0b", 3), Charset::utf_16le);
    REQUIRE_FALSE(odd.ok());
    CHECK(odd.error().offset == 2);
    CHECK(odd.error().message.find("ends inside") != std::string::npos);

    CHECK(transcode_to_utf8("", Charset::iso_8859_15).value().empty());
    // Larger than the first guess at the output size: every byte becomes three.
    const auto euros = transcode_to_utf8(std::string(10000, '\x80'), Charset::windows_1252);
    REQUIRE(euros.ok());
    CHECK(euros.value().size() == 30000);
    CHECK(euros.value().substr(29997) == euro);
}

TEST_CASE("charsets: a windows-1252 document is decoded as declared", "[charset]") {
    for (const char* label : {"windows-1252", "WINDOWS-1252", "cp1252"}) {
        INFO(label);
        const auto r = parse(setup_request(declaring(label),
                                           "\x93"
                                           "Caf\xE9\x94 costs \x80"
                                           "5"));
        REQUIRE(r.ok());
        CHECK(note_of(r) == left_quote + "Caf" + e_acute + right_quote + " costs " + euro + "5");
    }
}

TEST_CASE("charsets: ISO-8859-15 has the euro where ISO-8859-1 has the currency sign",
          "[charset]") {
    const auto latin9 = parse(setup_request(declaring("ISO-8859-15"), "\xA4 10"));
    REQUIRE(latin9.ok());
    CHECK(note_of(latin9) == euro + " 10");

    const auto latin1 = parse(setup_request(declaring("ISO-8859-1"), "\xA4 10"));
    REQUIRE(latin1.ok());
    CHECK(note_of(latin1) == "\xC2\xA4 10");  // decoded once: pugixml ignores the declaration
}

TEST_CASE("charsets: UTF-16 with a byte order mark, either byte order", "[charset]") {
    const std::string note =
        "M"
        "\xC3\xBC"
        "ller " +
        euro + " \xF0\x9F\x9B\x92";  // a cart emoji
    for (const bool le : {true, false}) {
        INFO((le ? "UTF-16LE" : "UTF-16BE"));
        const auto r = parse(utf16(setup_request(declaring("UTF-16"), note), le));
        REQUIRE(r.ok());
        CHECK(note_of(r) == note);
        CHECK(r.deviations().empty());
        // No declaration at all reads the same.
        const auto bare = parse(utf16(setup_request("", note), le));
        REQUIRE(bare.ok());
        CHECK(note_of(bare) == note);
    }
    // The BOM outranks the HTTP charset, and a declaration that contradicts it is noted.
    const auto labelled =
        parse_with_charset(utf16(setup_request(declaring("ISO-8859-1"), note), true), "ISO-8859-1");
    REQUIRE(labelled.ok());
    CHECK(note_of(labelled) == note);
    REQUIRE(labelled.deviations().size() == 1);
    CHECK(labelled.deviations()[0].message.find("'ISO-8859-1' but the byte order mark says "
                                                "UTF-16LE") != std::string::npos);
}

TEST_CASE("charsets: undecodable UTF-16 and errors in decoded text", "[charset]") {
    // Byte 0 and 1 are the BOM; the lone surrogate is the code unit at byte 4.
    const std::string lone =
        std::string("\xFF\xFE<\0", 4) + std::string("\x00\xD8", 2) + std::string("c\0/\0>\0", 6);
    const auto r = parse(lone);
    REQUIRE_FALSE(r.ok());
    CHECK(r.error().status == 406);
    CHECK(r.error().where.offset == 4);
    CHECK(r.error().message == "invalid UTF-16LE sequence at byte 4");

    const auto odd = parse(utf16(setup_request("", "x"), true) + "<");
    REQUIRE_FALSE(odd.ok());
    CHECK(odd.error().status == 406);
    CHECK(odd.error().message.find("ends inside a UTF-16LE character") != std::string::npos);

    // Locations in a decoded document count in the UTF-8 text: line 2 of the decoded text,
    // and its byte offset there (the BOM and every UTF-16 code unit are gone).
    const std::string text = "<cXML>\n<Response></cXML>";
    const auto broken = parse(utf16(text, false));
    REQUIRE_FALSE(broken.ok());
    CHECK(broken.error().status == 406);
    CHECK(broken.error().where.line == 2);
    CHECK(broken.error().where.offset == text.rfind("cXML"));
    CHECK(broken.error().where.path == "cXML/Response");
    CHECK(broken.error().message.find("(in the text decoded from UTF-16BE)") != std::string::npos);

    // Each 0x80 is three bytes once decoded.
    const std::string cp1252 = declaring("windows-1252") + "\n<cXML>\x80\x80\n<Response></cXML>";
    const auto shifted = parse(cp1252);
    REQUIRE_FALSE(shifted.ok());
    CHECK(shifted.error().where.line == 3);
    CHECK(shifted.error().where.offset == cp1252.rfind("cXML") + 4);
    CHECK(shifted.error().message.find("(in the text decoded from windows-1252)") !=
          std::string::npos);
}

TEST_CASE("charsets: the HTTP charset decides when the document declares nothing", "[charset]") {
    const std::string bytes = setup_request("", "Caf\xE9");
    const auto r = parse_with_charset(bytes, "ISO-8859-1");
    REQUIRE(r.ok());
    CHECK(note_of(r) == "Caf" + e_acute);
    CHECK(note_of(parse_with_charset(bytes, "latin1")) == "Caf" + e_acute);

    // The same bytes with no charset are UTF-8, and 0xE9 alone is not.
    const auto unlabelled = parse(bytes);
    REQUIRE_FALSE(unlabelled.ok());
    CHECK(unlabelled.error().status == 406);
    CHECK(unlabelled.error().message == "invalid UTF-8 byte sequence");

    // A declaration without an encoding declares nothing either.
    const auto versioned =
        parse_with_charset(setup_request("<?xml version=\"1.0\"?>", "\x93hi\x94"), "windows-1252");
    REQUIRE(versioned.ok());
    CHECK(note_of(versioned) == left_quote + "hi" + right_quote);

    // A UTF-8 BOM outranks the HTTP charset.
    const auto bom = parse_with_charset("\xEF\xBB\xBF" + setup_request("", e_acute), "ISO-8859-1");
    REQUIRE(bom.ok());
    CHECK(note_of(bom) == e_acute);
}

TEST_CASE("charsets: the declared encoding wins over the HTTP charset", "[charset]") {
    // A framework labelled the body with its default charset; the declaration is right.
    const auto cp1252 =
        parse_with_charset(setup_request(declaring("windows-1252"), "\x80 5"), "UTF-8");
    REQUIRE(cp1252.ok());
    CHECK(note_of(cp1252) == euro + " 5");

    const auto utf8 = parse_with_charset(setup_request(declaring("UTF-8"), e_acute), "ISO-8859-1");
    REQUIRE(utf8.ok());
    CHECK(note_of(utf8) == e_acute);  // not "Ã©"

    // Even an HTTP charset the reader would refuse does not matter then.
    CHECK(parse_with_charset(setup_request(declaring("UTF-8"), "x"), "koi8-r").ok());
}

TEST_CASE("charsets: an unknown encoding is refused with 406 naming it", "[charset]") {
    const auto declared = parse(setup_request(declaring("EBCDIC-xyz"), "x"));
    REQUIRE_FALSE(declared.ok());
    CHECK(declared.error().kind == ParseErrorKind::not_well_formed);
    CHECK(declared.error().status == 406);
    CHECK(declared.error().message.rfind("unsupported encoding 'EBCDIC-xyz'; accepted are", 0) ==
          0);

    // Known to iconv, not accepted here.
    const auto latin2 = parse(setup_request(declaring("ISO-8859-2"), "x"));
    REQUIRE_FALSE(latin2.ok());
    CHECK(latin2.error().message.find("'ISO-8859-2'") != std::string::npos);

    const auto http = parse_with_charset(setup_request("", "x"), "koi8-r");
    REQUIRE_FALSE(http.ok());
    CHECK(http.error().status == 406);
    CHECK(http.error().message.rfind("unsupported encoding 'koi8-r' (the HTTP charset)", 0) == 0);
}

TEST_CASE("charsets: bytes invalid in the encoding are refused with their offset", "[charset]") {
    const std::string before = setup_request(declaring("windows-1252"), "");
    const std::size_t at = before.find("</Extrinsic>");
    const auto cp1252 = parse(setup_request(declaring("windows-1252"), "\x81"));
    REQUIRE_FALSE(cp1252.ok());
    CHECK(cp1252.error().status == 406);
    CHECK(cp1252.error().where.offset == at);
    CHECK(cp1252.error().where.line == 10);
    CHECK(cp1252.error().message ==
          "byte 0x81 is not a windows-1252 character at byte " + std::to_string(at));

    for (const char* label : {"us-ascii", "UTF-8", "utf8"}) {
        INFO(label);
        const std::string doc = setup_request(declaring(label), "\xC3(");
        const auto r = parse(doc);
        REQUIRE_FALSE(r.ok());
        CHECK(r.error().kind == ParseErrorKind::not_well_formed);
        CHECK(r.error().status == 406);
        CHECK(r.error().where.offset == doc.find("\xC3("));
    }
    // Valid UTF-8 in a document declared US-ASCII is read as it always was.
    CHECK(note_of(parse(setup_request(declaring("US-ASCII"), e_acute))) == e_acute);
}

TEST_CASE("charsets: UTF-16 without a byte order mark is still refused", "[charset]") {
    for (const bool le : {true, false}) {
        const auto r = parse(utf16(setup_request(declaring("UTF-16"), "x"), le, false));
        REQUIRE_FALSE(r.ok());
        CHECK(r.error().status == 406);
        CHECK(r.error().message.find("UTF-16 without a byte order mark") != std::string::npos);
    }
    // ASCII bytes that say they are UTF-16 cannot be.
    const auto declared = parse(setup_request(declaring("UTF-16"), "x"));
    REQUIRE_FALSE(declared.ok());
    CHECK(declared.error().status == 406);
    CHECK(declared.error().message.find("no byte order mark") != std::string::npos);
    const auto http = parse_with_charset(setup_request("", "x"), "utf-16le");
    REQUIRE_FALSE(http.ok());
    CHECK(http.error().message.find("no byte order mark") != std::string::npos);
}

TEST_CASE("charsets: a bare ItemIn is decoded the same way", "[charset]") {
    const auto r = parse_item_in(
        "<?xml version=\"1.0\" encoding=\"windows-1252\"?>"
        "<ItemIn quantity=\"1\"><ItemID><SupplierPartID>A</SupplierPartID></ItemID>"
        "<ItemDetail><UnitPrice><Money currency=\"EUR\">5.00</Money></UnitPrice>"
        "<Description xml:lang=\"de\">Stift \x96 blau</Description>"
        "<UnitOfMeasure>EA</UnitOfMeasure></ItemDetail></ItemIn>");
    REQUIRE(r.ok());
    CHECK(r.value().detail.descriptions.at(0).text == "Stift \xE2\x80\x93 blau");
}

TEST_CASE("charsets: fixture: windows-1252 order request", "[charset][fixtures]") {
    const auto r = parse(read_file(fixture("charsets/windows-1252-order-request.xml")));
    REQUIRE(r.ok());
    CHECK(r.deviations().empty());
    CHECK(r.value().header.sender.user_agent == "Warenwirtschaft f\xC3\xBCr Windows 9.4");
    const auto& o = std::get<OrderRequest>(std::get<Request>(r.value().body).payload);
    CHECK(o.header.bill_to.postal_address->city == "K\xC3\xB6ln");
    CHECK(o.header.bill_to.postal_address->street.at(0) ==
          "Stra\xC3\x9F"
          "e des 17. Juni 5");
    CHECK(*find_extrinsic(o.header.extrinsics, "Budget") ==
          euro + " 45 \xE2\x80\x93 Kostenstelle 4711");
    CHECK(o.header.comments.at(0).text ==
          "Bitte \xE2\x80\x9E"
          "express" +
              left_quote + " liefern \xE2\x80\x93 Anlieferung " + left_quote + "Rampe 2" +
              right_quote + ".");
    CHECK(o.items.at(0).detail->descriptions.at(0).text ==
          "Caf" + e_acute + " cr\xC3\xA8me \xE2\x80\x9EMaison" + left_quote +
              " 250 g \xE2\x80\x93 15,00 " + euro);
}

TEST_CASE("charsets: fixture: UTF-16LE profile request", "[charset][fixtures]") {
    const std::string bytes = read_file(fixture("charsets/utf-16le-profile-request.xml"));
    REQUIRE(bytes.substr(0, 4) == std::string("\xFF\xFE<\0", 4));
    const auto r = parse(bytes);
    REQUIRE(r.ok());
    CHECK(r.deviations().empty());
    CHECK(std::holds_alternative<ProfileRequest>(std::get<Request>(r.value().body).payload));
    const Header& h = r.value().header;
    CHECK(h.from.find("NetworkID")->identity == "AN01000000777");
    CHECK(h.sender.credentials.at(0).shared_secret == "\xE7\xA7\x98\xE5\xAF\x86-77");
    CHECK(h.sender.user_agent ==
          "\xE8\xB3\xBC\xE8\xB2\xB7\xE3\x82\xB7\xE3\x82\xB9\xE3\x83\x86\xE3\x83\xA0 "
          "\xF0\x9F\x9B\x92 Z\xC3\xBCrich 3.1");
}
