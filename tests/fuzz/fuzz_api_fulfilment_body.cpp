// Fuzz target for the readers of the fulfilment routes' bodies
// (gateway/inbound/api_fulfilment_body.hpp): POST /api/v1/orders/{id}/confirm, ship,
// invoice and status. Built with libFuzzer or with fuzz_driver.cpp.
//
// Beyond "no crash, no sanitizer report, no exception": every refusal has a message and
// names its field (or says the body is no JSON, or no object), every line number read is
// one a line can have, and each reader answers the same input the same way.
#include "gateway/inbound/api_fulfilment_body.hpp"
#include "tests/fuzz/api_body_checks.hpp"

#include <cstddef>
#include <cstdint>
#include <string_view>

namespace {

using namespace punchout;

constexpr const char* target = "fuzz_api_fulfilment_body";

void check(bool condition, const char* what) {
    fuzz::check(condition, target, what);
}

template <typename T>
std::string refusal(const std::variant<T, gateway::ApiBodyError>& r) {
    return fuzz::refusal(r, target);
}

void check_lines(const std::vector<catalog::LineDecision>& lines) {
    for (const auto& l : lines)
        check(l.line_number >= 1 && l.line_number <= 1000000, "a line number out of range");
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
    const std::string_view body(reinterpret_cast<const char*>(data), size);

    const auto confirm = gateway::read_confirm_body(body);
    if (const auto* d = std::get_if<gateway::ConfirmationDecision>(&confirm))
        check_lines(d->lines);
    check(refusal(confirm) == refusal(gateway::read_confirm_body(body)), "confirm: not stable");

    const auto ship = gateway::read_ship_body(body);
    if (const auto* s = std::get_if<catalog::NewShipment>(&ship)) {
        for (const auto& l : s->lines)
            check(l.line_number >= 1 && l.line_number <= 1000000, "a line number out of range");
    }
    check(refusal(ship) == refusal(gateway::read_ship_body(body)), "ship: not stable");

    const auto invoice = gateway::read_invoice_body(body);
    if (const auto* in = std::get_if<catalog::NewInvoice>(&invoice))
        check(in->due_days >= 0 && in->due_days <= 3650, "due_days out of range");
    check(refusal(invoice) == refusal(gateway::read_invoice_body(body)), "invoice: not stable");

    const auto status = gateway::read_status_body(body);
    if (const auto* s = std::get_if<gateway::StatusUpdateBody>(&status))
        check(s->code >= 100 && s->code <= 999 && !s->message.empty(), "a bad status update");
    check(refusal(status) == refusal(gateway::read_status_body(body)), "status: not stable");
    return 0;
}
