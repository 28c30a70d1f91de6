#pragma once

// What every fuzz target of an integration API body reader checks of a refusal: it has a
// message and names its field (or says the body is no JSON, or no object).
#include "gateway/inbound/api_body_fields.hpp"

#include <cstdio>
#include <cstdlib>
#include <string>
#include <variant>

namespace punchout::fuzz {

inline void check(bool condition, const char* target, const char* what) {
    if (!condition) {
        std::fprintf(stderr, "%s: %s\n", target, what);
        std::abort();
    }
}

/// The refusal of `read`, checked, as one text to compare two reads by; "" when accepted.
template <typename T>
std::string refusal(const std::variant<T, gateway::ApiBodyError>& read, const char* target) {
    const auto* e = std::get_if<gateway::ApiBodyError>(&read);
    if (!e)
        return "";
    check(!e->message.empty(), target, "a refusal without a message");
    check(e->malformed || !e->field.empty() || e->message.find("object") != std::string::npos,
          target, "a refusal that names no field");
    return (e->malformed ? "!" : "") + e->field + ": " + e->message;
}

}  // namespace punchout::fuzz
