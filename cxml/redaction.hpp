#pragma once

#include <string>
#include <string_view>

namespace punchout::cxml {

/// `document` with the text of every SharedSecret replaced by "[redacted]", for logs and
/// for showing stored documents to people. The document need not be well-formed.
std::string redact_secrets(std::string_view document);

}  // namespace punchout::cxml
