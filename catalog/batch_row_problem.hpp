#pragma once

#include <cstddef>
#include <string>

namespace punchout::catalog {

/// A row of an integration API batch that cannot be applied: its position (0-based), the
/// field, and the same message the file import of the same data gives.
struct BatchRowProblem {
    std::size_t index = 0;
    std::string field;
    std::string message;
};

}  // namespace punchout::catalog
