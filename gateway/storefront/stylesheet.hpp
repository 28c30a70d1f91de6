#pragma once

#include <string_view>

namespace punchout::gateway::storefront {

/// The storefront's stylesheet (storefront.css, compiled in at build time).
std::string_view stylesheet() noexcept;

/// A short hash of the stylesheet: its URL carries it (`/static/storefront.css?v=...`) so
/// browsers may cache it for long, and a new build is fetched at once. Also its ETag.
std::string_view stylesheet_version() noexcept;

/// The path pages link the stylesheet with.
std::string_view stylesheet_path() noexcept;

}  // namespace punchout::gateway::storefront
