#pragma once

#include <string_view>

namespace punchout::gateway {

/// Version string reported by --version, /healthz and the cXML UserAgent.
std::string_view product_version() noexcept;

}  // namespace punchout::gateway
