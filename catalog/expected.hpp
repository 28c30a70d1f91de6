#pragma once

#include <optional>
#include <stdexcept>
#include <string>
#include <utility>
#include <variant>

namespace punchout::catalog {

/// A value, or the failure `E` that stands for it: the one shape of `catalog::Result`
/// (failure `Error`) and `gateway::Outcome` (failure `Refusal`), which name their failure
/// accessor after what it holds. `E` has a `message`. Asking a failure for its value is a
/// programming error and throws std::logic_error. (std::expected is C++23.)
template <class T, class E>
class [[nodiscard]] Expected {
public:
    Expected(T value) : state_(std::in_place_index<0>, std::move(value)) {}
    Expected(E failure) : state_(std::in_place_index<1>, std::move(failure)) {}

    /// True when it holds a value.
    bool ok() const noexcept { return state_.index() == 0; }
    explicit operator bool() const noexcept { return ok(); }

    /// The value; throws std::logic_error when it holds a failure.
    T& value() & { return std::get<0>(checked()); }
    const T& value() const& { return std::get<0>(checked()); }
    T&& value() && { return std::get<0>(std::move(checked())); }
    T& operator*() & { return value(); }
    const T& operator*() const& { return value(); }
    T* operator->() { return &value(); }
    const T* operator->() const { return &value(); }

protected:
    /// The failure; throws std::logic_error naming `accessor` when it holds a value.
    const E& failure(const char* accessor) const {
        if (ok())
            throw std::logic_error(std::string(accessor) + " called on a value");
        return std::get<1>(state_);
    }

private:
    std::variant<T, E>& checked() {
        if (!ok())
            throw std::logic_error("value() called on a failure: " + std::get<1>(state_).message);
        return state_;
    }
    const std::variant<T, E>& checked() const {
        if (!ok())
            throw std::logic_error("value() called on a failure: " + std::get<1>(state_).message);
        return state_;
    }

    std::variant<T, E> state_;
};

/// Success, or a failure: for operations that return nothing.
template <class E>
class [[nodiscard]] Expected<void, E> {
public:
    Expected() = default;
    Expected(E failure) : failure_(std::move(failure)) {}

    bool ok() const noexcept { return !failure_; }
    explicit operator bool() const noexcept { return ok(); }

protected:
    const E& failure(const char* accessor) const {
        if (!failure_)
            throw std::logic_error(std::string(accessor) + " called on success");
        return *failure_;
    }

private:
    std::optional<E> failure_;
};

}  // namespace punchout::catalog
