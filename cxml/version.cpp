#include "cxml/version.hpp"

namespace punchout::cxml {

std::string_view default_version() noexcept { return "1.2.071"; }

}  // namespace punchout::cxml
