#pragma once

// Order events for the supplier's systems, pushed: every order received, updated or
// cancelled is queued in the outbox for each API client with a webhook (the same event, id
// and JSON as GET /api/v1/orders shows), in the transaction that stores the order, so an
// order is never stored without its events nor an event sent for an order not stored.
#include "catalog/connection.hpp"
#include "catalog/result.hpp"

#include <cstdint>
#include <string>
#include <string_view>

namespace punchout::gateway {

/// The headers of a webhook delivery (gateway/README-outbox.md).
inline constexpr std::string_view webhook_event_id_header = "Punchout-Event-Id";
inline constexpr std::string_view webhook_event_header = "Punchout-Event";
inline constexpr std::string_view webhook_signature_header = "Punchout-Signature";

/// Queues the order's latest event (received, updated or cancelled) for every webhook
/// receiver, inside the caller's transaction. Returns how many deliveries were queued.
catalog::Result<std::size_t> queue_order_webhooks(catalog::Connection& conn, std::int64_t order_pk);

/// The signature header's value for `body` under `secret`: "sha256=" and the lower-case hex
/// HMAC-SHA256 of the body's exact bytes (GitHub's X-Hub-Signature-256 form).
std::string sign_webhook(std::string_view secret, std::string_view body);

/// A new webhook secret: "whsec_" and 256 random bits.
std::string make_webhook_secret();

}  // namespace punchout::gateway
