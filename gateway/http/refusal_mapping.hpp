#pragma once

#include "cxml/status.hpp"
#include "gateway/http/http_types.hpp"
#include "gateway/http/logger.hpp"
#include "gateway/service/refusal.hpp"

#include <string>

namespace punchout::gateway {

/// How a refusal reads on the wire, for each kind of answer that can carry it.
struct RefusalAnswer {
    /// The HTTP status of a cXML answer. Buyer networks read the cXML Status and treat any
    /// other HTTP status as a transport failure to retry, so this is 200 except where the
    /// transport level needs its own: 413, 415, 500, 503.
    http::status http_status = http::status::ok;
    /// The HTTP status of an HTML page (storefront, SAP OCI) saying the same.
    http::status page_status = http::status::ok;
    /// The cXML Status: code, standard text, and the refusal's text; for busy and internal
    /// refusals it ends with "(reference <request id>)", the id of the log line.
    cxml::Status status;
};

/// The one place a refusal becomes a status (table in gateway/README.md). It also notes the
/// refusal's kind in the access log, and logs internal refusals as errors (busy as warnings)
/// with the request id, so the reference in the answer finds the cause.
RefusalAnswer answer_refusal(const Refusal& refusal, RequestInfo& info, Logger& logger);

/// The same mapping for errors the transport finds before a request exists (too large,
/// too slow, malformed HTTP, a handler that threw): 413 is too_large, 500 internal, any
/// other status invalid. Nothing is logged here: the transport logs these itself. The
/// caller keeps the transport's own HTTP status (408, 431, ...).
RefusalAnswer answer_transport_error(http::status status, std::string message);

/// The Status of an answer that did what was asked (an order accepted, a status request
/// answered), with a message for people.
cxml::Status accepted_status(std::string message);

}  // namespace punchout::gateway
