#include "cxml/digest.hpp"

#include "cxml/write.hpp"

#include <array>
#include <stdexcept>

#include <openssl/evp.h>

namespace punchout::cxml {

std::string sha256_hex(std::string_view bytes) {
    std::array<unsigned char, EVP_MAX_MD_SIZE> md{};
    unsigned int size = 0;
    if (EVP_Digest(bytes.data(), bytes.size(), md.data(), &size, EVP_sha256(), nullptr) != 1)
        throw std::runtime_error("SHA-256 failed");
    static constexpr char hex[] = "0123456789abcdef";
    std::string out;
    out.reserve(size * 2);
    for (unsigned int i = 0; i < size; ++i) {
        out += hex[md[i] >> 4];
        out += hex[md[i] & 0x0F];
    }
    return out;
}

std::string request_fingerprint(const Document& doc) {
    Document body;
    body.body = doc.body;
    return sha256_hex(write(body));
}

}  // namespace punchout::cxml
