#pragma once

#include <string_view>

namespace punchout::cxml {

/// The cXML version we write unless a buyer asks for another (DTD 1.2.071).
std::string_view default_version() noexcept;

}  // namespace punchout::cxml
