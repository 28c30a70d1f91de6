#pragma once

#include "catalog/buyer.hpp"
#include "catalog/cart.hpp"
#include "catalog/product.hpp"
#include "catalog/session.hpp"
#include "cxml/document.hpp"

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

namespace punchout::gateway::storefront {

/// A cart line with what its ItemIn needs beyond the line itself.
struct MessageLine {
    catalog::CartLine line;
    std::optional<catalog::Product> product;   ///< the catalog entry, for lines we know
    std::optional<cxml::ItemDetail> original;  ///< what the buyer sent, for lines we do not
};

/// The envelope of a cart message: who it is from and to.
struct MessageParties {
    cxml::Credential from;   ///< us (also the Sender, without a secret: see README.md)
    cxml::Credential to;     ///< the buyer's credential from the setup request
    std::string user_agent;  ///< Sender/UserAgent
    std::string host;        ///< names us in the payloadID
};

/// A PunchOutOrderMessage and the lines as they are recorded for the order checks.
struct CartMessage {
    cxml::Document document;
    std::vector<catalog::TransferredLine> transferred;
    std::string currency;
    catalog::Amount total;
};

/// Why a line cannot go back to the buyer, for the user; empty when it can. A line not in
/// our catalog goes back with the ItemDetail the buyer sent, so it needs one (with a
/// Classification, which the DTD requires).
std::string line_problem(const MessageLine& line);

/// The ItemIn for a cart line: quantity, lineNumber, SupplierPartID, our token as
/// SupplierPartAuxiliaryID, BuyerPartID when known; UnitPrice, Description (with ShortName),
/// UnitOfMeasure in the buyer's code, PriceBasisQuantity when not 1, Classification
/// (UNSPSC), ManufacturerPartID, ManufacturerName and LeadTime for catalog lines.
cxml::ItemIn item_in_for(const MessageLine& line, const catalog::Buyer& buyer,
                         std::uint32_t line_number);

/// The cart as a PunchOutOrderMessage: the BuyerCookie echoed, `allowed` as
/// operationAllowed, every line as an ItemIn, the Total in the cart's currency (the caller
/// makes sure there is one; an empty cart totals 0 in the buyer's default currency).
/// Every line must pass line_problem(). Throws std::overflow_error for a total that does
/// not fit (a broken invariant: quantities and prices are bounded).
CartMessage build_cart_message(const catalog::PunchoutSession& session, const catalog::Buyer& buyer,
                               const MessageParties& parties, cxml::PunchOutOperation allowed,
                               const std::vector<MessageLine>& lines);

/// The setup request's ItemOut lines sent back unchanged (an edit left without changes, an
/// inspect session): each ItemOut becomes an ItemIn with the same quantity, ItemID and
/// ItemDetail. An ItemOut without ItemDetail gets one from the matching cart line (by token,
/// then by SupplierPartID), since ItemIn cannot go without.
CartMessage build_original_message(const catalog::PunchoutSession& session,
                                   const catalog::Buyer& buyer, const MessageParties& parties,
                                   cxml::PunchOutOperation allowed,
                                   const cxml::PunchOutSetupRequest& setup,
                                   const std::vector<MessageLine>& cart);

/// The cXML version the session's cart goes back in: the session's when it is a valid
/// version, else the library default.
std::string message_version(const catalog::PunchoutSession& session);

}  // namespace punchout::gateway::storefront
