#include "catalog/price.hpp"

#include "catalog/detail/field_rules.hpp"
#include "catalog/detail/price_rules.hpp"
#include "catalog/write_transaction.hpp"

#include <algorithm>
#include <limits>
#include <set>

namespace punchout::catalog {
namespace detail {
namespace {

bool valid_at(const PriceRow& r, std::int64_t at) {
    return (!r.valid_from || *r.valid_from <= at) && (!r.valid_to || at < *r.valid_to);
}

// True when `a` takes precedence over `b` (both applicable).
bool wins(const PriceRow& a, const PriceRow& b) {
    if (a.min_qty != b.min_qty)
        return a.min_qty > b.min_qty;
    const std::int64_t af = a.valid_from.value_or(std::numeric_limits<std::int64_t>::min());
    const std::int64_t bf = b.valid_from.value_or(std::numeric_limits<std::int64_t>::min());
    if (af != bf)
        return af > bf;
    return a.id > b.id;
}

}  // namespace

ResolvedPrice choose_price(const std::vector<PriceRow>& rows, std::int64_t list_price,
                           const std::string& list_currency, std::int64_t quantity,
                           std::int64_t at) {
    const PriceRow* best = nullptr;
    for (const auto& r : rows) {
        if (r.min_qty <= quantity && valid_at(r, at) && (!best || wins(r, *best)))
            best = &r;
    }
    ResolvedPrice out;
    std::optional<std::int64_t> until;
    auto earlier = [&](std::int64_t t) { until = until ? std::min(*until, t) : t; };
    if (best) {
        out.price = Amount::from_units(best->price);
        out.currency = best->currency;
        out.min_qty = Amount::from_units(best->min_qty);
        out.contract_id = best->id;
        out.source =
            best->min_qty > Amount::scale ? PriceSource::contract_tier : PriceSource::contract;
        if (best->valid_to)
            earlier(*best->valid_to);
    } else {
        out.price = Amount::from_units(list_price);
        out.currency = list_currency;
        out.source = PriceSource::list;
    }
    // An entry that starts later and would then win ends this answer early: one with a
    // higher tier still within the quantity, or the same tier (a later start wins ties).
    const std::int64_t floor = best ? best->min_qty : std::numeric_limits<std::int64_t>::min();
    for (const auto& r : rows) {
        if (r.valid_from && *r.valid_from > at && r.min_qty <= quantity && r.min_qty >= floor) {
            earlier(*r.valid_from);
        }
    }
    if (until)
        out.valid_until = from_unix(*until);
    return out;
}

}  // namespace detail

namespace {

struct ProductPrice {
    std::int64_t id = 0;
    std::int64_t list_price = 0;
    std::string currency;
};

Result<ProductPrice> product_price(Connection& conn, std::string_view sku) {
    auto st = conn.prepare("SELECT id, list_price, currency FROM product WHERE sku = ?1");
    st.bind(1, sku);
    auto row = st.step();
    if (!row)
        return row.error();
    if (!*row)
        return Error{Errc::not_found, "no product with SKU '" + std::string(sku) + "'"};
    return ProductPrice{st.int64(0), st.int64(1), st.text(2)};
}

// The product's list price and the buyer's contract entries for it, in one statement
// (this is on the gateway's per-request path).
struct PriceData {
    ProductPrice product;
    std::vector<detail::PriceRow> rows;
};

Result<PriceData> price_data(Connection& conn, BuyerKey buyer, std::string_view sku) {
    auto st = conn.prepare(
        "SELECT p.id, p.list_price, p.currency, c.id, c.price, c.currency, c.min_qty,"
        " c.valid_from, c.valid_to FROM product p LEFT JOIN contract_price c"
        " ON c.buyer_id = ?2 AND c.product_id = p.id WHERE p.sku = ?1");
    st.bind(1, sku).bind(2, buyer.value);
    PriceData data;
    bool found = false;
    for (;;) {
        auto r = st.step();
        if (!r)
            return r.error();
        if (!*r)
            break;
        if (!found) {
            data.product = {st.int64(0), st.int64(1), st.text(2)};
            found = true;
        }
        if (!st.is_null(3)) {
            data.rows.push_back({st.int64(3), st.int64(4), st.text(5), st.int64(6),
                                 st.optional_int64(7), st.optional_int64(8)});
        }
    }
    if (!found)
        return Error{Errc::not_found, "no product with SKU '" + std::string(sku) + "'"};
    return data;
}

std::optional<Error> check_entry(const ContractPrice& e) {
    if (e.price.is_negative())
        return Error{Errc::invalid, "a price cannot be negative"};
    if (!e.currency.empty()) {
        if (auto p = detail::check_currency(e.currency)) {
            return Error{Errc::invalid, "currency '" + e.currency + "' " + *p};
        }
    }
    if (e.min_qty.units() <= 0) {
        return Error{Errc::invalid, "the minimum quantity must be greater than zero"};
    }
    if (e.valid_from && e.valid_to && *e.valid_from >= *e.valid_to) {
        return Error{Errc::invalid, "valid_from must be before valid_to"};
    }
    return std::nullopt;
}

ContractPrice read_entry(const Statement& st) {
    ContractPrice e;
    e.id = st.int64(0);
    e.sku = st.text(1);
    e.price = Amount::from_units(st.int64(2));
    e.currency = st.text(3);
    e.min_qty = Amount::from_units(st.int64(4));
    if (auto f = st.optional_int64(5))
        e.valid_from = from_unix(*f);
    if (auto t = st.optional_int64(6))
        e.valid_to = from_unix(*t);
    return e;
}

}  // namespace

Result<ResolvedPrice> resolve_price(Connection& conn, BuyerKey buyer, std::string_view sku,
                                    Amount quantity, Timestamp at) {
    if (quantity.units() <= 0) {
        return Error{Errc::invalid, "quantity " + quantity.to_string() + " is not positive"};
    }
    auto data = price_data(conn, buyer, sku);
    if (!data)
        return data.error();
    return detail::choose_price(data->rows, data->product.list_price, data->product.currency,
                                quantity.units(), to_unix(at));
}

Result<std::vector<ResolvedPrice>> price_tiers(Connection& conn, BuyerKey buyer,
                                               std::string_view sku, Timestamp at) {
    auto data = price_data(conn, buyer, sku);
    if (!data)
        return data.error();
    std::set<std::int64_t> tiers;
    const auto t = to_unix(at);
    for (const auto& r : data->rows) {
        if ((!r.valid_from || *r.valid_from <= t) && (!r.valid_to || t < *r.valid_to)) {
            tiers.insert(r.min_qty);
        }
    }
    std::vector<ResolvedPrice> out;
    for (const auto q : tiers) {
        out.push_back(detail::choose_price(data->rows, data->product.list_price,
                                           data->product.currency, q, t));
    }
    return out;
}

Result<ContractPrice> set_contract_price(Connection& conn, BuyerKey buyer,
                                         const ContractPrice& entry) {
    if (auto e = check_entry(entry))
        return *e;
    auto tx = WriteTransaction::begin(conn);
    if (!tx)
        return tx.error();
    auto product = product_price(conn, entry.sku);
    if (!product)
        return product.error();
    std::string currency = entry.currency;
    if (currency.empty()) {
        auto b = conn.prepare("SELECT default_currency FROM buyer WHERE id = ?1");
        b.bind(1, buyer.value);
        auto row = b.step();
        if (!row)
            return row.error();
        if (!*row)
            return Error{Errc::not_found, "no such buyer"};
        currency = b.text(0);
    }
    const std::optional<std::int64_t> from =
        entry.valid_from ? std::optional(to_unix(*entry.valid_from)) : std::nullopt;
    const std::optional<std::int64_t> to =
        entry.valid_to ? std::optional(to_unix(*entry.valid_to)) : std::nullopt;
    auto existing = conn.prepare(
        "SELECT id FROM contract_price WHERE buyer_id = ?1 AND product_id = ?2 AND min_qty = ?3"
        " AND valid_from IS ?4");
    existing.bind(1, buyer.value).bind(2, product->id).bind(3, entry.min_qty.units()).bind(4, from);
    auto found = existing.step();
    if (!found)
        return found.error();
    std::int64_t id = 0;
    if (*found) {
        id = existing.int64(0);
        auto st = conn.prepare(
            "UPDATE contract_price SET price = ?2, currency = ?3, valid_to = ?4 WHERE id = ?1");
        st.bind(1, id).bind(2, entry.price.units()).bind(3, currency).bind(4, to);
        if (auto r = st.run(); !r)
            return r.error();
    } else {
        auto st = conn.prepare(
            "INSERT INTO contract_price (buyer_id, product_id, price, currency, min_qty,"
            " valid_from, valid_to, created_at) VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8)");
        st.bind(1, buyer.value)
            .bind(2, product->id)
            .bind(3, entry.price.units())
            .bind(4, currency)
            .bind(5, entry.min_qty.units())
            .bind(6, from)
            .bind(7, to)
            .bind(8, to_unix(now()));
        if (auto r = st.run(); !r) {
            if (r.error().code == Errc::constraint)
                return Error{Errc::not_found, "no such buyer"};
            return r.error();
        }
        id = conn.last_insert_rowid();
    }
    existing.reset();
    if (auto r = tx->commit(); !r)
        return r.error();
    ContractPrice stored = entry;
    stored.id = id;
    stored.currency = currency;
    return stored;
}

Result<std::vector<ContractPrice>> list_contract_prices(Connection& conn, BuyerKey buyer,
                                                        std::optional<std::string_view> sku) {
    auto st = conn.prepare(
        "SELECT c.id, p.sku, c.price, c.currency, c.min_qty, c.valid_from, c.valid_to"
        " FROM contract_price c JOIN product p ON p.id = c.product_id"
        " WHERE c.buyer_id = ?1 AND (?2 IS NULL OR p.sku = ?2)"
        " ORDER BY p.sku, c.min_qty, coalesce(c.valid_from, -9223372036854775807), c.id");
    st.bind(1, buyer.value).bind(2, sku);
    std::vector<ContractPrice> out;
    for (;;) {
        auto r = st.step();
        if (!r)
            return r.error();
        if (!*r)
            return out;
        out.push_back(read_entry(st));
    }
}

Result<void> delete_contract_price(Connection& conn, BuyerKey buyer, std::int64_t id) {
    auto st = conn.prepare("DELETE FROM contract_price WHERE id = ?1 AND buyer_id = ?2");
    st.bind(1, id).bind(2, buyer.value);
    if (auto r = st.run(); !r)
        return r;
    if (conn.changes() == 0) {
        return Error{Errc::not_found,
                     "no contract price " + std::to_string(id) + " for this buyer"};
    }
    return {};
}

Result<std::int64_t> delete_contract_prices(Connection& conn, BuyerKey buyer,
                                            std::optional<std::string_view> sku) {
    auto st = conn.prepare(
        "DELETE FROM contract_price WHERE buyer_id = ?1 AND (?2 IS NULL OR product_id ="
        " (SELECT id FROM product WHERE sku = ?2))");
    st.bind(1, buyer.value).bind(2, sku);
    if (auto r = st.run(); !r)
        return r.error();
    return conn.changes();
}

}  // namespace punchout::catalog
