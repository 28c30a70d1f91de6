#pragma once

#include <string>
#include <vector>

namespace punchout::cxml {

/// A cXML `Comments`: free text, optionally with attachments (by URL, usually `cid:`).
struct Comments {
    std::string text;                          ///< the text outside Attachment, trimmed
    std::string lang;                          ///< `xml:lang`, empty when absent
    std::string type;                          ///< `type`, empty when absent
    std::vector<std::string> attachment_urls;  ///< `Attachment/URL` in order

    bool operator==(const Comments&) const = default;
};

}  // namespace punchout::cxml
