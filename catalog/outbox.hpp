#pragma once

#include "catalog/api_client.hpp"
#include "catalog/buyer.hpp"
#include "catalog/connection.hpp"
#include "catalog/result.hpp"
#include "catalog/timestamp.hpp"

#include <chrono>
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

namespace punchout::catalog {

/// Where an outbound document stands.
enum class OutboxStatus {
    pending,    ///< waiting for its (next) attempt
    delivered,  ///< the buyer answered with a 2xx cXML Status
    failed,     ///< refused (4xx cXML Status) or out of attempts; kept for an admin
};

/// "pending", "delivered", "failed".
std::string_view to_string(OutboxStatus status) noexcept;
std::optional<OutboxStatus> parse_outbox_status(std::string_view text) noexcept;

/// One outbound document: cXML to a buyer, or an order event to an API client's webhook
/// (origin "webhook", `api_client` set, the body JSON; `buyer` is the order's buyer).
struct OutboxEntry {
    std::int64_t id = 0;
    BuyerKey buyer;
    std::optional<std::int64_t> order_pk;
    std::string document_type;  ///< ConfirmationRequest, ShipNoticeRequest, ...
    std::string payload_id;
    std::string target_url;
    std::string body;                        ///< empty in listings (see OutboxFilter::with_body)
    std::string origin;                      ///< "admin", "status-request" or "webhook"
    std::optional<ApiClientKey> api_client;  ///< the webhook's receiver
    OutboxStatus status = OutboxStatus::pending;
    int attempts = 0;
    Timestamp next_attempt_at{};
    std::string last_error;
    std::optional<int> last_http_status;
    std::optional<int> last_cxml_status;
    std::string lease_owner;  ///< empty when not leased
    std::optional<Timestamp> lease_until;
    Timestamp created_at{};
    Timestamp updated_at{};
    std::optional<Timestamp> delivered_at;
};

/// A document to queue.
struct NewOutboxDocument {
    BuyerKey buyer;
    std::optional<std::int64_t> order_pk;
    std::string document_type;
    std::string payload_id;
    std::string target_url;
    std::string body;
    std::string origin = "admin";
    std::optional<ApiClientKey> api_client;  ///< with origin "webhook", only then
};

/// Queues a document, due at once. Errc::constraint when the payloadID is already queued,
/// Errc::invalid for an empty field.
Result<OutboxEntry> enqueue_document(Connection& conn, const NewOutboxDocument& doc, Timestamp at);

/// Leases up to `limit` due documents to `owner` for `lease_for`: pending, due at `now`, and
/// not under another live lease. Each lease counts as an attempt (a crash after sending still
/// used one). Oldest due first; bodies included.
Result<std::vector<OutboxEntry>> lease_due_documents(Connection& conn, std::string_view owner,
                                                     Timestamp now, std::chrono::seconds lease_for,
                                                     std::size_t limit);

/// What an attempt came to.
struct AttemptOutcome {
    OutboxStatus status = OutboxStatus::pending;  ///< pending: try again at next_attempt_at
    std::string error;                            ///< empty when delivered
    std::optional<int> http_status;
    std::optional<int> cxml_status;
    Timestamp next_attempt_at{};
};

/// Records the outcome of `owner`'s attempt and ends its lease. Returns false (and changes
/// nothing) when `owner` no longer holds the lease. A delivered or failed document with an
/// order gets an order event ("document-delivered" / "document-failed").
Result<bool> record_attempt(Connection& conn, std::int64_t id, std::string_view owner,
                            const AttemptOutcome& outcome, Timestamp at);

/// Ends every lease `owner` holds without recording an outcome: the documents are due again
/// at `at` (a stopping sender gives back what it could not finish). Returns how many.
Result<std::int64_t> release_leases(Connection& conn, std::string_view owner, Timestamp at);

/// The owners of live or stale leases on pending documents (to find a crashed sender's).
Result<std::vector<std::string>> outbox_lease_owners(Connection& conn);

/// When the sender should look again: the earliest moment a pending document becomes due
/// (its next attempt, or the end of its lease). Nothing when nothing is pending.
Result<std::optional<Timestamp>> next_outbox_wakeup(Connection& conn);

/// Which documents to list.
struct OutboxFilter {
    std::optional<OutboxStatus> status;
    std::optional<BuyerKey> buyer;
    std::optional<std::int64_t> order_pk;
    std::string origin;  ///< empty: any
    std::size_t limit = 200;
    bool with_body = false;
};

/// Documents newest first.
Result<std::vector<OutboxEntry>> list_outbox(Connection& conn, const OutboxFilter& filter);

/// One document with its body, or Errc::not_found.
Result<OutboxEntry> find_outbox_document(Connection& conn, std::int64_t id);

/// Makes a failed or pending document due again now with a fresh count of attempts, sent to
/// `target_url` (the buyer's document URL today). Errc::invalid for a delivered document or
/// one being sent right now (leased until later than `now`); Errc::not_found.
Result<OutboxEntry> retry_outbox_document(Connection& conn, std::int64_t id,
                                          std::string_view target_url, Timestamp now);

/// Documents per status (every status listed, zeros included), for the metrics gauge.
Result<std::vector<std::pair<std::string, std::int64_t>>> count_outbox_by_status(Connection& conn);

}  // namespace punchout::catalog
