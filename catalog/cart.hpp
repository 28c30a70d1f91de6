#pragma once

#include "catalog/amount.hpp"
#include "catalog/buyer.hpp"
#include "catalog/connection.hpp"
#include "catalog/price.hpp"
#include "catalog/result.hpp"
#include "catalog/session.hpp"
#include "catalog/timestamp.hpp"

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace punchout::catalog {

/// How a line came into the cart.
enum class CartLineOrigin {
    added,  ///< the user added it in the storefront
    edit,   ///< it came with an edit or inspect PunchOutSetupRequest
};

/// What the storefront warns about on a line.
enum class CartLineFlag {
    none,
    unknown_part,   ///< an edit's line whose SKU is not in our catalog (or not the buyer's)
    foreign_token,  ///< an edit's line with a SupplierPartAuxiliaryID we never issued
};

/// "added", "edit".
std::string_view to_string(CartLineOrigin origin) noexcept;
std::optional<CartLineOrigin> parse_cart_line_origin(std::string_view text) noexcept;
/// "" (none), "unknown-part", "foreign-token".
std::string_view to_string(CartLineFlag flag) noexcept;
std::optional<CartLineFlag> parse_cart_line_flag(std::string_view text) noexcept;

/// One line of a session's cart.
struct CartLine {
    std::int64_t id = 0;
    std::string token;  ///< our SupplierPartAuxiliaryID for the line, stable across edits
    int position = 0;
    std::string sku;
    bool known = true;  ///< false: the SKU is not in our catalog (an edit of a foreign line)
    Amount quantity;
    Amount unit_price;  ///< per price_basis_quantity, when the line was added or repriced
    std::string currency;
    /// Where the price came from: resolve_price's answer, or as_sent (an edit's line keeps
    /// the buyer's price until the user changes it).
    PriceSource price_source = PriceSource::list;
    Amount price_basis_quantity = Amount::from_units(Amount::scale);
    std::string uom;
    std::string description;
    std::string buyer_part_id;
    std::optional<Amount> stock_at_add;  ///< total stock when added
    CartLineOrigin origin = CartLineOrigin::added;
    CartLineFlag flag = CartLineFlag::none;
    Timestamp added_at{};
};

/// The cart of a session, in display order.
Result<std::vector<CartLine>> list_cart(Connection& conn, std::int64_t session_id);

/// Adds a line (its position goes last). A line with the token taken is Errc::constraint.
Result<CartLine> add_cart_line(Connection& conn, std::int64_t session_id, const CartLine& line);

/// What a cart line update sets (the line keeps its token and its place in the cart).
struct CartLineChange {
    Amount quantity;
    Amount unit_price;
    std::string currency;
    PriceSource price_source = PriceSource::list;
    /// Set: the stock the user has now seen (clears a "stock changed" note); empty: kept.
    std::optional<Amount> stock_seen;
};

/// Changes a line's quantity and price (tier prices follow the quantity, a contract may
/// be in another currency), or Errc::not_found.
Result<void> update_cart_line(Connection& conn, std::int64_t session_id, std::string_view token,
                              const CartLineChange& change);

/// Removes a line, or Errc::not_found.
Result<void> remove_cart_line(Connection& conn, std::int64_t session_id, std::string_view token);

/// What a transfer sent back: the whole cart, an empty cart (cancel), or the original lines
/// of an edit unchanged.
enum class TransferKind { cart, cancel, original };
std::string_view to_string(TransferKind k) noexcept;
std::optional<TransferKind> parse_transfer_kind(std::string_view text) noexcept;

/// A line as it went to the buyer: what later orders are compared with.
struct TransferredLine {
    std::string token;
    std::string sku;
    Amount quantity;
    Amount unit_price;
    std::string currency;
    Amount price_basis_quantity = Amount::from_units(Amount::scale);
    std::string uom;       ///< ours
    std::string uom_sent;  ///< the buyer's code we sent
    std::string description;
};

/// A cart that went back to the buyer's system.
struct CartTransfer {
    std::int64_t id = 0;
    std::int64_t session_id = 0;
    BuyerKey buyer;
    std::string payload_id;
    TransferKind kind = TransferKind::cart;
    SessionOperation operation_allowed = SessionOperation::edit;
    std::string currency;
    Amount total;
    std::string document;  ///< what went to the browser
    Timestamp created_at{};
    std::vector<TransferredLine> lines;
};

/// Records a transfer with its lines and closes the session (transferred for a cart,
/// cancelled otherwise), in one transaction.
Result<CartTransfer> record_transfer(Connection& conn, const CartTransfer& transfer);

/// The most recent transferred line with our token for this buyer, with the
/// operationAllowed of its transfer; Errc::not_found when we never sent such a line.
struct TransferredLineMatch {
    TransferredLine line;
    SessionOperation operation_allowed = SessionOperation::edit;
    std::int64_t transfer_id = 0;
    std::int64_t session_id = 0;
};
Result<TransferredLineMatch> find_transferred_line(Connection& conn, BuyerKey buyer,
                                                   std::string_view token);

/// The transfers of a session, newest first, without their lines.
Result<std::vector<CartTransfer>> list_transfers(Connection& conn, std::int64_t session_id);

}  // namespace punchout::catalog
