#pragma once

#include "cxml/parse_error.hpp"
#include "gateway/service/refusal.hpp"

namespace punchout::gateway {

/// A document the cXML reader refused, as a refusal: not well-formed or an unsafe DOCTYPE
/// is malformed, too large or too deep too_large, an element no DTD defines in a Request or
/// Message (or a document without an envelope) unsupported, the reader's own failure
/// internal, anything else invalid. The message says what and where (line, column, path).
Refusal refusal_from(const cxml::ParseError& error);

}  // namespace punchout::gateway
