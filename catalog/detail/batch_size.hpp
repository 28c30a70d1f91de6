#pragma once

// The size rule every API write batch shares: at least one row, at most the batch's maximum,
// with the same words for each (the API answers them as a problem document).
#include "catalog/error.hpp"

#include <cstddef>
#include <optional>
#include <string>
#include <string_view>
#include <utility>

namespace punchout::catalog::detail {

/// An Errc::invalid error when `rows` is 0 or past `max`; `hint` (may be empty) is appended
/// in parentheses to the second, e.g. where larger sets go instead.
inline std::optional<Error> batch_size_error(std::size_t rows, std::size_t max,
                                             std::string_view hint = {}) {
    if (rows == 0)
        return Error{Errc::invalid, "the batch has no rows"};
    if (rows <= max)
        return std::nullopt;
    std::string message = "the batch has " + std::to_string(rows) + " rows; at most " +
                          std::to_string(max) + " go in one batch";
    if (!hint.empty())
        message.append(" (").append(hint).append(")");
    return Error{Errc::invalid, std::move(message)};
}

}  // namespace punchout::catalog::detail
