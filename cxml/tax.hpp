#pragma once

#include "cxml/date_time.hpp"
#include "cxml/decimal.hpp"
#include "cxml/description.hpp"
#include "cxml/extrinsic.hpp"
#include "cxml/money.hpp"

#include <optional>
#include <string>
#include <vector>

namespace punchout::cxml {

/// A cXML `TaxDetail`: one tax (a category and rate) within a Tax.
struct TaxDetail {
    std::string purpose;                     ///< `purpose` (tax, shippingTax, ...)
    std::string category;                    ///< `category` (sales, vat, gst, ...)
    std::optional<Decimal> percentage_rate;  ///< `percentageRate`
    std::optional<DateTime> tax_point_date;  ///< `taxPointDate`
    std::optional<Money> taxable_amount;     ///< `TaxableAmount/Money`
    Money tax_amount;                        ///< `TaxAmount/Money`
    std::string location;                    ///< `TaxLocation`
    std::string location_lang;               ///< `TaxLocation@xml:lang`
    std::optional<Description> description;  ///< `Description`

    bool operator==(const TaxDetail&) const = default;
};

/// A cXML `Tax`: the total tax, described, optionally broken down.
struct Tax {
    Money money;
    Description description;         ///< required by the DTD
    std::vector<TaxDetail> details;  ///< `TaxDetail*`
    Extrinsics extrinsics;           ///< `Extrinsic*`

    bool operator==(const Tax&) const = default;
};

}  // namespace punchout::cxml
