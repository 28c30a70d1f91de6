#pragma once

#include "catalog/amount.hpp"
#include "catalog/buyer.hpp"
#include "catalog/connection.hpp"
#include "catalog/result.hpp"
#include "catalog/timestamp.hpp"

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace punchout::catalog {

/// Where a resolved price came from.
enum class PriceSource {
    contract_tier,  ///< "contract-tier": a contract entry with a minimum quantity above 1
    contract,       ///< "contract": a contract entry for any quantity (minimum 1 or less)
    list,           ///< "list": the product's list price
    /// "as-sent": a cart line's price as the buyer's system sent it (an edit session);
    /// never an answer of resolve_price.
    as_sent,
};

std::string_view to_string(PriceSource s) noexcept;
std::optional<PriceSource> parse_price_source(std::string_view text) noexcept;

/// One entry of a buyer's contract price list.
struct ContractPrice {
    std::int64_t id = 0;  ///< set by the database
    std::string sku;
    Amount price;
    std::string currency;  ///< empty on input: the buyer's default currency
    Amount min_qty = Amount::from_units(Amount::scale);  ///< applies from this quantity up
    std::optional<Timestamp> valid_from;                 ///< inclusive; empty: since ever
    std::optional<Timestamp> valid_to;                   ///< exclusive; empty: no end
};

/// The price a buyer pays for a quantity of a SKU at a time.
struct ResolvedPrice {
    Amount price;  ///< per the product's price basis quantity
    std::string currency;
    PriceSource source = PriceSource::list;
    /// When this answer may change by itself: the chosen entry ends, or an entry that would
    /// win starts. Empty when nothing scheduled changes it.
    std::optional<Timestamp> valid_until;
    Amount min_qty = Amount::from_units(Amount::scale);  ///< the chosen tier's minimum
    std::optional<std::int64_t> contract_id;             ///< the chosen entry, if any
};

/// The buyer's price for `quantity` of `sku` at time `at`. Precedence (catalog/README.md):
/// among the buyer's entries valid at `at` ([from, to)) whose min_qty <= quantity, the
/// highest min_qty wins; among equal min_qty the latest valid_from (an open start counts
/// as earliest), then the newest entry. No such entry: the list price. Errc::not_found for
/// an unknown SKU, Errc::invalid for a quantity that is not positive.
Result<ResolvedPrice> resolve_price(Connection& conn, BuyerKey buyer, std::string_view sku,
                                    Amount quantity, Timestamp at);

/// The price at each quantity tier the buyer has for `sku` at `at`, by ascending min_qty
/// (what a product page shows). Empty when the buyer has no contract entry valid then.
Result<std::vector<ResolvedPrice>> price_tiers(Connection& conn, BuyerKey buyer,
                                               std::string_view sku, Timestamp at);

/// Adds an entry, or replaces the one with the same SKU, min_qty and valid_from.
/// Errc::not_found for an unknown SKU, Errc::invalid for a bad value.
Result<ContractPrice> set_contract_price(Connection& conn, BuyerKey buyer,
                                         const ContractPrice& entry);

/// The buyer's entries (for one SKU when given), by SKU, min_qty, valid_from.
Result<std::vector<ContractPrice>> list_contract_prices(
    Connection& conn, BuyerKey buyer, std::optional<std::string_view> sku = std::nullopt);

/// Deletes one entry by id (Errc::not_found when the buyer has no such entry).
Result<void> delete_contract_price(Connection& conn, BuyerKey buyer, std::int64_t id);

/// Deletes all of the buyer's entries for a SKU (or all of them when empty); returns how
/// many went.
Result<std::int64_t> delete_contract_prices(Connection& conn, BuyerKey buyer,
                                            std::optional<std::string_view> sku);

}  // namespace punchout::catalog
