// The cart back to the buyer through the browser: cxml-base64 and cxml-urlencoded forms.
#include "cxml/cart_transport.hpp"
#include "cxml/parse.hpp"
#include "tests/cxml/builders.hpp"

#include <algorithm>
#include <cctype>

#include <catch2/catch.hpp>

using namespace punchout::cxml;
using namespace punchout::cxml::test;

namespace {

// An independent base64 decoder, so the test does not check the library against itself.
std::string from_base64(const std::string& text) {
    const std::string alphabet = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/";
    std::string out;
    unsigned buffer = 0;
    int bits = 0;
    for (char c : text) {
        if (c == '=')
            break;
        const auto v = alphabet.find(c);
        REQUIRE(v != std::string::npos);
        buffer = (buffer << 6) | static_cast<unsigned>(v);
        bits += 6;
        if (bits >= 8) {
            bits -= 8;
            out.push_back(static_cast<char>((buffer >> bits) & 0xFF));
        }
    }
    return out;
}

}  // namespace

TEST_CASE("cart: cxml-base64 carries the UTF-8 document in base64", "[cart]") {
    const Document doc = punch_out_order_message(3);
    const FormField f = cart_field(doc, CartEncoding::base64);
    CHECK(f.name == "cxml-base64");
    const auto is_base64 = [](char c) {
        return std::isalnum(static_cast<unsigned char>(c)) != 0 || c == '+' || c == '/' || c == '=';
    };
    CHECK(std::all_of(f.value.begin(), f.value.end(), is_base64));
    const std::string decoded = from_base64(f.value);
    CHECK(decoded == write(doc));
    const auto back = parse(decoded);
    REQUIRE(back.ok());
    CHECK(back.value() == [&] {
        Document d = doc;
        d.version = "1.2.071";
        return d;
    }());
}

TEST_CASE("cart: cxml-urlencoded carries a us-ascii document with character references", "[cart]") {
    Document doc = punch_out_order_message(2);
    auto& m = std::get<PunchOutOrderMessage>(std::get<Message>(doc.body).payload);
    m.items[0].detail.descriptions[0].text = "Stylo à bille — bleu «fin» 日本";
    const FormField f = cart_field(doc, CartEncoding::urlencoded);
    CHECK(f.name == "cxml-urlencoded");
    CHECK(f.value.rfind("<?xml version=\"1.0\" encoding=\"US-ASCII\"?>", 0) == 0);
    for (unsigned char c : f.value) {
        REQUIRE(c < 0x80);
    }
    CHECK(f.value.find("Stylo &#224; bille &#8212; bleu &#171;fin&#187; &#26085;&#26412;") !=
          std::string::npos);
    // Not URL-encoded: the browser does that when the form is submitted.
    CHECK(f.value.find('%') == std::string::npos);
    const auto back = parse(f.value);
    REQUIRE(back.ok());
    const auto& item =
        std::get<PunchOutOrderMessage>(std::get<Message>(back.value().body).payload).items[0];
    CHECK(item.detail.descriptions[0].text == "Stylo à bille — bleu «fin» 日本");
}

TEST_CASE("cart: only http(s) URLs count as form actions", "[cart]") {
    for (const char* bad : {"javascript:alert(1)", "JAVASCRIPT:alert(1)", "data:text/html,x",
                            "//buyer.example/return", "https://", "https:///path",
                            "https://buyer.example/a b", "ftp://buyer.example/", ""}) {
        INFO(bad);
        CHECK_FALSE(is_http_url(bad));
    }
    CHECK(is_http_url("HTTPS://Buyer.Example:8443/return?x=1"));
    CHECK(is_http_url("http://localhost:3000/punchout"));
}

TEST_CASE("form bodies decode as a browser would send them", "[cart]") {
    const auto fields = parse_form_urlencoded(
        "cxml-urlencoded=%3C%3Fxml+version%3D%221.0%22%3F%3E&x=a%2Bb&"
        "empty=&flag&bad=%ZZ");
    REQUIRE(fields.size() == 5);
    CHECK(fields[0].value == "<?xml version=\"1.0\"?>");
    CHECK(fields[1].value == "a+b");
    CHECK(fields[2].value.empty());
    CHECK(fields[3].name == "flag");
    CHECK(fields[4].value == "%ZZ");
}
