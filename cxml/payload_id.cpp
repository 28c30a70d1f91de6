#include "cxml/payload_id.hpp"

#include <chrono>
#include <stdexcept>
#include <unistd.h>

#include <openssl/rand.h>

namespace punchout::cxml {

namespace {

// Host names go into an XML attribute and an email-like id: keep a conservative set.
std::string clean_host(std::string_view host) {
    std::string out;
    for (char c : host) {
        const bool ok = (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') ||
                        (c >= '0' && c <= '9') || c == '.' || c == '-' || c == '_';
        if (ok)
            out.push_back(c);
    }
    return out.empty() ? std::string("localhost") : out;
}

}  // namespace

std::string make_payload_id(std::string_view host) {
    unsigned char random[8];
    if (RAND_bytes(random, sizeof random) != 1) {
        throw std::runtime_error("RAND_bytes failed: no randomness for a payloadID");
    }
    std::string name;
    if (host.empty()) {
        char buf[256] = {};
        if (::gethostname(buf, sizeof buf - 1) == 0)
            name = clean_host(buf);
        else
            name = "localhost";
    } else {
        name = clean_host(host);
    }
    const auto millis = std::chrono::duration_cast<std::chrono::milliseconds>(
                            std::chrono::system_clock::now().time_since_epoch())
                            .count();
    static constexpr char hex[] = "0123456789abcdef";
    std::string id = std::to_string(millis);
    id.push_back('.');
    id += std::to_string(static_cast<long long>(::getpid()));
    id.push_back('.');
    for (unsigned char b : random) {
        id.push_back(hex[b >> 4]);
        id.push_back(hex[b & 15]);
    }
    id.push_back('@');
    id += name;
    return id;
}

}  // namespace punchout::cxml
