#pragma once

#include "gateway/outbox/http_client.hpp"

#include <chrono>
#include <optional>
#include <string>

namespace punchout::gateway {

/// What the buyer's answer to one delivery attempt means.
enum class DeliveryVerdict {
    delivered,  ///< a cXML Response with a 2xx Status (over HTTP 2xx)
    rejected,   ///< a cXML Response with a 4xx Status: permanent, kept for an admin
    retry,      ///< transport error, HTTP 5xx, no valid cXML, or another Status: try again
};

/// The verdict on an answer, with what an admin needs to see.
struct DeliveryOutcome {
    DeliveryVerdict verdict = DeliveryVerdict::retry;
    std::optional<int> http_status;
    std::optional<int> cxml_status;
    std::string message;  ///< one line; empty when delivered with nothing to say
};

/// Classifies the answer to a POST of a cXML document:
/// - transport error (resolve, connect, TLS, timeout, reset): retry;
/// - HTTP 5xx: retry, whatever the body says (the buyer's system is down or overloaded);
/// - otherwise the body must be a cXML Response: a 2xx Status over HTTP 2xx is delivered, a
///   4xx Status is a permanent refusal, any other Status (5xx, 1xx, 3xx) or a 2xx Status over
///   a non-2xx HTTP status is retried;
/// - a body that is not cXML, or a cXML document that is not a Response: retry.
DeliveryOutcome classify_answer(const HttpResult& answer);

/// Classifies the answer to a webhook delivery (an order event POSTed as JSON to an API
/// client's URL): HTTP 2xx is delivered, whatever the body; 410 Gone is a permanent
/// refusal; a transport error or any other status is retried until the attempts run out.
DeliveryOutcome classify_webhook_answer(const HttpResult& answer);

/// When to try again: exponential backoff with jitter, up to a number of attempts.
struct DeliveryPolicy {
    unsigned max_attempts = 12;
    std::chrono::seconds initial_backoff{10};
    std::chrono::seconds max_backoff{3600};

    /// The wait after `failed_attempts` (>= 1) attempts in a row failed: the base delay
    /// initial x 2^(failed - 1), capped at max_backoff, then scaled by 0.5 + 0.5 x `jitter`
    /// (jitter uniform in [0, 1)), so retries from many documents spread out but never come
    /// sooner than half the base delay.
    std::chrono::milliseconds backoff(unsigned failed_attempts, double jitter) const noexcept;

    /// True when `attempts` used up the budget.
    bool exhausted(unsigned attempts) const noexcept { return attempts >= max_attempts; }
};

}  // namespace punchout::gateway
