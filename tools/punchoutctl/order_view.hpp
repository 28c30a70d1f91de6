#pragma once

// What `orders show` and `orders events` show, built once as a view and rendered as text or
// as JSON (--json), so the two renderings carry the same facts.
#include "catalog/fulfilment.hpp"
#include "catalog/order.hpp"
#include "catalog/outbox.hpp"
#include "tools/punchoutctl/order_views.hpp"
#include "tools/punchoutctl/view_model.hpp"

#include <iosfwd>
#include <optional>
#include <vector>

namespace punchout::tools {

/// An order in force with its fulfilment, outbound documents and history.
struct OrderView {
    Record header;
    Listing lines;
    Listing differences;
    Listing attachments;
    std::optional<Record> confirmation;  ///< none until the order is confirmed
    Listing confirmation_parts;
    Listing shipments;
    Listing invoices;
    Listing outbox;
    Listing events;

    /// The header fields, then one titled table per section.
    void print(std::ostream& os) const;
    /// One object: the header keys, then "lines", "differences", "attachments" (every
    /// version's), "confirmation" (null when
    /// not confirmed), "shipments", "invoices", "outbox", "events".
    Json json() const;
};

OrderView order_view(const catalog::Order& order, const catalog::Fulfilment& fulfilment,
                     const std::vector<catalog::OrderEvent>& events,
                     const std::vector<catalog::OutboxEntry>& outbox, BuyerNames& buyers,
                     const std::vector<catalog::OrderAttachment>& attachments);

/// The events table alone (`orders events`).
Listing events_listing(const std::vector<catalog::OrderEvent>& events);

}  // namespace punchout::tools
