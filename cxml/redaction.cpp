#include "cxml/redaction.hpp"

namespace punchout::cxml {

std::string redact_secrets(std::string_view document) {
    std::string out(document);
    for (std::size_t pos = 0;;) {
        pos = out.find("<SharedSecret", pos);
        if (pos == std::string::npos)
            break;
        const auto open_end = out.find('>', pos);
        const auto close = out.find("</SharedSecret>", pos);
        if (open_end == std::string::npos || close == std::string::npos || close < open_end)
            break;
        out.replace(open_end + 1, close - open_end - 1, "[redacted]");
        pos = open_end + 1;
    }
    return out;
}

}  // namespace punchout::cxml
