#include "gateway/service/order_store.hpp"

#include "gateway/service/order_webhooks.hpp"

#include <optional>

namespace punchout::gateway {
namespace {

constexpr std::string_view not_stored = "The order could not be stored";

// orderVersion is an integer the buyer raises with every change; other forms can't be
// ordered and are accepted as they come.
std::optional<long long> version_number(const std::string& text) {
    if (text.empty() || text.size() > 18)
        return std::nullopt;
    long long v = 0;
    for (char c : text) {
        if (c < '0' || c > '9')
            return std::nullopt;
        v = v * 10 + (c - '0');
    }
    return v;
}

}  // namespace

Outcome<StoredOrder> store_order(catalog::Connection& conn, const catalog::Order& order,
                                 cxml::DocumentOperation operation) {
    auto existing = catalog::find_order(conn, order.buyer, order.deployment_mode, order.order_id);
    if (!existing && existing.error().code != catalog::Errc::not_found)
        return refusal_from(existing.error(), "The order could not be read");
    StoredOrder out;
    if (operation == cxml::DocumentOperation::new_) {
        if (existing) {
            return Refusal::conflict("Order " + order.order_id + " already exists (version " +
                                     std::to_string(existing->version) +
                                     "); send it with type=\"update\" to change it.");
        }
        auto stored = catalog::insert_order(conn, order);
        if (!stored)
            return refusal_from(stored.error(), not_stored);
        out.pk = stored->pk;
        out.version = stored->version;
        out.message = "Order " + order.order_id + " accepted.";
    } else {
        const bool update = operation == cxml::DocumentOperation::update;
        if (!existing) {
            return Refusal::invalid(
                "Order " + order.order_id + " is not known here, so it cannot be " +
                (update ? "updated" : "deleted") + "; send it with type=\"new\".");
        }
        auto incoming = version_number(order.order_version);
        auto current = version_number(existing->order_version);
        if (incoming && current && *incoming <= *current) {
            return Refusal::conflict("Order " + order.order_id + " orderVersion " +
                                     order.order_version +
                                     " is not newer than the version in force (" +
                                     existing->order_version + "); the request is stale.");
        }
        if (!catalog::may_cancel(existing->status)) {
            return Refusal::conflict("Order " + order.order_id +
                                     " was cancelled; it cannot be changed.");
        }
        if (update && !catalog::may_update(existing->status)) {
            return Refusal::conflict("Order " + order.order_id + " is already " +
                                     std::string(catalog::to_string(existing->status)) +
                                     "; it can no longer be changed. Contact the supplier.");
        }
        auto changed = catalog::change_order(
            conn, existing->pk,
            update ? catalog::OrderChange::update : catalog::OrderChange::cancel, order);
        if (!changed)
            return refusal_from(changed.error(), not_stored);
        out.pk = changed->pk;
        out.version = changed->version;
        out.message = "Order " + order.order_id +
                      (update ? " updated to version " : " cancelled (version ") +
                      std::to_string(changed->version) + (update ? "." : ").");
    }
    // In the caller's transaction: the order and its events for the supplier's systems
    // commit together or not at all.
    if (auto queued = queue_order_webhooks(conn, out.pk); !queued)
        return refusal_from(queued.error(), not_stored);
    if (!order.differences.empty() && operation != cxml::DocumentOperation::delete_) {
        // Appended piecewise: GCC 12 at -O2 reports a false -Wrestrict on
        // "literal" + std::string&& here (GCC bug 105329).
        out.message += ' ';
        out.message += std::to_string(order.differences.size());
        out.message += " difference(s) from the punchout cart or contract were flagged for review.";
    }
    return out;
}

}  // namespace punchout::gateway
