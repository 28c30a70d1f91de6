#include "catalog/error.hpp"

namespace punchout::catalog {

std::string_view to_string(Errc code) noexcept {
    switch (code) {
        case Errc::not_found:
            return "not_found";
        case Errc::invalid:
            return "invalid";
        case Errc::constraint:
            return "constraint";
        case Errc::busy:
            return "busy";
        case Errc::storage:
            return "storage";
        case Errc::in_progress:
            return "in_progress";
    }
    return "unknown";
}

}  // namespace punchout::catalog
