#include "gateway/service/tokens.hpp"

#include <array>
#include <stdexcept>

#include <openssl/crypto.h>
#include <openssl/rand.h>

namespace punchout::gateway {
namespace {

template <std::size_t N>
std::array<unsigned char, N> random_bytes() {
    std::array<unsigned char, N> bytes{};
    if (RAND_bytes(bytes.data(), static_cast<int>(bytes.size())) != 1) {
        throw std::runtime_error("the system random generator failed");
    }
    return bytes;
}

constexpr char crockford[] = "0123456789ABCDEFGHJKMNPQRSTVWXYZ";

}  // namespace

std::string random_key() {
    static constexpr char alphabet[] =
        "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_";
    auto bytes = random_bytes<16>();
    std::string out;
    out.reserve(22);
    unsigned buffer = 0;
    int bits = 0;
    for (unsigned char b : bytes) {
        buffer = (buffer << 8) | b;
        bits += 8;
        while (bits >= 6) {
            bits -= 6;
            out += alphabet[(buffer >> bits) & 0x3F];
        }
    }
    if (bits > 0)
        out += alphabet[(buffer << (6 - bits)) & 0x3F];
    return out;
}

std::string line_token() {
    auto bytes = random_bytes<10>();  // 80 bits = 16 base32 characters
    std::string out = "L";
    unsigned buffer = 0;
    int bits = 0;
    for (unsigned char b : bytes) {
        buffer = (buffer << 8) | b;
        bits += 8;
        while (bits >= 5) {
            bits -= 5;
            out += crockford[(buffer >> bits) & 0x1F];
        }
    }
    return out;
}

bool looks_like_line_token(const std::string& text) noexcept {
    if (text.size() != 17 || text[0] != 'L')
        return false;
    for (std::size_t i = 1; i < text.size(); ++i) {
        const char c = text[i];
        bool ok = false;
        for (const char* p = crockford; *p; ++p)
            ok = ok || *p == c;
        if (!ok)
            return false;
    }
    return true;
}

bool constant_time_equals(const std::string& a, const std::string& b) noexcept {
    if (a.size() != b.size())
        return false;
    return CRYPTO_memcmp(a.data(), b.data(), a.size()) == 0;
}

}  // namespace punchout::gateway
