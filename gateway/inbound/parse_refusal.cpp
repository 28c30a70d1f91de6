#include "gateway/inbound/parse_refusal.hpp"

namespace punchout::gateway {

Refusal refusal_from(const cxml::ParseError& error) {
    using K = cxml::ParseErrorKind;
    // What is wrong and where: "... (line 3, column 7 (byte 41) at cXML/Header)".
    std::string message = error.message;
    if (const auto at = error.where.to_string(); !at.empty())
        message += " (" + at + ")";
    switch (error.kind) {
        case K::too_large:
        case K::too_deep:
            return Refusal::too_large(std::move(message));
        case K::not_well_formed:
        case K::unsafe_doctype:
            return Refusal::malformed(std::move(message));
        case K::unknown_element:
            // Inside a Response an unknown element makes the document no cXML answer at
            // all; inside a Request or Message it names a transaction we do not implement.
            if (error.where.path.rfind("cXML/Response", 0) == 0)
                return Refusal::invalid(std::move(message));
            return Refusal::unsupported(std::move(message));
        case K::unsupported_document:
            return Refusal::unsupported(std::move(message));
        case K::internal:
            return Refusal::internal(std::move(message));
        case K::not_cxml:
        case K::invalid_structure:
        case K::invalid_value:
            break;
    }
    return Refusal::invalid(std::move(message));
}

}  // namespace punchout::gateway
