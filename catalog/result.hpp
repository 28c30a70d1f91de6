#pragma once

#include "catalog/error.hpp"
#include "catalog/expected.hpp"

namespace punchout::catalog {

/// Either a value or an `Error`. Expected failures (not found, constraint, busy) travel as
/// values; asking a failed result for its value is a programming error and throws.
template <class T>
class [[nodiscard]] Result : public Expected<T, Error> {
public:
    using Expected<T, Error>::Expected;

    /// The error; throws std::logic_error when the result holds a value.
    const Error& error() const { return this->failure("Result::error()"); }
};

}  // namespace punchout::catalog
