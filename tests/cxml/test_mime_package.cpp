// Attachments: multipart/related and multipart/mixed bodies split into a cXML root part and
// its attachments. Whole bodies as sent are fixtures under attachments/; small cases inline.
#include "cxml/mime_package.hpp"
#include "tests/cxml/support.hpp"

#include <algorithm>
#include <stdexcept>
#include <string>
#include <vector>

#include <catch2/catch.hpp>

using namespace punchout::cxml;
using namespace std::string_literals;

namespace {

// Inline bodies are written with "\n"; the wire has CRLF.
std::string crlf(std::string_view text) {
    std::string out;
    for (char c : text) {
        if (c == '\n')
            out += '\r';
        out += c;
    }
    return out;
}

std::string attachment_fixture(const std::string& name) {
    return test::read_file(test::fixture("attachments/" + name));
}

std::string content_type_fixture(const std::string& name) {
    std::string value = attachment_fixture(name);
    while (!value.empty() && (value.back() == '\n' || value.back() == '\r'))
        value.pop_back();
    return value;
}

// Every `<URL>...</URL>` in a document, in order. Text search on purpose: this file tests the
// multipart reader, not the cXML one.
std::vector<std::string> urls_in(const std::string& xml) {
    std::vector<std::string> urls;
    for (std::size_t at = xml.find("<URL>"); at != std::string::npos;
         at = xml.find("<URL>", at + 1)) {
        const std::size_t end = xml.find("</URL>", at);
        REQUIRE(end != std::string::npos);
        urls.push_back(xml.substr(at + 5, end - at - 5));
    }
    return urls;
}

const std::string related = R"(multipart/related; boundary="b1"; type="text/xml")";
const std::string mixed = "multipart/mixed; boundary=b1";

MimeError refused(const std::string& content_type, const std::string& body,
                  const MimeLimits& limits = {}) {
    const MimeResult r = parse_multipart(content_type, body, limits);
    REQUIRE_FALSE(r.ok());
    INFO(r.error().message);
    return r.error();
}

MimePackage accepted(const std::string& content_type, const std::string& body,
                     const MimeLimits& limits = {}) {
    const MimeResult r = parse_multipart(content_type, body, limits);
    if (!r)
        FAIL(r.error().message);
    return r.value();
}

bool contains(const std::string& text, const std::string& part) {
    return text.find(part) != std::string::npos;
}

// Expected bytes, written independently of the fixture generator.
const std::string ariba_pdf =
    "%PDF-1.4\n%\xE2\xE3\xCF\xD3\n"
    "1 0 obj\n<< /Type /Catalog /Pages 2 0 R >>\nendobj\n"
    "2 0 obj\n<< /Type /Pages /Kids [3 0 R] /Count 1 >>\nendobj\n"
    "3 0 obj\n<< /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842] >>\nendobj\n"
    "4 0 obj\n<< /Length 8 >>\nstream\n\x00\x01\x02\xFF\xFE\r\n\x80\nendstream\nendobj\n"
    "trailer\n<< /Root 1 0 R >>\n%%EOF\n"s;

const std::string ariba_notes =
    "Lieferhinweise zur Bestellung 4500012346\r\n"
    "\r\n"
    "Bitte an Tor 3 (Warenannahme) liefern, Montag bis Freitag 7:00 bis 15:30 Uhr.\r\n"
    "Ansprechpartner: J\xC3\xBCrgen M\xC3\xBCller, Telefon +49 89 1234-567.\r\n"
    "Paletten nicht h\xC3\xB6her als 1,20 m stapeln; Lieferschein au\xC3\x9F"
    "en anbringen.\r\n"
    "Rabatt = 3 % bei Zahlung binnen 14 Tagen.\r\n";

const std::string coupa_pdf =
    "%PDF-1.5\n%\xB5\xB5\xB5\xB5\n"
    "1 0 obj\n<< /Type /Catalog /Pages 2 0 R /Lang (en-US) >>\nendobj\n"
    "2 0 obj\n<< /Type /Pages /Kids [] /Count 0 >>\nendobj\n"
    "5 0 obj\n<< /Length 6 /Filter /FlateDecode >>\nstream\nx\x9C\x03\x00\x00\x00\x00\x01\n"
    "endstream\nendobj\n"
    "trailer\n<< /Root 1 0 R /Size 6 >>\n%%EOF\n"s;

const std::string coupa_csv =
    "line,part,description,quantity,unit_price,amount\n"
    "1,TONER-K-305,\"Toner black, 305 series\",6,48.20,289.20\n"
    "2,PAPER-A4-80,\"Copy paper A4 80g, box of 5 reams\",10,21.50,215.00\n";

}  // namespace

TEST_CASE("mime: an Ariba OrderRequest with a base64 PDF and a quoted-printable text", "[mime]") {
    const std::string content_type =
        content_type_fixture("ariba-order-with-attachments.content-type");
    const std::string body = attachment_fixture("ariba-order-with-attachments.mime");
    REQUIRE(is_multipart(content_type));
    const MimePackage p = accepted(content_type, body);

    CHECK(p.root.content_id == "cxml-root.4500012346@prod.ariba.example");
    CHECK(p.root.content_type == "text/xml");
    CHECK(p.root.charset == "UTF-8");
    CHECK(p.root.transfer_encoding == "8bit");
    CHECK(p.root.filename.empty());
    CHECK(p.root.body.rfind("<?xml version=\"1.0\" encoding=\"UTF-8\"?>\r\n", 0) == 0);
    CHECK(p.root.body.size() >= 9);
    CHECK(p.root.body.substr(p.root.body.size() - 9) == "</cXML>\r\n");
    CHECK(contains(p.root.body, "<Identity>sysadmin@ariba.com</Identity>"));

    REQUIRE(p.attachments.size() == 2);
    const MimePart& pdf = p.attachments[0];
    CHECK(pdf.content_id == "spec-sheet.4500012346@prod.ariba.example");
    CHECK(pdf.content_type == "application/pdf");
    CHECK(pdf.charset.empty());
    CHECK(pdf.filename == "Spezifikation 4500012346.pdf");
    CHECK(pdf.transfer_encoding == "base64");
    CHECK(pdf.body == ariba_pdf);

    const MimePart& notes = p.attachments[1];
    CHECK(notes.content_id == "delivery-notes.4500012346@prod.ariba.example");
    CHECK(notes.content_type == "text/plain");
    CHECK(notes.charset == "UTF-8");
    CHECK(notes.filename == "Lieferhinweise M\xC3\xBCnchen.txt");  // RFC 2231, folded
    CHECK(notes.transfer_encoding == "quoted-printable");
    CHECK(notes.body == ariba_notes);

    // Every Comments/Attachment/URL resolves to a part; the PDF's is %-encoded.
    const std::vector<std::string> urls = urls_in(p.root.body);
    REQUIRE(urls.size() == 2);
    CHECK(urls[1] == "cid:spec-sheet.4500012346%40prod.ariba.example");
    std::vector<const MimePart*> named;
    for (const std::string& url : urls) {
        const auto id = content_id_from_url(url);
        REQUIRE(id);
        named.push_back(p.find(*id));
    }
    CHECK(named == std::vector<const MimePart*>{&notes, &pdf});
}

TEST_CASE("mime: a Coupa invoice: multipart/mixed, no start, LF line endings, folded headers",
          "[mime]") {
    const std::string content_type =
        content_type_fixture("coupa-invoice-with-attachments.content-type");
    const std::string body = attachment_fixture("coupa-invoice-with-attachments.mime");
    REQUIRE(body.find('\r') == std::string::npos);
    REQUIRE(is_multipart(content_type));
    const MimePackage p = accepted(content_type, body);

    CHECK(p.root.content_id.empty());
    CHECK(p.root.content_type == "text/xml");
    CHECK(p.root.charset == "UTF-8");
    CHECK(p.root.transfer_encoding == "7bit");
    CHECK(contains(p.root.body, "<InvoiceDetailRequest>"));
    CHECK(p.root.body.substr(p.root.body.size() - 8) == "</cXML>\n");

    REQUIRE(p.attachments.size() == 2);
    CHECK(p.attachments[0].content_id == "674215c1b0e2a_1d2c3a4b5c6d7e8@coupa-app.mail");
    CHECK(p.attachments[0].content_type == "application/pdf");
    CHECK(p.attachments[0].filename == "INV-2026-0815.pdf");
    CHECK(p.attachments[0].body == coupa_pdf);
    CHECK(p.attachments[1].content_type == "text/csv");
    CHECK(p.attachments[1].charset == "UTF-8");
    CHECK(p.attachments[1].filename == "INV-2026-0815-lines.csv");
    CHECK(p.attachments[1].transfer_encoding == "7bit");
    CHECK(p.attachments[1].body == coupa_csv);

    for (const std::string& url : urls_in(p.root.body)) {
        const auto id = content_id_from_url(url);
        REQUIRE(id);
        CHECK(p.find(*id) != nullptr);
    }
}

TEST_CASE("mime: start chooses the root even when it is not the first part", "[mime]") {
    const std::string body = crlf(
        "--b1\n"
        "Content-Type: application/pdf\n"
        "Content-ID: <scan@buyer>\n"
        "\n"
        "PDF\n"
        "--b1\n"
        "Content-Type: text/xml\n"
        "Content-ID: <root@buyer>\n"
        "\n"
        "<cXML/>\n"
        "--b1\n"
        "Content-ID: <note@buyer>\n"
        "\n"
        "note\n"
        "--b1--\n");
    // Angle brackets, or none, on start: both name the same part.
    for (const std::string start : {"\"<root@buyer>\"", "root@buyer", "<root@buyer>"}) {
        const MimePackage p = accepted(related + "; start=" + start, body);
        CHECK(p.root.content_id == "root@buyer");
        CHECK(p.root.body == "<cXML/>");
        REQUIRE(p.attachments.size() == 2);
        CHECK(p.attachments[0].content_id == "scan@buyer");
        CHECK(p.attachments[0].body == "PDF");
        CHECK(p.attachments[1].content_id == "note@buyer");
        CHECK(p.attachments[1].content_type == "text/plain");  // RFC 2045 default
        CHECK(p.find("note@buyer") == &p.attachments[1]);
        CHECK(p.find("root@buyer") == &p.root);
        CHECK(p.find("nobody@buyer") == nullptr);
    }
}

TEST_CASE("mime: without start the first part is the root", "[mime]") {
    const std::string body = crlf(
        "--b1\n"
        "Content-Type: text/xml\n"
        "\n"
        "<cXML/>\n"
        "--b1\n"
        "Content-ID: <a@x>\n"
        "\n"
        "A\n"
        "--b1--");
    for (const std::string& ct : {related, mixed}) {
        const MimePackage p = accepted(ct, body);
        CHECK(p.root.body == "<cXML/>");
        CHECK(p.root.content_id.empty());
        REQUIRE(p.attachments.size() == 1);
        CHECK(p.attachments[0].body == "A");
        CHECK(p.find("") == nullptr);
    }
}

TEST_CASE("mime: bare LF line endings, alone or mixed with CRLF", "[mime]") {
    const std::string lf_only =
        "--b1\n"
        "Content-Type: text/xml\n"
        "\n"
        "<cXML>\n</cXML>\n"
        "--b1\n"
        "Content-Transfer-Encoding: base64\n"
        "\n"
        "aGVs\nbG8=\n"
        "--b1--\n";
    MimePackage p = accepted(mixed, lf_only);
    CHECK(p.root.body == "<cXML>\n</cXML>");
    REQUIRE(p.attachments.size() == 1);
    CHECK(p.attachments[0].body == "hello");

    const std::string both =
        "--b1\r\n"
        "Content-Type: text/xml\n"
        "\r\n"
        "line one\r\nline two\n"
        "\r\n--b1\n"
        "\n"
        "second\n"
        "--b1--";
    p = accepted(mixed, both);
    CHECK(p.root.body == "line one\r\nline two\n");
    CHECK(p.attachments.at(0).body == "second");
}

TEST_CASE("mime: folded headers are unfolded", "[mime]") {
    const std::string body = crlf(
        "--b1\n"
        "Content-Type: text/xml\n"
        "\n"
        "<cXML/>\n"
        "--b1\n"
        "content-type: application/pdf;\n"
        "\tname=\"ignored.pdf\"\n"
        "CONTENT-DISPOSITION: attachment;\n"
        "  filename=\"a long\n"
        " name.pdf\"\n"
        "Content-ID:\n"
        " <folded@x>\n"
        "X-Unknown: kept out\n"
        "  of the way\n"
        "\n"
        "%PDF\n"
        "--b1--\n");
    const MimePackage p = accepted(mixed, body);
    REQUIRE(p.attachments.size() == 1);
    const MimePart& a = p.attachments[0];
    CHECK(a.content_type == "application/pdf");
    CHECK(a.content_id == "folded@x");
    // Unfolding removes the line break only (RFC 5322 §2.2.3).
    CHECK(a.filename == "a long name.pdf");
    CHECK(a.body == "%PDF");
}

TEST_CASE("mime: preamble, epilogue, transport padding and near-delimiters", "[mime]") {
    const std::string body = crlf(
        "This is a multi-part message in MIME format.\n"
        "--b1 \t\n"
        "Content-Type: text/xml\n"
        "\n"
        "--b1x is content, and so is\n"
        " --b1\n"
        "--b1\t\n"
        "\n"
        "--b1-- too: it is not at the start of the next line\n"
        "--b1--   \n"
        "epilogue --b1\n"
        "--b1\n");
    const MimePackage p = accepted(related, body);
    CHECK(p.root.body == "--b1x is content, and so is\r\n --b1");
    REQUIRE(p.attachments.size() == 1);
    CHECK(p.attachments[0].body == "--b1-- too: it is not at the start of the next line");
}

TEST_CASE("mime: empty parts and a part that is only headers", "[mime]") {
    const std::string body = crlf(
        "--b1\n"
        "\n"
        "root\n"
        "--b1\n"
        "--b1\n"
        "Content-ID: <only-headers@x>\n"
        "--b1\n"
        "\n"
        "\n"
        "--b1--\n");
    const MimePackage p = accepted(mixed, body);
    CHECK(p.root.body == "root");
    REQUIRE(p.attachments.size() == 3);
    CHECK(p.attachments[0].body.empty());
    CHECK(p.attachments[1].content_id == "only-headers@x");
    CHECK(p.attachments[1].body.empty());
    CHECK(p.attachments[2].body.empty());
}

TEST_CASE("mime: header parameters per RFC 2045", "[mime]") {
    const std::string body = crlf(
        "--simple boundary\n"
        "Content-Type: application/octet-stream; name=\"say \\\"hi\\\".bin\"\n"
        "Content-Transfer-Encoding: (why not) BINARY\n"
        "\n"
        "\x01\x02\n"
        "--simple boundary\n"
        "Content-Type: Text/XML ; (comment (nested \\) still)) CharSet = \"utf-8\" ;\n"
        "Content-ID: <root@x>\n"
        "\n"
        "<cXML/>\n"
        "--simple boundary--\n");
    // Names in any case, comments and white space anywhere, doubled ';', and the unquoted
    // tspecials real senders write (type=text/xml, start=<root@x>).
    const MimePackage p = accepted(
        "Multipart/Related (a comment); BOUNDARY = \"simple boundary\" ; TYPE=text/xml;"
        "start=<root@x>;;",
        body);
    CHECK(p.root.content_type == "text/xml");
    CHECK(p.root.charset == "utf-8");
    REQUIRE(p.attachments.size() == 1);
    CHECK(p.attachments[0].filename == "say \"hi\".bin");
    CHECK(p.attachments[0].transfer_encoding == "binary");
    CHECK(p.attachments[0].body == "\x01\x02");
}

TEST_CASE("mime: RFC 2231 filenames", "[mime]") {
    const auto filename = [](const std::string& headers) {
        const std::string body = "--b1\r\n" + headers + "\r\n\r\nx\r\n--b1--\r\n";
        return accepted(mixed, body).root.filename;
    };
    CHECK(filename("Content-Disposition: attachment; filename*=UTF-8''%E2%82%AC%20rates.pdf") ==
          "\xE2\x82\xAC rates.pdf");
    CHECK(filename("Content-Disposition: attachment; filename*=utf-8'de'Gr%C3%BC%C3%9Fe.txt") ==
          "Gr\xC3\xBC\xC3\x9F"
          "e.txt");
    // ISO-8859-1 comes out as UTF-8.
    CHECK(filename("Content-Disposition: attachment; filename*=iso-8859-1''M%FCller.txt") ==
          "M\xC3\xBCller.txt");
    // The extended form wins over the plain fallback sent with it (RFC 6266 §4.3).
    CHECK(filename("Content-Disposition: attachment; filename=\"Euro rates.pdf\";"
                   " filename*=UTF-8''%E2%82%AC%20rates.pdf") == "\xE2\x82\xAC rates.pdf");
    // Sections, in any order, some encoded.
    CHECK(filename("Content-Disposition: attachment;\r\n filename*1=\" part two\";\r\n"
                   " filename*0*=UTF-8''Teil%20eins;\r\n filename*2*=%21.txt") ==
          "Teil eins part two!.txt");
    // Content-Type name= when there is no Content-Disposition filename.
    CHECK(filename("Content-Type: application/pdf; name=scan.pdf") == "scan.pdf");
    CHECK(filename("Content-Type: application/pdf; name=scan.pdf\r\n"
                   "Content-Disposition: inline; filename=real.pdf") == "real.pdf");
    CHECK(filename("Content-Disposition: inline").empty());
    // Raw UTF-8 in a quoted string, as browsers and some senders write it, is kept.
    CHECK(filename("Content-Disposition: attachment; filename=\"M\xC3\xBCller.pdf\"") ==
          "M\xC3\xBCller.pdf");
}

TEST_CASE("mime: quoted-printable per RFC 2045 6.7", "[mime]") {
    const auto decode = [](const std::string& encoded) {
        const std::string body = "--b1\r\nContent-Transfer-Encoding: Quoted-Printable\r\n\r\n" +
                                 encoded + "\r\n--b1--\r\n";
        return accepted(mixed, body).root.body;
    };
    CHECK(decode("caf=C3=A9 and caf=c3=a9") == "caf\xC3\xA9 and caf\xC3\xA9");
    CHECK(decode("soft=\r\nbreak") == "softbreak");
    CHECK(decode("soft=  \t\r\nbreak, padded") == "softbreak, padded");
    CHECK(decode("soft=\nbreak, LF") == "softbreak, LF");
    CHECK(decode("hard\r\nbreak") == "hard\r\nbreak");
    // White space ending a line is transport padding; =20 is data.
    CHECK(decode("trailing   \r\nspace=20\r\nend \t") == "trailing\r\nspace \r\nend");
    CHECK(decode("no final line break=") == "no final line break");
    CHECK(decode("a=3Db") == "a=b");
    CHECK(decode("").empty());
}

TEST_CASE("mime: base64 ignores white space and decodes every tail length", "[mime]") {
    const auto decode = [](const std::string& encoded) {
        const std::string body =
            "--b1\r\nContent-Transfer-Encoding: BASE64\r\n\r\n" + encoded + "\r\n--b1--\r\n";
        return accepted(mixed, body).root.body;
    };
    CHECK(decode("TWFu") == "Man");
    CHECK(decode("TWE=") == "Ma");
    CHECK(decode("TQ==") == "M");
    CHECK(decode(" T W\tF u\r\nT Q = =\r\n") == "ManM");
    CHECK(decode("AP/+7Q==") == "\x00\xFF\xFE\xED"s);
    CHECK(decode("").empty());
}

TEST_CASE("mime: the Content-Type header must say multipart and give a good boundary", "[mime]") {
    const std::string body = "--b1\r\n\r\nx\r\n--b1--\r\n";
    MimeError e = refused("multipart/related; type=\"text/xml\"", body);
    CHECK(e.kind == MimeErrorKind::malformed);
    CHECK(e.part == 0);
    CHECK(contains(e.message, "no boundary parameter"));

    e = refused("multipart/related; boundary=\"\"", body);
    CHECK(e.kind == MimeErrorKind::malformed);
    CHECK(contains(e.message, "1 to 70"));
    e = refused("multipart/related; boundary=" + std::string(71, 'a'), body);
    CHECK(contains(e.message, "1 to 70"));
    CHECK(accepted("multipart/mixed; boundary=" + std::string(70, 'a'),
                   "--" + std::string(70, 'a') + "\r\n\r\nx\r\n--" + std::string(70, 'a') + "--")
              .root.body == "x");
    e = refused("multipart/related; boundary=\"a*b\"", body);
    CHECK(contains(e.message, "\"*\""));
    e = refused("multipart/related; boundary=\"ends with space \"", body);
    CHECK(contains(e.message, "space"));
    e = refused("multipart/related; boundary=b1; boundary=b2", body);
    CHECK(contains(e.message, "boundary twice"));
    e = refused("multipart/related; boundary=\"b1", body);
    CHECK(contains(e.message, "unterminated quoted string"));
    e = refused("multipart/related; boundary", body);
    CHECK(contains(e.message, "boundary without '='"));
    e = refused("multipart", body);
    CHECK(contains(e.message, "not a media type"));

    e = refused("text/xml; charset=UTF-8", body);
    CHECK(e.kind == MimeErrorKind::unsupported);
    CHECK(contains(e.message, "text/xml"));
    e = refused("multipart/form-data; boundary=b1", body);
    CHECK(e.kind == MimeErrorKind::unsupported);

    MimeLimits small;
    small.max_header_bytes = 32;
    e = refused(mixed + "; start=\"<a-rather-long-content-id@example>\"", body, small);
    CHECK(e.kind == MimeErrorKind::too_large);
    CHECK(contains(e.message, "max_header_bytes"));
}

TEST_CASE("mime: framing errors: no delimiter, no parts, truncated", "[mime]") {
    MimeError e = refused(mixed, "<cXML/>");
    CHECK(e.kind == MimeErrorKind::malformed);
    CHECK(contains(e.message, "no delimiter line \"--b1\""));
    e = refused(mixed, "");
    CHECK(contains(e.message, "no delimiter line"));
    e = refused(mixed, "--b2\r\n\r\nx\r\n--b2--\r\n");
    CHECK(contains(e.message, "no delimiter line"));

    e = refused(mixed, "--b1--\r\n");
    CHECK(e.kind == MimeErrorKind::malformed);
    CHECK(contains(e.message, "no parts"));

    // Cut in the middle of the second part.
    e = refused(mixed, crlf("--b1\n\n<cXML/>\n--b1\nContent-ID: <a@x>\n\nhalf of a"));
    CHECK(e.kind == MimeErrorKind::malformed);
    CHECK(e.part == 2);
    CHECK(contains(e.message, "truncated"));
    CHECK(contains(e.message, "\"--b1--\""));
    // Cut right after a delimiter line, or in it.
    e = refused(mixed, crlf("--b1\n\n<cXML/>\n--b1\n"));
    CHECK(contains(e.message, "truncated"));
    e = refused(mixed, crlf("--b1\n\n<cXML/>\n--b1"));
    CHECK(contains(e.message, "truncated"));
    e = refused(mixed, crlf("--b1\n\n<cXML/>\n--b1-"));
    CHECK(contains(e.message, "truncated"));
}

TEST_CASE("mime: header errors name the part", "[mime]") {
    const auto header_error = [](const std::string& headers) {
        return refused(mixed, "--b1\r\n\r\nroot\r\n--b1\r\n" + headers + "\r\n\r\nx\r\n--b1--");
    };
    MimeError e = header_error("Content-Type text/plain");
    CHECK(e.kind == MimeErrorKind::malformed);
    CHECK(e.part == 2);
    CHECK(contains(e.message, "part 2 has a header line that is not \"Name: value\""));
    e = header_error(" folded: first");
    CHECK(contains(e.message, "continuation line"));
    e = header_error("Content-Type: text/plain\r\ncontent-type: application/pdf");
    CHECK(contains(e.message, "part 2 has two Content-Type headers"));
    e = header_error("Content-ID: <a@x>\r\nContent-ID: <b@x>");
    CHECK(contains(e.message, "two Content-ID headers"));
    e = header_error("Content-ID: <unclosed@x");
    CHECK(contains(e.message, "Content-ID that is not <id>"));
    e = header_error("Content-ID: <>");
    CHECK(contains(e.message, "Content-ID that is not <id>"));
    e = header_error("Content-Type: application/");
    CHECK(contains(e.message, "part 2: Content-Type is not a media type"));
    e = header_error("Content-Disposition: attachment; filename*=UTF-8''%E2%8");
    CHECK(contains(e.message, "bad %-escape"));
    e = header_error("Content-Disposition: attachment; filename*1=late");
    CHECK(contains(e.message, "filename*0 is missing"));
    e = header_error("Content-Transfer-Encoding: base64 extra");
    CHECK(contains(e.message, "not a token"));
    e = header_error("X-Bad: a\rb");
    CHECK(contains(e.message, "bare CR"));
}

TEST_CASE("mime: two parts with one Content-ID are refused", "[mime]") {
    const MimeError e = refused(mixed, crlf("--b1\n"
                                            "Content-ID: <root@x>\n\n"
                                            "<cXML/>\n"
                                            "--b1\n"
                                            "Content-ID: <scan@x>\n\n"
                                            "one\n"
                                            "--b1\n"
                                            "Content-ID:   scan@x \n\n"
                                            "two\n"
                                            "--b1--\n"));
    CHECK(e.kind == MimeErrorKind::malformed);
    CHECK(e.part == 3);
    CHECK(contains(e.message, "two parts have Content-ID <scan@x> (parts 2 and 3)"));
}

TEST_CASE("mime: start must name a part", "[mime]") {
    const std::string body = crlf("--b1\nContent-ID: <root@x>\n\n<cXML/>\n--b1--\n");
    MimeError e = refused(related + "; start=\"<other@x>\"", body);
    CHECK(e.kind == MimeErrorKind::malformed);
    CHECK(contains(e.message, "start parameter names <other@x>, but no part has that"));
    e = refused(related + "; start=\"<>\"", body);
    CHECK(contains(e.message, "start parameter is not <id>"));
}

TEST_CASE("mime: bad base64 is refused, naming the part", "[mime]") {
    const auto error = [](const std::string& encoded) {
        return refused(mixed,
                       "--b1\r\n\r\n<cXML/>\r\n--b1\r\nContent-ID: <att@x>\r\n"
                       "Content-Transfer-Encoding: base64\r\n\r\n" +
                           encoded + "\r\n--b1--\r\n");
    };
    MimeError e = error("TWFu!TWFu");
    CHECK(e.kind == MimeErrorKind::malformed);
    CHECK(e.part == 2);
    CHECK(contains(e.message, "part 2 (Content-ID <att@x>): invalid base64 character \"!\""));
    CHECK(contains(e.message, "at byte 4 of its base64 body"));
    const std::string body =
        "--b1\r\n\r\nx\r\n--b1\r\nContent-Transfer-Encoding: base64\r\n\r\nTW!u\r\n--b1--";
    CHECK(refused(mixed, body).offset == body.find('!'));
    e = error("TWE");
    CHECK(contains(e.message, "middle of a 4-character group"));
    e = error("TWE=TWFu");
    CHECK(contains(e.message, "data after the base64 '=' padding"));
    e = error("TW=u");
    CHECK(contains(e.message, "inside the '=' padding"));
    e = error("T===");
    CHECK(contains(e.message, "misplaced"));
    e = error("TQ=");
    CHECK(contains(e.message, "middle of a 4-character group"));
    e = error("TWFu-_");  // base64url is not base64
    CHECK(contains(e.message, "invalid base64 character \"-\""));
}

TEST_CASE("mime: bad quoted-printable is refused, naming the part", "[mime]") {
    const auto error = [](const std::string& encoded) {
        return refused(mixed,
                       "--b1\r\n\r\n<cXML/>\r\n--b1\r\n"
                       "Content-Transfer-Encoding: quoted-printable\r\n\r\n" +
                           encoded + "\r\n--b1--\r\n");
    };
    MimeError e = error("price =G1 EUR");
    CHECK(e.kind == MimeErrorKind::malformed);
    CHECK(e.part == 2);
    CHECK(contains(e.message, "part 2: invalid quoted-printable escape \"=G1\""));
    e = error("cut =4");
    CHECK(contains(e.message, "\"=4\""));
    e = error("a = b");
    CHECK(contains(e.message, "\"= b\""));
}

TEST_CASE("mime: unknown transfer encodings and nested multiparts are unsupported", "[mime]") {
    MimeError e = refused(mixed, crlf("--b1\n\n<cXML/>\n--b1\nContent-ID: <u@x>\n"
                                      "Content-Transfer-Encoding: X-UUEncode\n\nbegin 644 a\n"
                                      "--b1--\n"));
    CHECK(e.kind == MimeErrorKind::unsupported);
    CHECK(e.part == 2);
    CHECK(contains(e.message, "Content-Transfer-Encoding \"x-uuencode\", which is not supported"));

    e = refused(mixed, crlf("--b1\n\n<cXML/>\n--b1\n"
                            "Content-Type: multipart/alternative; boundary=inner\n\n"
                            "--inner\n\nx\n--inner--\n"
                            "--b1--\n"));
    CHECK(e.kind == MimeErrorKind::unsupported);
    CHECK(contains(e.message, "nested multipart"));
}

TEST_CASE("mime: limits on parts, part size, total size and headers", "[mime]") {
    const auto parts = [](std::size_t n, const std::string& content) {
        std::string body;
        for (std::size_t i = 0; i < n; ++i)
            body += "--b1\r\n\r\n" + content + "\r\n";
        return body + "--b1--\r\n";
    };
    MimeLimits limits;
    limits.max_parts = 3;
    CHECK(accepted(mixed, parts(3, "x"), limits).attachments.size() == 2);
    MimeError e = refused(mixed, parts(4, "x"), limits);
    CHECK(e.kind == MimeErrorKind::too_large);
    CHECK(e.part == 4);
    CHECK(contains(e.message, "more than 3 parts (MimeLimits::max_parts)"));

    limits = MimeLimits{};
    limits.max_part_bytes = 4;
    CHECK(accepted(mixed, parts(2, "abcd"), limits).root.body == "abcd");
    e = refused(mixed, parts(2, "abcde"), limits);
    CHECK(e.kind == MimeErrorKind::too_large);
    CHECK(e.part == 1);
    CHECK(
        contains(e.message, "part 1 is larger than 4 bytes decoded (MimeLimits::max_part_bytes)"));
    // Decoded size counts, not encoded size: 8 base64 characters are 6 bytes, 4 are 3.
    const auto base64_part = [](const std::string& encoded) {
        return "--b1\r\nContent-Transfer-Encoding: base64\r\n\r\n" + encoded + "\r\n--b1--";
    };
    CHECK(accepted(mixed, base64_part("TWFu"), limits).root.body == "Man");
    e = refused(mixed, base64_part("TWFuTWFu"), limits);
    CHECK(contains(e.message, "max_part_bytes"));
    e = refused(mixed,
                "--b1\r\nContent-Transfer-Encoding: quoted-printable\r\n\r\nabc=3D=3D\r\n--b1--",
                limits);
    CHECK(contains(e.message, "max_part_bytes"));

    limits = MimeLimits{};
    limits.max_total_bytes = 10;
    CHECK(accepted(mixed, parts(2, "abcde"), limits).attachments.size() == 1);
    e = refused(mixed, parts(3, "abcde"), limits);
    CHECK(e.kind == MimeErrorKind::too_large);
    CHECK(e.part == 3);
    CHECK(contains(e.message, "(MimeLimits::max_total_bytes)"));

    limits = MimeLimits{};
    limits.max_header_bytes = 40;
    const std::string header = "Content-Type: text/plain; charset=UTF-8\r\n";  // 41 bytes
    CHECK(accepted(mixed, "--b1\r\n" + header.substr(2) + "\r\nx\r\n--b1--", limits).root.body ==
          "x");
    e = refused(mixed, "--b1\r\n" + header + "\r\nx\r\n--b1--", limits);
    CHECK(e.kind == MimeErrorKind::too_large);
    CHECK(contains(e.message, "part 1 has a header block larger than 40 bytes"));
    // One endless header line is refused at the limit, not read to its end.
    e = refused(mixed, "--b1\r\nX-Long: " + std::string(100000, 'a') + "\r\n\r\nx\r\n--b1--",
                limits);
    CHECK(contains(e.message, "max_header_bytes"));
}

TEST_CASE("mime: a large body with many near-delimiters is read whole", "[mime]") {
    // 6 MB of lines that start like the delimiter but are not, then a base64 part of 3 MB.
    std::string decoy;
    for (int i = 0; i < 200000; ++i)
        decoy += "--b1x line of content that is not a delimiter\r\n";
    std::string encoded;
    for (int i = 0; i < 54000; ++i)
        encoded += "QUJDREVGR0hJSktMTU5PUFFSU1RVVldYWVphYmNkZWZnaGlqa2xtbm9wcXJzdHV2d3h5ejAx\r\n";
    const std::string body = "--b1\r\n\r\n" + decoy +
                             "\r\n--b1\r\nContent-Transfer-Encoding: base64\r\n\r\n" + encoded +
                             "--b1--";
    MimeLimits limits;
    limits.max_part_bytes = 16 * 1024 * 1024;
    const MimePackage p = accepted(mixed, body, limits);
    CHECK(p.root.body.size() == decoy.size());
    REQUIRE(p.attachments.size() == 1);
    CHECK(p.attachments[0].body.size() == 54000u * 54);
    CHECK(p.attachments[0].body.substr(0, 10) == "ABCDEFGHIJ");
}

TEST_CASE("mime: MimeResult holds one outcome and refuses the other", "[mime]") {
    const MimeResult good = parse_multipart(mixed, "--b1\r\n\r\nx\r\n--b1--");
    REQUIRE(good.ok());
    CHECK(static_cast<bool>(good));
    CHECK_THROWS_AS(good.error(), std::logic_error);
    MimeResult bad = parse_multipart(mixed, "nothing");
    CHECK_FALSE(bad);
    CHECK_THROWS_AS(bad.value(), std::logic_error);
    CHECK(to_string(bad.error().kind) == "malformed");
    CHECK(to_string(MimeErrorKind::too_large) == "too_large");
    CHECK(to_string(MimeErrorKind::unsupported) == "unsupported");
}

TEST_CASE("mime: content_id_from_url", "[mime]") {
    CHECK(content_id_from_url("cid:abc%40x") == "abc@x");
    CHECK(content_id_from_url("cid:abc@x") == "abc@x");
    CHECK(content_id_from_url("CID:Part1.ABC@buyer.example") == "Part1.ABC@buyer.example");
    CHECK(content_id_from_url("Cid:a%2Fb%2fc") == "a/b/c");
    CHECK(content_id_from_url("  cid:abc@x\n ") == "abc@x");  // XML text around it
    CHECK(content_id_from_url("cid:%3Cabc@x%3E") == "abc@x");
    CHECK(content_id_from_url("cid:<abc@x>") == "abc@x");
    CHECK(content_id_from_url("cid:a+b") == "a+b");  // not form encoding
    CHECK_FALSE(content_id_from_url("cid:"));
    CHECK_FALSE(content_id_from_url("cid:<>"));
    CHECK_FALSE(content_id_from_url("cid:abc%4"));
    CHECK_FALSE(content_id_from_url("cid:abc%zz"));
    CHECK_FALSE(content_id_from_url("cid:abc%0Ax"));
    CHECK_FALSE(content_id_from_url("mid:abc@x"));
    CHECK_FALSE(content_id_from_url("https://buyer.example/a.pdf"));
    CHECK_FALSE(content_id_from_url("delivery-note.pdf"));
    CHECK_FALSE(content_id_from_url("ci"));
    CHECK_FALSE(content_id_from_url(""));
}

TEST_CASE("mime: is_multipart", "[mime]") {
    CHECK(is_multipart("multipart/related; boundary=x"));
    CHECK(is_multipart("Multipart/Related"));
    CHECK(is_multipart("MULTIPART/MIXED;boundary=\"x\""));
    CHECK(is_multipart("  multipart / mixed  ; boundary=x"));
    CHECK(is_multipart("multipart/related (Ariba); type=\"text/xml\""));
    CHECK_FALSE(is_multipart("multipart/form-data; boundary=x"));
    CHECK_FALSE(is_multipart("multipart/alternative"));
    CHECK_FALSE(is_multipart("text/xml; charset=UTF-8"));
    CHECK_FALSE(is_multipart("application/x-www-form-urlencoded"));
    CHECK_FALSE(is_multipart("multipart/relatedx"));
    CHECK_FALSE(is_multipart("multipart"));
    CHECK_FALSE(is_multipart(""));
    CHECK_FALSE(is_multipart("multipart/related (unclosed"));
}
