#include "gateway/service/refusal.hpp"

namespace punchout::gateway {

std::string_view to_string(RefusalKind kind) noexcept {
    switch (kind) {
        case RefusalKind::invalid:
            return "invalid";
        case RefusalKind::unauthenticated:
            return "unauthenticated";
        case RefusalKind::malformed:
            return "malformed";
        case RefusalKind::not_permitted:
            return "not_permitted";
        case RefusalKind::conflict:
            return "conflict";
        case RefusalKind::too_large:
            return "too_large";
        case RefusalKind::wrong_media_type:
            return "wrong_media_type";
        case RefusalKind::unsupported:
            return "unsupported";
        case RefusalKind::busy:
            return "busy";
        case RefusalKind::internal:
            return "internal";
    }
    return "internal";
}

bool is_retryable(RefusalKind kind) noexcept {
    return kind == RefusalKind::busy || kind == RefusalKind::internal;
}

Refusal Refusal::invalid(std::string message, std::vector<Problem> problems) {
    return Refusal{RefusalKind::invalid, std::move(message), std::move(problems)};
}
Refusal Refusal::unauthenticated(std::string message) {
    return Refusal{RefusalKind::unauthenticated, std::move(message), {}};
}
Refusal Refusal::malformed(std::string message) {
    return Refusal{RefusalKind::malformed, std::move(message), {}};
}
Refusal Refusal::not_permitted(std::string message) {
    return Refusal{RefusalKind::not_permitted, std::move(message), {}};
}
Refusal Refusal::conflict(std::string message) {
    return Refusal{RefusalKind::conflict, std::move(message), {}};
}
Refusal Refusal::too_large(std::string message) {
    return Refusal{RefusalKind::too_large, std::move(message), {}};
}
Refusal Refusal::wrong_media_type(std::string message) {
    return Refusal{RefusalKind::wrong_media_type, std::move(message), {}};
}
Refusal Refusal::unsupported(std::string message) {
    return Refusal{RefusalKind::unsupported, std::move(message), {}};
}
Refusal Refusal::busy(std::string message) {
    return Refusal{RefusalKind::busy, std::move(message), {}};
}
Refusal Refusal::internal(std::string message) {
    return Refusal{RefusalKind::internal, std::move(message), {}};
}

std::string Refusal::text() const {
    std::string out = message;
    for (const auto& p : problems) {
        out += '\n';
        out += p.message;
    }
    return out;
}

Refusal refusal_from(const catalog::Error& error, std::string_view doing) {
    std::string message(doing);
    if (error.code == catalog::Errc::busy) {
        // The write lock is held (a large import) or the pool is exhausted: it passes.
        return Refusal::busy(message + ": the store is busy; please try again shortly.");
    }
    return Refusal::internal(message + ": " + error.message);
}

}  // namespace punchout::gateway
