#pragma once

// JSON string literals for everything that writes JSON by hand: the catalog's attribute
// column, the gateway's log lines, punchoutctl --json and the bench and replay tools. Here
// because catalog is the one library all of them link; the escaping knows nothing of it.
#include <string>
#include <string_view>

namespace punchout::catalog {

/// Appends `text` as a JSON string literal (with quotes) to `out`. Bytes from 0x20 up are
/// copied as they are, so UTF-8 stays UTF-8.
void append_json_string(std::string& out, std::string_view text);

/// `text` as a JSON string literal, quotes included.
std::string json_string(std::string_view text);

}  // namespace punchout::catalog
