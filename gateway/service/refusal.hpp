#pragma once

#include "catalog/error.hpp"

#include <string>
#include <string_view>
#include <vector>

namespace punchout::gateway {

/// What kind of "no" the service gives. Protocol-free: each transport maps a kind to its
/// own status in one place (gateway/http/refusal_mapping.hpp), nowhere else.
enum class RefusalKind {
    invalid,          ///< the document or form is wrong; the sender must change it
    unauthenticated,  ///< credentials unknown, wrong, disabled, or not for this buyer
    malformed,        ///< not well-formed XML, or a DOCTYPE declaring entities
    not_permitted,    ///< an earlier exchange does not allow this (an edit of a create cart)
    conflict,         ///< the request contradicts what is stored (a known orderID, a stale version)
    too_large,        ///< more bytes or nesting than we take
    wrong_media_type,  ///< not a media type this address reads
    unsupported,       ///< a request type or operation we do not handle
    busy,              ///< the store is busy or starting: the same request later will work
    internal,          ///< our own failure: logged with a reference id; retrying is right
};

/// "invalid", "unauthenticated", ... (logs and tests).
std::string_view to_string(RefusalKind kind) noexcept;

/// True for the kinds where the sender should simply send the same request again.
bool is_retryable(RefusalKind kind) noexcept;

/// One thing wrong with part of a request: where, and a sentence a person can act on.
struct Problem {
    std::string location;  ///< e.g. "cXML/Request/OrderRequest/ItemOut[3]"; may be empty
    std::string message;   ///< names the line itself ("Line 3: ...")

    bool operator==(const Problem&) const = default;
};

/// Why the service did not do what was asked.
struct Refusal {
    RefusalKind kind = RefusalKind::internal;
    std::string message;            ///< for people: what is wrong and what to do
    std::vector<Problem> problems;  ///< per-line detail; the message introduces them

    static Refusal invalid(std::string message, std::vector<Problem> problems = {});
    static Refusal unauthenticated(std::string message);
    static Refusal malformed(std::string message);
    static Refusal not_permitted(std::string message);
    static Refusal conflict(std::string message);
    static Refusal too_large(std::string message);
    static Refusal wrong_media_type(std::string message);
    static Refusal unsupported(std::string message);
    static Refusal busy(std::string message);
    static Refusal internal(std::string message);

    /// The message followed by one line per problem, as a Status or a page shows it.
    std::string text() const;
};

/// A store failure as a refusal, the same way everywhere: busy stays busy (retryable),
/// every other kind is internal (our failure; never the sender's). `doing` says what was
/// being done ("the order could not be stored"). Callers that expect a kind (not_found for
/// an unknown SKU) branch on it before calling this.
Refusal refusal_from(const catalog::Error& error, std::string_view doing);

}  // namespace punchout::gateway
