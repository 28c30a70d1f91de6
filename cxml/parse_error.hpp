#pragma once

#include "cxml/status.hpp"

#include <cstddef>
#include <string>
#include <string_view>

namespace punchout::cxml {

/// Where in the input something was found.
struct Location {
    std::string path;        ///< element path from the root: `cXML/Request/OrderRequest/ItemOut[3]`
    std::size_t line = 0;    ///< 1-based line; 0 when unknown
    std::size_t column = 0;  ///< 1-based column in bytes; 0 when unknown
    std::size_t offset = 0;  ///< byte offset from the start of the input (BOM included)

    /// `line 12, column 5 (byte 301) at cXML/Header/From`, leaving out unknown parts.
    std::string to_string() const;

    bool operator==(const Location&) const = default;
};

/// Why a document was refused.
enum class ParseErrorKind {
    too_large,             ///< more bytes than ParseOptions::max_bytes (413)
    too_deep,              ///< nested deeper than ParseOptions::max_depth (413)
    not_well_formed,       ///< not XML, not UTF-8, or an undeclared entity (406)
    unsafe_doctype,        ///< a DOCTYPE internal subset declaring entities (406)
    not_cxml,              ///< the root element is not cXML (400)
    invalid_structure,     ///< a required part is missing or misplaced (400)
    invalid_value,         ///< a value that must be a number, enum or date is not (400)
    unknown_element,       ///< a body element no cXML DTD defines (450 in Request/Message)
    unsupported_document,  ///< a cXML-family document without an envelope (Index) (450)
    internal,              ///< the reader ran out of memory or failed itself (500)
};

/// A short name for the kind ("too_large", "not_well_formed", ...).
std::string_view to_string(ParseErrorKind kind) noexcept;

/// A refused document: what is wrong, where, and the cXML status to answer with.
struct ParseError {
    ParseErrorKind kind = ParseErrorKind::internal;
    unsigned status = 500;  ///< the cXML Status code to answer with (406, 400, 450, 413)
    std::string message;    ///< a human explanation, naming the element or value
    std::string element;    ///< the element at fault (e.g. the unknown request element)
    Location where;

    /// A Status with `status`, its standard text and "message (where)" as the body.
    Status to_status() const;

    bool operator==(const ParseError&) const = default;
};

/// Something a document does that the DTD does not allow, read anyway.
struct Deviation {
    std::string message;
    Location where;

    bool operator==(const Deviation&) const = default;
};

}  // namespace punchout::cxml
