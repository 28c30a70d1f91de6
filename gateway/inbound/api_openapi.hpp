#pragma once

#include <string_view>

namespace punchout::gateway {

/// The integration API described as OpenAPI 3.1 (served at /api/v1/openapi.json).
std::string_view api_openapi_document() noexcept;

}  // namespace punchout::gateway
