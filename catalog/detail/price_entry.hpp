#pragma once

// The checks of one contract price entry, shared by the price file import and the
// integration API's price batches, so both refuse a value with the same words.
#include "catalog/amount.hpp"
#include "catalog/connection.hpp"
#include "catalog/result.hpp"

#include <cstdint>
#include <functional>
#include <optional>
#include <string>
#include <string_view>

namespace punchout::catalog::detail {

/// The fields of an entry, in the price file's column order.
enum class PriceField { sku, price, currency, min_qty, valid_from, valid_to };

/// An entry's values as text, as a file or a request gave them ("" for not given).
struct PriceEntryText {
    std::string_view sku, price, currency, min_qty, valid_from, valid_to;
};

/// A checked entry.
struct PriceEntry {
    std::int64_t product_id = 0;
    std::int64_t price = 0;
    std::string currency;
    std::int64_t min_qty = Amount::scale;
    std::optional<std::int64_t> from, to;  ///< unix seconds; [from, to)
};

/// Checks `text` (a known SKU, a price not negative, a currency, `default_currency` when
/// none, min_qty above zero, ISO 8601 times with valid_to after valid_from). Every problem
/// goes to `issue` with its field; false when there was one. A failed SKU lookup is the
/// store's error, not an issue.
Result<bool> check_price_entry(Connection& conn, const PriceEntryText& text,
                               const std::string& default_currency, PriceEntry& out,
                               const std::function<void(PriceField, const std::string&)>& issue);

}  // namespace punchout::catalog::detail
