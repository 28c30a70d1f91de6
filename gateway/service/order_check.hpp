#pragma once

#include "catalog/connection.hpp"
#include "catalog/order.hpp"
#include "catalog/timestamp.hpp"
#include "cxml/document.hpp"
#include "cxml/order_request.hpp"
#include "gateway/service/authenticator.hpp"
#include "gateway/service/outcome.hpp"

#include <string_view>
#include <vector>

namespace punchout::gateway {

/// At most this many problems are listed in one refusal (a 2,000-line order with a wrong
/// currency would otherwise answer with 2,000 sentences).
inline constexpr std::size_t max_listed_problems = 20;

/// Turns an OrderRequest into the order we would store, checking what must hold
/// (quantities positive, tax and shipping not negative, one currency, lineNumbers unique,
/// every sum within range, the Total adding up with line-level Tax and Shipping and with
/// isReturn lines counted negative) and comparing every line with the cart line we sent (by our
/// token in SupplierPartAuxiliaryID) and with the buyer's contract price at `now`; what differs
/// goes into `order.differences` (the accuracy check). A line that names no product of the buyer's
/// catalog (no SupplierPartID, isAdHoc, a SKU unknown here: free-form, service, composite and
/// blanket lines) is kept and flagged `non-catalog`; a `cid:` attachment URL that names none of
/// `files` is flagged `attachment-missing`. `files` become the order's attachments.
///
/// Everything is read in one read transaction on `conn` (which must not be in one), so a
/// long order is checked against one catalog even while an import commits. Refused as
/// invalid with one Problem per finding, located at its element; a store failure on any
/// lookup is busy or internal, never a finding and never a skipped check.
Outcome<catalog::Order> check_order(catalog::Connection& conn, const Authenticated& who,
                                    const cxml::Document& doc, const cxml::OrderRequest& request,
                                    std::string_view raw_document, catalog::Timestamp now,
                                    std::vector<catalog::OrderAttachment> files = {});

}  // namespace punchout::gateway
