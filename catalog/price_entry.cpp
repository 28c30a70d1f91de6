#include "catalog/detail/price_entry.hpp"

#include "catalog/detail/field_rules.hpp"
#include "catalog/detail/import_support.hpp"
#include "catalog/timestamp.hpp"

namespace punchout::catalog::detail {

Result<bool> check_price_entry(Connection& conn, const PriceEntryText& text,
                               const std::string& default_currency, PriceEntry& row,
                               const std::function<void(PriceField, const std::string&)>& issue) {
    bool ok = true;
    auto report = [&](PriceField f, const std::string& message) {
        ok = false;
        issue(f, message);
    };
    auto product = product_id_of(conn, std::string(text.sku));
    if (!product)
        return product.error();
    if (*product)
        row.product_id = **product;
    else
        report(PriceField::sku, std::string(unknown_sku));
    if (auto a = Amount::parse(text.price); !a) {
        report(PriceField::price, without_value(a.error().message, text.price));
    } else if (a->is_negative()) {
        report(PriceField::price, "is negative");
    } else {
        row.price = a->units();
    }
    if (text.currency.empty()) {
        row.currency = default_currency;
    } else if (auto p = check_currency(text.currency)) {
        report(PriceField::currency, *p);
    } else {
        row.currency = std::string(text.currency);
    }
    if (!text.min_qty.empty()) {
        if (auto a = Amount::parse(text.min_qty); !a) {
            report(PriceField::min_qty, without_value(a.error().message, text.min_qty));
        } else if (a->units() <= 0) {
            report(PriceField::min_qty, "must be greater than zero");
        } else {
            row.min_qty = a->units();
        }
    }
    for (const auto f : {PriceField::valid_from, PriceField::valid_to}) {
        const auto value = f == PriceField::valid_from ? text.valid_from : text.valid_to;
        if (value.empty())
            continue;
        auto t = parse_timestamp(value);
        if (!t) {
            report(f, without_value(t.error().message, value));
            continue;
        }
        (f == PriceField::valid_from ? row.from : row.to) = to_unix(*t);
    }
    if (row.from && row.to && *row.from >= *row.to)
        report(PriceField::valid_to, "is not after valid_from");
    return ok;
}

}  // namespace punchout::catalog::detail
