#pragma once

#include "catalog/error.hpp"

#include <optional>
#include <stdexcept>
#include <utility>
#include <variant>

namespace punchout::catalog {

/// Either a value or an `Error`. Expected failures (not found, constraint, busy) travel as
/// values; asking a failed result for its value is a programming error and throws.
template <class T>
class [[nodiscard]] Result {
public:
    Result(T value) : state_(std::in_place_index<0>, std::move(value)) {}
    Result(Error error) : state_(std::in_place_index<1>, std::move(error)) {}

    /// True when the result holds a value.
    bool ok() const noexcept { return state_.index() == 0; }
    explicit operator bool() const noexcept { return ok(); }

    /// The value; throws std::logic_error when the result holds an error.
    T& value() & { return std::get<0>(checked()); }
    const T& value() const& { return std::get<0>(checked()); }
    T&& value() && { return std::get<0>(std::move(checked())); }
    T& operator*() & { return value(); }
    const T& operator*() const& { return value(); }
    T* operator->() { return &value(); }
    const T* operator->() const { return &value(); }

    /// The error; throws std::logic_error when the result holds a value.
    const Error& error() const {
        if (ok())
            throw std::logic_error("Result::error() called on a value");
        return std::get<1>(state_);
    }

private:
    std::variant<T, Error>& checked() {
        if (!ok())
            throw std::logic_error("Result::value() on an error: " + error().message);
        return state_;
    }
    const std::variant<T, Error>& checked() const {
        if (!ok())
            throw std::logic_error("Result::value() on an error: " + error().message);
        return state_;
    }

    std::variant<T, Error> state_;
};

/// Success or an `Error`, for operations that return nothing.
template <>
class [[nodiscard]] Result<void> {
public:
    Result() = default;
    Result(Error error) : error_(std::move(error)) {}

    bool ok() const noexcept { return !error_; }
    explicit operator bool() const noexcept { return ok(); }

    /// The error; throws std::logic_error on success.
    const Error& error() const {
        if (!error_)
            throw std::logic_error("Result<void>::error() called on success");
        return *error_;
    }

private:
    std::optional<Error> error_;
};

}  // namespace punchout::catalog
