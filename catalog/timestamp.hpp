#pragma once

#include "catalog/result.hpp"

#include <chrono>
#include <cstdint>
#include <string>
#include <string_view>

namespace punchout::catalog {

/// A point in time to the second, UTC. The database stores it as INTEGER unix seconds.
using Timestamp = std::chrono::sys_seconds;

/// Unix seconds <-> Timestamp.
constexpr std::int64_t to_unix(Timestamp t) noexcept {
    return t.time_since_epoch().count();
}
constexpr Timestamp from_unix(std::int64_t seconds) noexcept {
    return Timestamp(std::chrono::seconds(seconds));
}

/// The current time, to the second.
Timestamp now() noexcept;

/// Parses ISO 8601 as admins and files write it: "2025-03-01" (midnight UTC),
/// "2025-03-01T10:14", "2025-03-01T10:14:05" (UTC), either with "Z" or an offset such as
/// "+02:00", and with a space instead of the "T". Anything else is Errc::invalid.
Result<Timestamp> parse_timestamp(std::string_view text);

/// "2025-03-01T10:14:05Z".
std::string format_timestamp(Timestamp t);

}  // namespace punchout::catalog
