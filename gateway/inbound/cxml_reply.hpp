#pragma once

#include <string>
#include <string_view>

#include "cxml/document.hpp"
#include "cxml/write.hpp"
#include "gateway/http/http_types.hpp"

namespace punchout::gateway {

/// The HTTP status a cXML answer travels with. cXML-level outcomes (including 4xx
/// Statuses such as 401 or 406) go with HTTP 200, as SAP Ariba and the other networks
/// expect: a non-200 HTTP status tells them the transport failed and makes them retry.
/// The exceptions are transport-level: 413 (too large), 500 (our failure: retry later) and
/// 503 for 560 (temporarily unavailable).
http::status http_status_for(unsigned cxml_code) noexcept;

/// Writes `doc` and wraps it as `text/xml; charset=UTF-8` with the matching HTTP status.
Response cxml_response(unsigned version, bool keep_alive, const cxml::Document& doc,
                       std::string_view cxml_version = cxml::default_version);

/// A Response document with only a Status (`code`, standard text, `message`), answered.
Response cxml_status_response(unsigned version, bool keep_alive, unsigned code,
                              std::string message);

/// An already written cXML text (a stored answer replayed), with its HTTP status.
Response cxml_text_response(unsigned version, bool keep_alive, unsigned cxml_code,
                            std::string body);

}  // namespace punchout::gateway
