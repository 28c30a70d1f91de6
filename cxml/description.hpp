#pragma once

#include <string>

namespace punchout::cxml {

/// A cXML `Description`: text in a language, with an optional `ShortName`.
struct Description {
    std::string text;        ///< the text outside ShortName, trimmed
    std::string short_name;  ///< `ShortName`, empty when absent
    std::string lang;        ///< `xml:lang` (the writer uses `en` when empty; the DTD needs one)
    std::string type;        ///< `type`, empty when absent

    bool operator==(const Description&) const = default;
};

}  // namespace punchout::cxml
