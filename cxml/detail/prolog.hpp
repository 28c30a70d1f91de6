#pragma once

#include <cstddef>
#include <string>
#include <string_view>

// Reads the XML prolog (declaration, comments, PIs, DOCTYPE) before handing the document to
// pugixml, which skips DOCTYPEs without looking: the safety checks on the DOCTYPE are ours.
namespace punchout::cxml::detail {

struct Prolog {
    std::string encoding;  ///< from the XML declaration, empty when not declared
    bool has_doctype = false;
    std::string doctype_name;        ///< `cXML`, `Index`, ...
    std::string system_id;           ///< the SYSTEM literal
    bool internal_subset = false;    ///< `[ ... ]` present
    std::size_t doctype_offset = 0;  ///< offset of `<!DOCTYPE` in the scanned text
    std::size_t end = 0;             ///< offset just past the prolog

    /// Set when the DOCTYPE must be refused: what is wrong and where.
    std::string unsafe;
    std::size_t unsafe_offset = 0;
    /// Set when the prolog is not well-formed (unterminated comment, DOCTYPE, ...).
    std::string malformed;
    std::size_t malformed_offset = 0;
};

/// Scans `text` (no BOM) up to the root element.
Prolog scan_prolog(std::string_view text);

/// The version and module named by a cXML DTD system identifier
/// (`http://xml.cxml.org/schemas/cXML/1.2.036/cXML.dtd` -> "1.2.036", "cXML.dtd").
void split_system_id(std::string_view system_id, std::string& version, std::string& module);

/// Finds the first entity reference other than the five predefined ones and character
/// references, outside comments, CDATA sections and processing instructions, at or after
/// `from`. Returns npos when there is none; `name` receives the reference as written.
std::size_t find_undeclared_entity(std::string_view text, std::size_t from, std::string& name);

}  // namespace punchout::cxml::detail
