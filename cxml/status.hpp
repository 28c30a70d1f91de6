#pragma once

#include <string>
#include <string_view>

namespace punchout::cxml {

/// A cXML `Status`: an HTTP-like code, its short text, and an optional explanation.
struct Status {
    unsigned code = 200;      ///< `code`
    std::string text = "OK";  ///< `text` ("OK", "Bad Request", ...)
    std::string message;      ///< the element's text: a human explanation
    std::string lang;         ///< `xml:lang`, empty when absent

    /// 2xx: the only codes with which a Response may carry a response element.
    bool is_success() const noexcept { return code >= 200 && code < 300; }

    bool operator==(const Status&) const = default;
};

/// The standard short text for a cXML status code ("OK", "Not Implemented", ...).
std::string_view status_text(unsigned code) noexcept;

/// A Status with the standard text for `code` and `message` as its body.
Status make_status(unsigned code, std::string message = {});

}  // namespace punchout::cxml
