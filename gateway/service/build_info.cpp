#include "gateway/service/build_info.hpp"

namespace punchout::gateway {

std::string_view product_version() noexcept {
    return "punchout-gateway 0.1.0";
}

}  // namespace punchout::gateway
