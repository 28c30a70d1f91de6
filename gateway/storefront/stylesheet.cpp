#include "gateway/storefront/stylesheet.hpp"

#include <cstdint>
#include <string>

namespace punchout::gateway::storefront {
namespace detail {
extern const std::string_view stylesheet_text;
}  // namespace detail

namespace {

std::string hash_hex(std::string_view text) {
    // FNV-1a: a cache key, not a security measure.
    std::uint64_t h = 0xcbf29ce484222325ull;
    for (const char c : text) {
        h ^= static_cast<unsigned char>(c);
        h *= 0x100000001b3ull;
    }
    static constexpr char hex[] = "0123456789abcdef";
    std::string out(12, '0');
    for (auto& c : out) {
        c = hex[h & 0xF];
        h >>= 4;
    }
    return out;
}

}  // namespace

std::string_view stylesheet() noexcept {
    return detail::stylesheet_text;
}

std::string_view stylesheet_version() noexcept {
    static const std::string version = hash_hex(detail::stylesheet_text);
    return version;
}

std::string_view stylesheet_path() noexcept {
    static const std::string path = "/static/storefront.css?v=" + std::string(stylesheet_version());
    return path;
}

}  // namespace punchout::gateway::storefront
