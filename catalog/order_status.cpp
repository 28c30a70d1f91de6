#include "catalog/order_status.hpp"

#include <array>

namespace punchout::catalog {
namespace {

struct Transitions {
    OrderStatus status;
    bool confirm, ship, invoice, update, cancel;
};

// The order life cycle (catalog/README.md, "Orders"). A buyer may still cancel a shipped
// order: the cancellation is recorded and shown to the supplier, who settles it.
constexpr std::array<Transitions, 8> transitions{{
    //                              confirm ship   invoice update cancel
    {OrderStatus::received, true, false, false, true, true},
    {OrderStatus::confirmed, true, true, false, true, true},
    {OrderStatus::backordered, true, true, false, true, true},
    {OrderStatus::rejected, false, false, false, true, true},
    {OrderStatus::partially_shipped, true, true, true, false, true},
    {OrderStatus::shipped, false, false, true, false, true},
    {OrderStatus::invoiced, false, false, false, false, true},
    {OrderStatus::cancelled, false, false, false, false, false},
}};

const Transitions& row(OrderStatus status) noexcept {
    for (const auto& t : transitions) {
        if (t.status == status)
            return t;
    }
    return transitions.back();  // unreachable: every status has a row
}

}  // namespace

bool may_confirm(OrderStatus status) noexcept {
    return row(status).confirm;
}
bool may_ship(OrderStatus status) noexcept {
    return row(status).ship;
}
bool may_invoice(OrderStatus status) noexcept {
    return row(status).invoice;
}
bool may_update(OrderStatus status) noexcept {
    return row(status).update;
}
bool may_cancel(OrderStatus status) noexcept {
    return row(status).cancel;
}

}  // namespace punchout::catalog
