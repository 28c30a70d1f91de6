// The storefront's HTML builder: every run-time value is escaped for where it goes.
#include "gateway/outbox/http_client.hpp"
#include "gateway/service/url_codec.hpp"
#include "gateway/storefront/display_format.hpp"
#include "gateway/storefront/html_writer.hpp"
#include "gateway/storefront/page_policy.hpp"

#include <catch2/catch.hpp>

using namespace punchout::gateway::storefront;
using punchout::catalog::Amount;
using punchout::gateway::host_allowed;
using punchout::gateway::origin_of;
using punchout::gateway::percent_decode;
using punchout::gateway::percent_encode;

namespace {

std::string render(const std::function<void(HtmlWriter&)>& build) {
    HtmlWriter w;
    build(w);
    auto out = w.finish();
    out.pop_back();  // the final newline
    return out;
}

}  // namespace

TEST_CASE("text is escaped: markup in catalog text shows as text", "[storefront][html]") {
    const auto html = render([](HtmlWriter& w) {
        w.element("p", "<script>alert(1)</script> & \"quotes\" 'too' </textarea>");
    });
    CHECK(html ==
          "<p>&lt;script&gt;alert(1)&lt;/script&gt; &amp; &quot;quotes&quot; &#39;too&#39; "
          "&lt;/textarea&gt;</p>");
}

TEST_CASE("attribute values are escaped and cannot end the attribute", "[storefront][html]") {
    const auto html = render([](HtmlWriter& w) {
        w.empty("input", {{"value", "\" onfocus=\"alert(1)"}, {"title", "a'b<c>&"}});
    });
    CHECK(html ==
          "<input value=\"&quot; onfocus=&quot;alert(1)\" title=\"a&#39;b&lt;c&gt;&amp;\">");
}

TEST_CASE("control characters HTML cannot carry are dropped; tab and newlines stay",
          "[storefront][html]") {
    const auto html = render([](HtmlWriter& w) {
        w.text(
            std::string("a\x01\x1F\x7F"
                        "b\tc\nd",
                        9));
    });
    CHECK(html == "ab\tc\nd");
}

TEST_CASE("URL attributes accept http(s) and site paths only", "[storefront][html][url]") {
    auto href = [](std::string_view url) {
        return render([url](HtmlWriter& w) { w.element("a", {{"href", url}}, "x"); });
    };
    CHECK(href("https://cdn.example.com/a.jpg?x=1&y=2") ==
          "<a href=\"https://cdn.example.com/a.jpg?x=1&amp;y=2\">x</a>");
    CHECK(href("http://example.com/") == "<a href=\"http://example.com/\">x</a>");
    CHECK(href("/shop/abc/cart") == "<a href=\"/shop/abc/cart\">x</a>");
    CHECK(href("?page=2") == "<a href=\"?page=2\">x</a>");
    CHECK(href("#content") == "<a href=\"#content\">x</a>");
    // Script, data and protocol-relative URLs never reach the page.
    CHECK(href("javascript:alert(1)") == "<a href=\"about:invalid\">x</a>");
    CHECK(href("JavaScript:alert(1)") == "<a href=\"about:invalid\">x</a>");
    CHECK(href(" javascript:alert(1)") == "<a href=\"about:invalid\">x</a>");
    CHECK(href("data:text/html,<script>alert(1)</script>") == "<a href=\"about:invalid\">x</a>");
    CHECK(href("//evil.example/x") == "<a href=\"about:invalid\">x</a>");
    CHECK(href("/\\evil.example/x") == "<a href=\"about:invalid\">x</a>");
    CHECK(href("https://exa mple.com/") == "<a href=\"about:invalid\">x</a>");
    CHECK(href("") == "<a href=\"about:invalid\">x</a>");

    const auto img = render([](HtmlWriter& w) {
        w.empty("img", {{"src", "javascript:alert(1)"}, {"alt", "javascript:alert(1)"}});
    });
    // Only URL attributes are checked; alt is text.
    CHECK(img == "<img src=\"about:invalid\" alt=\"javascript:alert(1)\">");
    const auto form = render([](HtmlWriter& w) {
        w.open("form", {{"action", "javascript:x"}}).close();
        w.element("button", {{"formaction", "vbscript:x"}}, "go");
    });
    CHECK(form ==
          "<form action=\"about:invalid\"></form><button formaction=\"about:invalid\">go</button>");
}

TEST_CASE("boolean and optional attributes", "[storefront][html]") {
    const auto html = render([](HtmlWriter& w) {
        w.empty("input", {Attr::flag("checked", true), Attr::flag("disabled", false),
                          Attr::optional("placeholder", ""), Attr::optional("name", "q"),
                          Attr::when(false, "class", "x")});
    });
    CHECK(html == "<input checked name=\"q\">");
}

TEST_CASE("elements close in order; scopes close what they opened", "[storefront][html]") {
    const auto html = render([](HtmlWriter& w) {
        auto div = w.scope("div", {{"class", "a"}});
        {
            auto ul = w.scope("ul");
            w.open("li").text("one");  // left open: the scope closes it
        }
        w.element("p", "after");
    });
    CHECK(html == "<div class=\"a\"><ul><li>one</li></ul><p>after</p></div>");
    HtmlWriter w;
    CHECK_THROWS_AS(w.close(), std::logic_error);
}

TEST_CASE("run-time text cannot be put inside script or style", "[storefront][html]") {
    HtmlWriter w;
    w.open("script", {{"nonce", "abc"}});
    w.markup("document.getElementById(\"transfer\").submit();");
    CHECK_THROWS_AS(w.text("alert(1)"), std::logic_error);
    w.close();
    w.open("style");
    CHECK_THROWS_AS(w.text("body{}"), std::logic_error);
}

TEST_CASE("percent encoding of path segments and query values", "[storefront][url]") {
    CHECK(percent_encode("HB-M8-40") == "HB-M8-40");
    CHECK(percent_encode("A/B C?&=#%") == "A%2FB%20C%3F%26%3D%23%25");
    CHECK(percent_encode("K\xC3\xA4") == "K%C3%A4");
    CHECK(percent_decode("A%2FB%20C").value() == "A/B C");
    CHECK(percent_decode("K%c3%a4").value() == "K\xC3\xA4");
    CHECK_FALSE(percent_decode("bad%2").has_value());
    CHECK_FALSE(percent_decode("bad%zz").has_value());
    CHECK_FALSE(percent_decode("nul%00").has_value());
}

TEST_CASE("origins and post-back host lists", "[storefront][url]") {
    CHECK(origin_of("https://Buyer.Example/punchout/return?x=1") == "https://buyer.example");
    CHECK(origin_of("http://127.0.0.1:8080/x") == "http://127.0.0.1:8080");
    CHECK(origin_of("https://buyer.example:443/") == "https://buyer.example");
    CHECK(origin_of("javascript:alert(1)").empty());
    CHECK(host_allowed("https://a.example/x", {}));
    CHECK(host_allowed("https://A.example/x", {"a.example"}));
    CHECK_FALSE(host_allowed("https://evil.example/x", {"a.example"}));
    CHECK(host_allowed("http://localhost:8080/x", {"localhost:8080"}));
    CHECK_FALSE(host_allowed("http://localhost:9090/x", {"localhost:8080"}));
    CHECK_FALSE(host_allowed("ftp://a.example/x", {"a.example"}));
}

TEST_CASE("the content security policy follows the buyer's frame origins", "[storefront][csp]") {
    PagePolicy none;
    const auto self = content_security_policy(none);
    CHECK(self.find("frame-ancestors 'self'") != std::string::npos);
    CHECK(self.find("script-src") == std::string::npos);
    CHECK(self.find("default-src 'none'") != std::string::npos);
    CHECK(self.find("form-action 'self'") != std::string::npos);

    PagePolicy framed;
    framed.frame_origins = {"https://s1.ariba.example", "http://localhost:8080",
                            "https://evil.example; script-src *"};
    framed.form_origin = "https://buyer.example";
    framed.script_nonce = "n0nce";
    const auto csp = content_security_policy(framed);
    CHECK(csp.find("frame-ancestors https://s1.ariba.example http://localhost:8080") !=
          std::string::npos);
    CHECK(csp.find("evil") == std::string::npos);
    CHECK(csp.find("form-action 'self' https://buyer.example") != std::string::npos);
    CHECK(csp.find("script-src 'nonce-n0nce'") != std::string::npos);
}

TEST_CASE("money, quantities and times for people", "[storefront][format]") {
    CHECK(format_money(Amount::from_units(125000), "EUR") == "12.50 EUR");
    CHECK(format_money(Amount::from_units(12345678900), "USD") == "1,234,567.89 USD");
    CHECK(format_money(Amount::from_units(12345), "EUR") == "1.2345 EUR");
    CHECK(format_money(Amount::from_units(-10000000), "EUR") == "-1,000.00 EUR");
    CHECK(format_quantity(Amount::from_units(15000)) == "1.5");
    const auto now = punchout::catalog::parse_timestamp("2026-03-01T18:00:00Z").value();
    CHECK(format_clock(punchout::catalog::parse_timestamp("2026-03-01T10:14:59Z").value(), now) ==
          "10:14 UTC");
    CHECK(format_clock(punchout::catalog::parse_timestamp("2026-02-28T09:05:00Z").value(), now) ==
          "2026-02-28 09:05 UTC");
}

TEST_CASE("quantities people type", "[storefront][format]") {
    CHECK(parse_user_quantity("12")->units() == 120000);
    CHECK(parse_user_quantity(" 1.5 ")->units() == 15000);
    CHECK(parse_user_quantity("1,5")->units() == 15000);
    CHECK(parse_user_quantity(".5")->units() == 5000);
    CHECK_FALSE(parse_user_quantity("0"));
    CHECK_FALSE(parse_user_quantity("-3"));
    CHECK_FALSE(parse_user_quantity("abc"));
    CHECK_FALSE(parse_user_quantity("1e3"));
    CHECK_FALSE(parse_user_quantity("1.00001"));
    CHECK_FALSE(parse_user_quantity("1,000.5"));
    CHECK_FALSE(parse_user_quantity("99999999"));
    CHECK_FALSE(parse_user_quantity(""));
}
