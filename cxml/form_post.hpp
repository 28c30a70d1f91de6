#pragma once

#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace punchout::cxml {

/// One HTML form field: its name and its value, both unescaped.
struct FormField {
    std::string name;
    std::string value;

    bool operator==(const FormField&) const = default;
};

/// True for an absolute `http://` or `https://` URL with a host and no white space or
/// control characters: the only kind of form action these pages post to (a `javascript:`
/// action from a peer would run in our origin).
bool is_http_url(std::string_view url) noexcept;

/// The fields of an `application/x-www-form-urlencoded` body (`+` and `%XX` decoded), in
/// order. Malformed escapes are kept as written.
std::vector<FormField> parse_form_urlencoded(std::string_view body);

}  // namespace punchout::cxml
