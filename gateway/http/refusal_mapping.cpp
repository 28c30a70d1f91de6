#include "gateway/http/refusal_mapping.hpp"

#include <array>

namespace punchout::gateway {
namespace {

struct Row {
    RefusalKind kind;
    unsigned cxml_code;
    http::status http_status;
    http::status page_status;
};

// Every cXML status number an answer of ours carries is chosen in this table.
constexpr std::array<Row, 10> rows{{
    {RefusalKind::invalid, 400, http::status::ok, http::status::bad_request},
    {RefusalKind::unauthenticated, 401, http::status::ok, http::status::forbidden},
    {RefusalKind::malformed, 406, http::status::ok, http::status::bad_request},
    {RefusalKind::conflict, 409, http::status::ok, http::status::conflict},
    {RefusalKind::not_permitted, 412, http::status::ok, http::status::forbidden},
    {RefusalKind::too_large, 413, http::status::payload_too_large, http::status::payload_too_large},
    {RefusalKind::wrong_media_type, 400, http::status::unsupported_media_type,
     http::status::unsupported_media_type},
    {RefusalKind::unsupported, 450, http::status::ok, http::status::bad_request},
    {RefusalKind::busy, 560, http::status::service_unavailable, http::status::service_unavailable},
    {RefusalKind::internal, 500, http::status::internal_server_error,
     http::status::internal_server_error},
}};

constexpr unsigned accepted_code = 200;

const Row& row_for(RefusalKind kind) {
    for (const auto& r : rows) {
        if (r.kind == kind)
            return r;
    }
    return rows.back();  // an unknown kind is our own failure
}

RefusalAnswer answer_for(const Refusal& refusal, const std::string& reference) {
    const auto& row = row_for(refusal.kind);
    std::string text = refusal.text();
    if (is_retryable(refusal.kind) && !reference.empty())
        text += " (reference " + reference + ")";
    return RefusalAnswer{row.http_status, row.page_status,
                         cxml::make_status(row.cxml_code, std::move(text))};
}

}  // namespace

RefusalAnswer answer_refusal(const Refusal& refusal, RequestInfo& info, Logger& logger) {
    info.log("refusal", std::string(to_string(refusal.kind)));
    if (refusal.kind == RefusalKind::internal || refusal.kind == RefusalKind::busy) {
        logger.write(
            LogLine(refusal.kind == RefusalKind::internal ? "error" : "warn", "request_refused")
                .add("id", info.id)
                .add("kind", to_string(refusal.kind))
                .add("what", refusal.text()));
    }
    return answer_for(refusal, info.id);
}

RefusalAnswer answer_transport_error(http::status status, std::string message) {
    Refusal refusal{status == http::status::payload_too_large       ? RefusalKind::too_large
                    : status == http::status::internal_server_error ? RefusalKind::internal
                                                                    : RefusalKind::invalid,
                    std::move(message),
                    {}};
    return answer_for(refusal, {});
}

cxml::Status accepted_status(std::string message) {
    return cxml::make_status(accepted_code, std::move(message));
}

}  // namespace punchout::gateway
