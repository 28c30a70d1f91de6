#pragma once

#include <optional>
#include <string_view>

namespace punchout::catalog {

/// The cXML deploymentMode a session or order came with; documents about it go back in
/// the same mode.
enum class DeploymentMode { production, test };

/// "production", "test".
std::string_view to_string(DeploymentMode mode) noexcept;
std::optional<DeploymentMode> parse_deployment_mode(std::string_view text) noexcept;

}  // namespace punchout::catalog
