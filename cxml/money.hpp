#pragma once

#include "cxml/decimal.hpp"

#include <optional>
#include <string>

namespace punchout::cxml {

/// A cXML `Money`: an exact amount in a currency (ISO 4217 code, kept as sent).
struct Money {
    Decimal amount;                           ///< the element text
    std::string currency;                     ///< `currency`
    std::optional<Decimal> alternate_amount;  ///< `alternateAmount`, when given
    std::string alternate_currency;           ///< `alternateCurrency`, empty when absent

    bool operator==(const Money&) const = default;
};

}  // namespace punchout::cxml
