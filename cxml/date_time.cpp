#include "cxml/date_time.hpp"

namespace punchout::cxml {

DateTime DateTime::parse(std::string_view text) {
    DateTime d;
    d.time = Timestamp::parse(text);
    d.text = std::string(text);
    return d;
}

std::string DateTime::to_string() const {
    return time ? time->format() : text;
}

}  // namespace punchout::cxml
