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

/// How to render an auto-submitting form page.
struct FormPostOptions {
    /// The form's `target` (OCI `~TARGET`, or `_top` to leave the buyer's frame); none
    /// when empty.
    std::string target;
    /// Text of the visible submit button, used when scripts are off.
    std::string submit_label = "Return the cart to your procurement system";
    /// The page title.
    std::string title = "Returning your cart";
    /// A CSP nonce for the auto-submit script; none when empty.
    std::string script_nonce;
    /// False leaves out the auto-submit script (the user presses the button).
    bool auto_submit = true;
};

/// True for an absolute `http://` or `https://` URL with a host and no white space or
/// control characters: the only kind of form action these pages post to (a `javascript:`
/// action from a peer would run in our origin).
bool is_http_url(std::string_view url) noexcept;

/// An HTML page whose form posts `fields` to `action` and submits itself on load; the
/// visible button makes it work with scripts off. Every value is HTML-attribute-escaped.
/// Nothing when `action` is not an http(s) URL (see is_http_url).
std::optional<std::string> render_form_post(std::string_view action,
                                            const std::vector<FormField>& fields,
                                            const FormPostOptions& options = {});

/// Appends `s` escaped for a double-quoted HTML attribute value or for text.
void append_html_escaped(std::string& out, std::string_view s);

/// The fields of an `application/x-www-form-urlencoded` body (`+` and `%XX` decoded), in
/// order. Malformed escapes are kept as written.
std::vector<FormField> parse_form_urlencoded(std::string_view body);

}  // namespace punchout::cxml
