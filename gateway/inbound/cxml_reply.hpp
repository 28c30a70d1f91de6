#pragma once

#include "cxml/document.hpp"
#include "cxml/write.hpp"
#include "gateway/http/http_types.hpp"
#include "gateway/http/logger.hpp"
#include "gateway/service/order_intake.hpp"
#include "gateway/service/refusal.hpp"

#include <string>
#include <string_view>

// cXML answers as HTTP responses (`text/xml; charset=UTF-8`). Which statuses they carry is
// decided by gateway/http/refusal_mapping.hpp; these only write and wrap.
namespace punchout::gateway {

/// A response document that did what was asked (ProfileResponse, PunchOutSetupResponse),
/// written in `cxml_version`, over HTTP 200; notes its cXML status in the access log.
Response cxml_response(unsigned version, bool keep_alive, const cxml::Document& doc,
                       std::string_view cxml_version, RequestInfo& info);

/// The answer to a refused request: a Response with only the Status the refusal maps to,
/// with the HTTP status the mapping gives (`mirror`: the HTTP status that says the same as
/// the cXML code, for a buyer whose system reads only HTTP). Logs as answer_refusal does,
/// and notes the cXML status in the access log.
Response cxml_refusal(unsigned version, bool keep_alive, const Refusal& refusal, RequestInfo& info,
                      Logger& logger, bool mirror = false);

/// An answer already written (an accepted order, or the first answer replayed), over
/// HTTP 200; notes its cXML status in the access log.
Response cxml_answer(unsigned version, bool keep_alive, const WrittenAnswer& answer,
                     RequestInfo& info);

/// The AnswerWriter of the service layer: a Response with only a success Status carrying
/// `message`, as stored with an accepted order.
WrittenAnswer write_accepted(std::string message);

/// The /cxml route's answer for errors found before a request exists (too large, too slow,
/// malformed HTTP, a handler that threw): a cXML Response with the Status the mapping gives,
/// over the transport's own HTTP status.
Response cxml_transport_error(unsigned version, http::status status, std::string_view message);

}  // namespace punchout::gateway
