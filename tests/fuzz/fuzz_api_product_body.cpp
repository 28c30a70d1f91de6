// Fuzz target for the reader of PUT /api/v1/products bodies
// (gateway/inbound/api_product_body.hpp). Built with libFuzzer or with fuzz_driver.cpp.
//
// Beyond "no crash, no sanitizer report, no exception": every refusal has a message and
// names its field (or says the body is no JSON, or no object); every accepted row names
// only product fields, each once; the reader answers the same input the same way.
#include "gateway/inbound/api_product_body.hpp"
#include "tests/fuzz/api_body_checks.hpp"

#include <algorithm>
#include <cstddef>
#include <cstdint>
#include <set>
#include <string_view>

namespace {

using namespace punchout;

constexpr const char* target = "fuzz_api_product_body";

void check(bool condition, const char* what) {
    fuzz::check(condition, target, what);
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
    const std::string_view body(reinterpret_cast<const char*>(data), size);
    const auto read = gateway::read_product_body(body);
    if (const auto* rows = std::get_if<std::vector<catalog::ProductUpdate>>(&read)) {
        const auto names = catalog::product_field_names();
        for (const auto& r : *rows) {
            std::set<std::string> seen;
            for (const auto& [name, value] : r.fields) {
                check(std::find(names.begin(), names.end(), name) != names.end(),
                      "an accepted row with a field that is no product field");
                check(seen.insert(name).second, "an accepted row with a field twice");
            }
        }
    }
    check(fuzz::refusal(read, target) == fuzz::refusal(gateway::read_product_body(body), target),
          "not stable");
    return 0;
}
