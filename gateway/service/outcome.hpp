#pragma once

#include "gateway/service/refusal.hpp"

#include <optional>
#include <stdexcept>
#include <utility>
#include <variant>

namespace punchout::gateway {

/// What a service function returns: its result, or a Refusal saying why not. Every
/// service function answers with one of these; only the transports turn a Refusal into a
/// status (gateway/http/refusal_mapping.hpp). Asking a refused outcome for its value is a
/// programming error and throws.
template <class T>
class [[nodiscard]] Outcome {
public:
    Outcome(T value) : state_(std::in_place_index<0>, std::move(value)) {}
    Outcome(Refusal refusal) : state_(std::in_place_index<1>, std::move(refusal)) {}

    bool ok() const noexcept { return state_.index() == 0; }
    explicit operator bool() const noexcept { return ok(); }

    T& value() & { return std::get<0>(checked()); }
    const T& value() const& { return std::get<0>(checked()); }
    T&& value() && { return std::get<0>(std::move(checked())); }
    T& operator*() & { return value(); }
    const T& operator*() const& { return value(); }
    T* operator->() { return &value(); }
    const T* operator->() const { return &value(); }

    /// The refusal; throws std::logic_error when the outcome holds a value.
    const Refusal& refusal() const {
        if (ok())
            throw std::logic_error("Outcome::refusal() called on a value");
        return std::get<1>(state_);
    }

private:
    std::variant<T, Refusal>& checked() {
        if (!ok())
            throw std::logic_error("Outcome::value() on a refusal: " + std::get<1>(state_).message);
        return state_;
    }
    const std::variant<T, Refusal>& checked() const {
        if (!ok())
            throw std::logic_error("Outcome::value() on a refusal: " + std::get<1>(state_).message);
        return state_;
    }

    std::variant<T, Refusal> state_;
};

/// Done, or refused: for service functions with nothing to return.
template <>
class [[nodiscard]] Outcome<void> {
public:
    Outcome() = default;
    Outcome(Refusal refusal) : refusal_(std::move(refusal)) {}

    bool ok() const noexcept { return !refusal_; }
    explicit operator bool() const noexcept { return ok(); }

    const Refusal& refusal() const {
        if (!refusal_)
            throw std::logic_error("Outcome<void>::refusal() called on success");
        return *refusal_;
    }

private:
    std::optional<Refusal> refusal_;
};

}  // namespace punchout::gateway
