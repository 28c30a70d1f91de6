#include "catalog/detail/secret_hash.hpp"

#include <array>
#include <stdexcept>
#include <vector>

#include <openssl/crypto.h>
#include <openssl/evp.h>
#include <openssl/rand.h>
#include <openssl/sha.h>

namespace punchout::catalog::detail {
namespace {

constexpr std::size_t salt_size = 16;

std::string to_hex(const unsigned char* data, std::size_t n) {
    static constexpr char digits[] = "0123456789abcdef";
    std::string out;
    out.reserve(n * 2);
    for (std::size_t i = 0; i < n; ++i) {
        out.push_back(digits[data[i] >> 4]);
        out.push_back(digits[data[i] & 15]);
    }
    return out;
}

bool from_hex(std::string_view hex, std::vector<unsigned char>& out) {
    if (hex.size() % 2)
        return false;
    out.clear();
    auto value = [](char c) -> int {
        if (c >= '0' && c <= '9')
            return c - '0';
        if (c >= 'a' && c <= 'f')
            return c - 'a' + 10;
        return -1;
    };
    for (std::size_t i = 0; i < hex.size(); i += 2) {
        const int hi = value(hex[i]), lo = value(hex[i + 1]);
        if (hi < 0 || lo < 0)
            return false;
        out.push_back(static_cast<unsigned char>(hi * 16 + lo));
    }
    return true;
}

std::array<unsigned char, salt_size> fresh_salt() {
    std::array<unsigned char, salt_size> salt{};
    if (RAND_bytes(salt.data(), static_cast<int>(salt.size())) != 1) {
        throw std::runtime_error("the system random generator failed");
    }
    return salt;
}

std::array<unsigned char, SHA256_DIGEST_LENGTH> sha256(const std::vector<unsigned char>& salt,
                                                       std::string_view secret) {
    std::array<unsigned char, SHA256_DIGEST_LENGTH> digest{};
    EVP_MD_CTX* ctx = EVP_MD_CTX_new();
    unsigned int len = 0;
    const bool ok = ctx && EVP_DigestInit_ex(ctx, EVP_sha256(), nullptr) == 1 &&
                    EVP_DigestUpdate(ctx, salt.data(), salt.size()) == 1 &&
                    EVP_DigestUpdate(ctx, secret.data(), secret.size()) == 1 &&
                    EVP_DigestFinal_ex(ctx, digest.data(), &len) == 1;
    EVP_MD_CTX_free(ctx);
    if (!ok)
        throw std::runtime_error("SHA-256 failed");
    return digest;
}

bool pbkdf2(std::string_view password, const std::vector<unsigned char>& salt, unsigned iterations,
            unsigned char* out, std::size_t out_len) {
    return PKCS5_PBKDF2_HMAC(password.data(), static_cast<int>(password.size()), salt.data(),
                             static_cast<int>(salt.size()), static_cast<int>(iterations),
                             EVP_sha256(), static_cast<int>(out_len), out) == 1;
}

// Splits "a$b$c" into its parts.
std::vector<std::string_view> split(std::string_view text) {
    std::vector<std::string_view> parts;
    std::size_t start = 0;
    for (;;) {
        const std::size_t d = text.find('$', start);
        parts.push_back(text.substr(start, d - start));
        if (d == std::string_view::npos)
            return parts;
        start = d + 1;
    }
}

}  // namespace

std::string random_hex(std::size_t bytes) {
    std::vector<unsigned char> data(bytes);
    if (RAND_bytes(data.data(), static_cast<int>(data.size())) != 1)
        throw std::runtime_error("the system random generator failed");
    return to_hex(data.data(), data.size());
}

std::string hash_secret(std::string_view secret) {
    const auto salt = fresh_salt();
    const std::vector<unsigned char> salt_bytes(salt.begin(), salt.end());
    const auto digest = sha256(salt_bytes, secret);
    return "sha256$" + to_hex(salt.data(), salt.size()) + "$" +
           to_hex(digest.data(), digest.size());
}

std::string hash_password(std::string_view password, unsigned iterations) {
    const auto salt = fresh_salt();
    const std::vector<unsigned char> salt_bytes(salt.begin(), salt.end());
    std::array<unsigned char, SHA256_DIGEST_LENGTH> key{};
    if (!pbkdf2(password, salt_bytes, iterations, key.data(), key.size())) {
        throw std::runtime_error("PBKDF2 failed");
    }
    return "pbkdf2-sha256$" + std::to_string(iterations) + "$" + to_hex(salt.data(), salt.size()) +
           "$" + to_hex(key.data(), key.size());
}

bool verify_hashed(std::string_view stored, std::string_view candidate) noexcept {
    try {
        const auto parts = split(stored);
        std::vector<unsigned char> salt, expected;
        if (parts.size() == 3 && parts[0] == "sha256") {
            if (!from_hex(parts[1], salt) || !from_hex(parts[2], expected) ||
                expected.size() != SHA256_DIGEST_LENGTH) {
                return false;
            }
            const auto actual = sha256(salt, candidate);
            return CRYPTO_memcmp(actual.data(), expected.data(), actual.size()) == 0;
        }
        if (parts.size() == 4 && parts[0] == "pbkdf2-sha256") {
            const std::string iter(parts[1]);
            if (iter.empty() || iter.size() > 8 ||
                iter.find_first_not_of("0123456789") != std::string::npos ||
                !from_hex(parts[2], salt) || !from_hex(parts[3], expected) || expected.empty()) {
                return false;
            }
            std::vector<unsigned char> actual(expected.size());
            if (!pbkdf2(candidate, salt, static_cast<unsigned>(std::stoul(iter)), actual.data(),
                        actual.size())) {
                return false;
            }
            return CRYPTO_memcmp(actual.data(), expected.data(), actual.size()) == 0;
        }
        return false;
    } catch (...) {
        return false;
    }
}

}  // namespace punchout::catalog::detail
