#pragma once

#include "catalog/buyer.hpp"
#include "catalog/session.hpp"
#include "catalog/timestamp.hpp"
#include "gateway/service/config.hpp"
#include "gateway/storefront/page_policy.hpp"

#include <cstddef>
#include <optional>
#include <string>
#include <string_view>

namespace punchout::gateway::storefront {

/// Everything a storefront page knows about the request it answers: the session (from the
/// key in the URL), its buyer, and the time the page is rendered at.
struct ShopContext {
    const Config& config;
    catalog::PunchoutSession session;
    catalog::Buyer buyer;
    catalog::Timestamp now{};
    std::size_t cart_lines = 0;  ///< shown in the header

    /// "/shop/<session key>": every link of the session starts with it.
    std::string base() const { return "/shop/" + session.session_key; }
    /// base() + rest ("/cart", "/product/HB-M8-40").
    std::string url(std::string_view rest) const { return base() + std::string(rest); }
    /// Stock reported before this is stale (`[catalog] stock_stale_after`); none: never.
    std::optional<catalog::Timestamp> stock_fresh_since() const {
        if (config.stock_stale_after.count() <= 0)
            return std::nullopt;
        return now - config.stock_stale_after;
    }
    /// Inspect sessions look at a cart without changing it.
    bool read_only() const noexcept {
        return session.operation == catalog::SessionOperation::inspect;
    }
    /// The headers policy of the session's pages (framing by the buyer's origins).
    PagePolicy policy() const {
        PagePolicy p;
        p.frame_origins = buyer.frame_origins;
        return p;
    }
};

}  // namespace punchout::gateway::storefront
