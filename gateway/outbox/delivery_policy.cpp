#include "gateway/outbox/delivery_policy.hpp"

#include "cxml/parse.hpp"

#include <algorithm>
#include <cmath>

namespace punchout::gateway {
namespace {

// A short, single-line, printable excerpt of a body for the outbox's last_error.
std::string excerpt(const std::string& body, std::size_t limit = 120) {
    std::string out;
    bool space = false;
    for (unsigned char c : body) {
        if (out.size() >= limit) {
            out += "...";
            break;
        }
        if (c == ' ' || c == '\t' || c == '\r' || c == '\n') {
            space = !out.empty();
            continue;
        }
        if (c < 0x20 || c == 0x7f)
            continue;
        if (space)
            out += ' ';
        space = false;
        out += static_cast<char>(c);
    }
    return out;
}

std::string http_text(const HttpResult& a) {
    std::string s = "HTTP " + std::to_string(a.status);
    if (!a.content_type.empty())
        s += " (" + a.content_type + ")";
    return s;
}

}  // namespace

DeliveryOutcome classify_answer(const HttpResult& answer) {
    DeliveryOutcome out;
    if (answer.transport_failed()) {
        out.message = answer.describe();
        return out;
    }
    out.http_status = static_cast<int>(answer.status);
    auto parsed = cxml::parse(answer.body);
    const cxml::Response* response = nullptr;
    if (parsed)
        response = std::get_if<cxml::Response>(&parsed.value().body);
    if (response)
        out.cxml_status = static_cast<int>(response->status().code);

    if (answer.status >= 500) {
        out.message =
            http_text(answer) + (response ? ", cXML " : ": ") +
            (response ? std::to_string(response->status().code) + " " + response->status().text
                      : excerpt(answer.body));
        return out;
    }
    if (!parsed) {
        out.message = http_text(answer) + ", not a cXML answer (" + parsed.error().message +
                      "): " + excerpt(answer.body);
        return out;
    }
    if (!response) {
        out.message = http_text(answer) + ", a cXML " +
                      std::string(cxml::body_element(parsed.value())) + " instead of a Response";
        return out;
    }
    const auto& status = response->status();
    std::string said = "cXML " + std::to_string(status.code) + " " + status.text;
    if (!status.message.empty())
        said += ": " + excerpt(status.message, 300);
    const bool http_ok = answer.status >= 200 && answer.status < 300;
    if (status.code >= 200 && status.code < 300) {
        if (http_ok) {
            out.verdict = DeliveryVerdict::delivered;
            return out;
        }
        out.message = http_text(answer) + " with " + said;
        return out;
    }
    if (status.code >= 400 && status.code < 500) {
        out.verdict = DeliveryVerdict::rejected;
        out.message = said;
        return out;
    }
    out.message = said;
    return out;
}

std::chrono::milliseconds DeliveryPolicy::backoff(unsigned failed_attempts,
                                                  double jitter) const noexcept {
    using ms = std::chrono::milliseconds;
    const ms cap = std::chrono::duration_cast<ms>(max_backoff);
    ms base = std::chrono::duration_cast<ms>(initial_backoff);
    // Doubling stops at the cap, so large attempt counts cannot overflow.
    for (unsigned i = 1; i < failed_attempts && base < cap; ++i)
        base *= 2;
    base = std::min(base, cap);
    jitter = std::clamp(jitter, 0.0, 1.0);
    const double scaled = static_cast<double>(base.count()) * (0.5 + 0.5 * jitter);
    return ms(static_cast<ms::rep>(std::llround(scaled)));
}

DeliveryOutcome classify_webhook_answer(const HttpResult& answer) {
    DeliveryOutcome out;
    if (answer.transport_failed()) {
        out.message = answer.describe();
        return out;
    }
    out.http_status = static_cast<int>(answer.status);
    if (answer.status >= 200 && answer.status < 300) {
        out.verdict = DeliveryVerdict::delivered;
        return out;
    }
    out.message = http_text(answer);
    if (!answer.body.empty())
        out.message += ": " + excerpt(answer.body);
    // 410: the receiver says this URL is gone for good. Anything else (a 401 from a secret
    // being rotated, a 404 while the ERP deploys) may heal, and the event must not be lost.
    if (answer.status == 410)
        out.verdict = DeliveryVerdict::rejected;
    return out;
}

}  // namespace punchout::gateway
