#include "gateway/http/refusal_mapping.hpp"

#include <cstdio>

#include <catch2/catch.hpp>

using namespace punchout;
using namespace punchout::gateway;

namespace {

struct Mapped {
    unsigned cxml;
    http::status http;
    http::status page;
};

Mapped map(RefusalKind kind) {
    std::FILE* sink = std::tmpfile();
    Logger logger(sink);
    RequestInfo info;
    info.id = "ref123";
    auto a = answer_refusal(Refusal{kind, "words", {}}, info, logger);
    logger.flush();
    std::fclose(sink);
    return {a.status.code, a.http_status, a.page_status};
}

}  // namespace

TEST_CASE("each refusal kind has its cXML Status and HTTP statuses", "[refusal_mapping]") {
    using S = http::status;
    // cXML-level outcomes travel over HTTP 200: buyer networks read the Status and retry any
    // other HTTP status as a transport failure.
    CHECK(map(RefusalKind::invalid).cxml == 400);
    CHECK(map(RefusalKind::invalid).http == S::ok);
    CHECK(map(RefusalKind::unauthenticated).cxml == 401);
    CHECK(map(RefusalKind::unauthenticated).page == S::forbidden);
    CHECK(map(RefusalKind::malformed).cxml == 406);
    CHECK(map(RefusalKind::conflict).cxml == 409);
    CHECK(map(RefusalKind::not_permitted).cxml == 412);
    CHECK(map(RefusalKind::unsupported).cxml == 450);
    CHECK(map(RefusalKind::unsupported).http == S::ok);
    // The transport-level ones keep an HTTP status of their own.
    CHECK(map(RefusalKind::too_large).cxml == 413);
    CHECK(map(RefusalKind::too_large).http == S::payload_too_large);
    CHECK(map(RefusalKind::wrong_media_type).cxml == 400);
    CHECK(map(RefusalKind::wrong_media_type).http == S::unsupported_media_type);
    CHECK(map(RefusalKind::busy).cxml == 560);
    CHECK(map(RefusalKind::busy).http == S::service_unavailable);
    CHECK(map(RefusalKind::internal).cxml == 500);
    CHECK(map(RefusalKind::internal).http == S::internal_server_error);
}

TEST_CASE("retryable refusals carry the reference id, which the log line has too",
          "[refusal_mapping]") {
    std::FILE* sink = std::tmpfile();
    {
        Logger logger(sink);
        RequestInfo info;
        info.id = "4f2a9c01d3e5b6a7";
        auto internal = answer_refusal(Refusal::internal("disk I/O error"), info, logger);
        CHECK(internal.status.message == "disk I/O error (reference 4f2a9c01d3e5b6a7)");
        CHECK(internal.status.text == "Internal Server Error");
        auto invalid = answer_refusal(
            Refusal::invalid("The order was not accepted:", {{"ItemOut[1]", "Line 1: bad."}}), info,
            logger);
        CHECK(invalid.status.message == "The order was not accepted:\nLine 1: bad.");
        logger.flush();
    }
    std::rewind(sink);
    std::string logged;
    char buf[4096];
    while (std::size_t n = std::fread(buf, 1, sizeof buf, sink))
        logged.append(buf, n);
    std::fclose(sink);
    CHECK_THAT(logged, Catch::Contains("\"id\":\"4f2a9c01d3e5b6a7\""));
    CHECK_THAT(logged, Catch::Contains("disk I/O error"));
    // Only our own failures are logged as errors; a sender's mistake is not.
    CHECK_THAT(logged, !Catch::Contains("Line 1: bad."));
}

TEST_CASE("transport errors get the Status of their kind and keep their HTTP status",
          "[refusal_mapping]") {
    CHECK(answer_transport_error(http::status::payload_too_large, "big").status.code == 413);
    CHECK(answer_transport_error(http::status::internal_server_error, "x").status.code == 500);
    for (auto s :
         {http::status::request_timeout, http::status::bad_request,
          http::status::request_header_fields_too_large, http::status::method_not_allowed}) {
        CHECK(answer_transport_error(s, "x").status.code == 400);
    }
}

TEST_CASE("a successful answer's Status", "[refusal_mapping]") {
    auto s = accepted_status("Order PO-1 accepted.");
    CHECK(s.code == 200);
    CHECK(s.is_success());
    CHECK(s.message == "Order PO-1 accepted.");
}
