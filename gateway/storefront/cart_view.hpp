#pragma once

#include "catalog/connection.hpp"
#include "catalog/inventory.hpp"
#include "catalog/price.hpp"
#include "catalog/result.hpp"
#include "cxml/platform_check.hpp"
#include "cxml/punch_out_setup_request.hpp"
#include "gateway/storefront/cart_message.hpp"
#include "gateway/storefront/cart_totals.hpp"
#include "gateway/storefront/shop_context.hpp"

#include <optional>
#include <string>
#include <vector>

namespace punchout::gateway::storefront {

/// A cart line with what the cart page and the transfer need to know about it now.
struct CartViewLine {
    MessageLine item;                               ///< the line, its product, the buyer's detail
    std::optional<catalog::ResolvedPrice> current;  ///< today's price for its quantity
    std::optional<catalog::Stock> stock;            ///< today's stock (known products)
    bool price_changed = false;                     ///< the current price differs from the line's
    std::vector<std::string> warnings;              ///< what changed since the line was added
    std::string problem;  ///< why the line cannot go back (blocks the transfer)
    /// What the buyer's platform would cut, change or refuse in the line as it would be
    /// sent (a refusal is also the line's problem).
    std::vector<cxml::PlatformFinding> platform_findings;
};

/// The session's cart as the user sees it before returning it.
struct CartView {
    std::vector<CartViewLine> lines;
    std::vector<CurrencyTotal> totals;
    std::vector<std::string> problems;  ///< everything that blocks the transfer
    bool prices_changed = false;
    bool stock_changed = false;  ///< some line's stock differs from when it was added
    /// The buyer's platform (profile names the limits the lines were checked against).
    const cxml::PlatformProfile* platform = nullptr;

    /// The lines for the cart message.
    std::vector<MessageLine> message_lines() const;
};

/// The setup request of an edit or inspect session, read again from the stored document
/// (its ItemOut lines); nothing for create and OCI sessions or a document that no longer
/// parses.
std::optional<cxml::PunchOutSetupRequest> original_request(const catalog::PunchoutSession& session);

/// Loads what the cart page shows about each line: the product, the current price for the
/// line's quantity, the stock; and the warnings: a price that changed since the line was
/// added (or differs from the price the buyer's system sent), stock that changed or does
/// not cover the quantity, lines not in our catalog, references we did not issue; and what
/// the buyer's platform (`Buyer::platform`) would cut, change or refuse in each line as it
/// would be sent. A refusal blocks the transfer: a cart the platform drops is worse than
/// one the user fixes first.
catalog::Result<CartView> load_cart_view(catalog::Connection& conn, const ShopContext& shop,
                                         const std::vector<catalog::CartLine>& lines);

}  // namespace punchout::gateway::storefront
