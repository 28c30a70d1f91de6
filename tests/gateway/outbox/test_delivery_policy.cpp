#include "gateway/outbox/delivery_policy.hpp"

#include <boost/asio/error.hpp>
#include <catch2/catch.hpp>

using namespace punchout::gateway;
using namespace std::chrono_literals;

namespace {

std::string response(unsigned code, const std::string& text, const std::string& message = {}) {
    return "<?xml version=\"1.0\"?><cXML payloadID=\"x@y\" timestamp=\"2026-01-01T00:00:00Z\">"
           "<Response><Status code=\"" +
           std::to_string(code) + "\" text=\"" + text + "\">" + message +
           "</Status></Response></cXML>";
}

HttpResult http(unsigned status, std::string body, std::string type = "text/xml") {
    HttpResult r;
    r.status = status;
    r.body = std::move(body);
    r.content_type = std::move(type);
    return r;
}

}  // namespace

TEST_CASE("a cXML 2xx answer over HTTP 2xx is delivered") {
    auto o = classify_answer(http(200, response(200, "OK")));
    CHECK(o.verdict == DeliveryVerdict::delivered);
    CHECK(o.http_status == 200);
    CHECK(o.cxml_status == 200);
    CHECK(classify_answer(http(200, response(201, "Accepted"))).verdict ==
          DeliveryVerdict::delivered);
}

TEST_CASE("a cXML 4xx answer is a permanent refusal, with the buyer's words") {
    auto o = classify_answer(http(200, response(400, "Bad Request", "Unknown order reference")));
    CHECK(o.verdict == DeliveryVerdict::rejected);
    CHECK(o.cxml_status == 400);
    CHECK(o.message == "cXML 400 Bad Request: Unknown order reference");
    // Some systems send the cXML error with a matching HTTP status.
    CHECK(classify_answer(http(401, response(401, "Unauthorized"))).verdict ==
          DeliveryVerdict::rejected);
}

TEST_CASE("transport errors, HTTP 5xx, garbage and other statuses are retried") {
    HttpResult timeout;
    timeout.error = boost::asio::error::timed_out;
    timeout.failed_step = "receive";
    auto t = classify_answer(timeout);
    CHECK(t.verdict == DeliveryVerdict::retry);
    CHECK_FALSE(t.http_status);
    CHECK(t.message.find("receive failed") == 0);

    auto html = classify_answer(
        http(500, "<html><body>\n<h1>500 Internal Server Error</h1></body></html>", "text/html"));
    CHECK(html.verdict == DeliveryVerdict::retry);
    CHECK(html.http_status == 500);
    CHECK(html.message ==
          "HTTP 500 (text/html): <html><body> <h1>500 Internal Server Error</h1></body></html>");

    // HTTP 503 wins over a cXML 4xx in its body: the buyer's front door is down.
    CHECK(classify_answer(http(503, response(400, "Bad Request"))).verdict ==
          DeliveryVerdict::retry);

    auto garbage = classify_answer(http(200, "OK thanks", "text/plain"));
    CHECK(garbage.verdict == DeliveryVerdict::retry);
    CHECK(garbage.message.find("not a cXML answer") != std::string::npos);

    CHECK(classify_answer(http(200, response(500, "Internal Server Error"))).verdict ==
          DeliveryVerdict::retry);
    CHECK(classify_answer(http(200, response(560, "Temporary server error"))).verdict ==
          DeliveryVerdict::retry);
    // A 2xx Status over a failed HTTP exchange does not count as delivered.
    CHECK(classify_answer(http(404, response(200, "OK"))).verdict == DeliveryVerdict::retry);

    // A cXML document that is not a Response.
    const std::string request =
        "<cXML payloadID=\"x@y\" timestamp=\"2026-01-01T00:00:00Z\"><Header><From><Credential "
        "domain=\"a\"><Identity>b</Identity></Credential></From><To><Credential domain=\"a\">"
        "<Identity>b</Identity></Credential></To><Sender><Credential domain=\"a\"><Identity>b"
        "</Identity></Credential><UserAgent>u</UserAgent></Sender></Header><Request>"
        "<ProfileRequest/></Request></cXML>";
    auto other = classify_answer(http(200, request));
    CHECK(other.verdict == DeliveryVerdict::retry);
    CHECK(other.message.find("instead of a Response") != std::string::npos);
}

TEST_CASE("backoff doubles from the initial delay up to the cap") {
    DeliveryPolicy p{12, 10s, 300s};
    CHECK(p.backoff(1, 1.0) == 10s);
    CHECK(p.backoff(2, 1.0) == 20s);
    CHECK(p.backoff(3, 1.0) == 40s);
    CHECK(p.backoff(5, 1.0) == 160s);
    CHECK(p.backoff(6, 1.0) == 300s);
    CHECK(p.backoff(60, 1.0) == 300s);  // no overflow however many attempts
}

TEST_CASE("jitter spreads a delay over its upper half") {
    DeliveryPolicy p{12, 10s, 3600s};
    CHECK(p.backoff(1, 0.0) == 5s);
    CHECK(p.backoff(1, 0.5) == 7500ms);
    CHECK(p.backoff(3, 0.0) == 20s);
    for (double j : {0.0, 0.1, 0.37, 0.5, 0.99}) {
        const auto d = p.backoff(4, j);
        CHECK(d >= 40s);
        CHECK(d <= 80s);
    }
    CHECK(p.backoff(1, -3.0) == 5s);  // out-of-range jitter is clamped
    CHECK(p.backoff(1, 7.0) == 10s);
}

TEST_CASE("the attempt budget") {
    DeliveryPolicy p{3, 1s, 2s};
    CHECK_FALSE(p.exhausted(1));
    CHECK_FALSE(p.exhausted(2));
    CHECK(p.exhausted(3));
    CHECK(p.exhausted(4));
}
