#pragma once

// Price precedence as a pure function over a product's entries, so resolve_price,
// price_tiers and the search's price column all decide the same way.
#include "catalog/price.hpp"

#include <cstdint>
#include <optional>
#include <vector>

namespace punchout::catalog::detail {

/// A contract entry as stored.
struct PriceRow {
    std::int64_t id = 0;
    std::int64_t price = 0;
    std::string currency;
    std::int64_t min_qty = 0;
    std::optional<std::int64_t> valid_from;
    std::optional<std::int64_t> valid_to;
};

/// The winning entry for `quantity` at `at`, or the list price.
ResolvedPrice choose_price(const std::vector<PriceRow>& rows, std::int64_t list_price,
                           const std::string& list_currency, std::int64_t quantity,
                           std::int64_t at);

}  // namespace punchout::catalog::detail
