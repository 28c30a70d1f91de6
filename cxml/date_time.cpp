#include "cxml/date_time.hpp"

namespace punchout::cxml {

DateTime DateTime::parse(std::string_view text) {
    DateTime d;
    d.time = Timestamp::parse(text);
    // The text matters only when it is not a date: a parsed one is written from the instant.
    if (!d.time)
        d.text = std::string(text);
    return d;
}

std::string DateTime::to_string() const {
    return time ? time->format() : text;
}

}  // namespace punchout::cxml
