// Fuzz target for the readers of PUT and DELETE /api/v1/prices bodies
// (gateway/inbound/api_price_body.hpp). Built with libFuzzer or with fuzz_driver.cpp.
//
// Beyond "no crash, no sanitizer report, no exception": every refusal has a message and
// names its field (or says the body is no JSON, or no object); every accepted row has the
// fields the route requires; each reader answers the same input the same way.
#include "gateway/inbound/api_price_body.hpp"
#include "tests/fuzz/api_body_checks.hpp"

#include <cstddef>
#include <cstdint>
#include <string_view>

namespace {

using namespace punchout;

constexpr const char* target = "fuzz_api_price_body";

void check(bool condition, const char* what) {
    fuzz::check(condition, target, what);
}

template <typename T>
std::string refusal(const std::variant<T, gateway::ApiBodyError>& r) {
    return fuzz::refusal(r, target);
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
    const std::string_view body(reinterpret_cast<const char*>(data), size);
    const auto put = gateway::read_price_body(body);
    if (const auto* rows = std::get_if<std::vector<catalog::PriceUpdate>>(&put)) {
        for (const auto& r : *rows)
            check(!r.price.empty() || body.find("\"price\"") != std::string_view::npos,
                  "a price row without a price field");
    }
    check(refusal(put) == refusal(gateway::read_price_body(body)), "put: not stable");
    const auto del = gateway::read_price_keys_body(body);
    check(refusal(del) == refusal(gateway::read_price_keys_body(body)), "delete: not stable");
    return 0;
}
