#pragma once

#include "cxml/document.hpp"

#include <string>
#include <string_view>

namespace punchout::cxml {

/// How to write a document.
struct WriteOptions {
    /// The cXML version for the DOCTYPE and the `version` attribute (chosen per buyer).
    std::string version = "1.2.071";
    /// A us-ascii document: every non-ASCII character as a numeric character reference
    /// (for the `cxml-urlencoded` cart transport).
    bool ascii = false;
    /// Two-space indentation; false writes everything on one line after the prolog.
    bool indent = true;
};

/// The cXML version the writer uses unless told otherwise.
inline constexpr std::string_view default_version = "1.2.071";

/// The DOCTYPE system identifier for `type` at `version`:
/// `http://xml.cxml.org/schemas/cXML/1.2.071/cXML.dtd`.
std::string dtd_url(DocumentType type, std::string_view version = default_version);

/// Writes `doc` as cXML: UTF-8 without BOM (or us-ascii), the DOCTYPE of its module at
/// `options.version`, children in the order the DTD requires, timestamps with a numeric
/// offset, amounts with a dot and at most four decimals (rounded half-up beyond that).
/// Writes straight into the string, no DOM. Throws std::invalid_argument for a version
/// that is not `digits.digits.digits` or for an `Unsupported` body, which cannot be
/// written.
std::string write(const Document& doc, const WriteOptions& options = {});

/// Appends the document to `out` (reuse one buffer for many documents).
void write_to(std::string& out, const Document& doc, const WriteOptions& options = {});

}  // namespace punchout::cxml
