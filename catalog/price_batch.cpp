#include "catalog/price_batch.hpp"

#include "catalog/buyer.hpp"
#include "catalog/detail/batch_size.hpp"
#include "catalog/detail/catalog_swap.hpp"
#include "catalog/detail/import_support.hpp"
#include "catalog/detail/price_entry.hpp"
#include "catalog/timestamp.hpp"
#include "catalog/write_transaction.hpp"

#include <algorithm>
#include <functional>
#include <limits>
#include <map>
#include <optional>
#include <tuple>
#include <utility>

namespace punchout::catalog {
namespace {

std::string_view field_name(detail::PriceField f) {
    switch (f) {
        case detail::PriceField::sku:
            return "sku";
        case detail::PriceField::price:
            return "price";
        case detail::PriceField::currency:
            return "currency";
        case detail::PriceField::min_qty:
            return "min_qty";
        case detail::PriceField::valid_from:
            return "valid_from";
        case detail::PriceField::valid_to:
            return "valid_to";
    }
    return "sku";
}

// Buyers by id, each looked up once per batch.
class BuyerLookup {
public:
    explicit BuyerLookup(Connection& conn) : conn_(conn) {}
    /// The buyer, or the problem message.
    Result<Buyer> find(const std::string& id) {
        auto it = found_.find(id);
        if (it == found_.end())
            it = found_.emplace(id, find_buyer(conn_, id)).first;
        return it->second;
    }

private:
    Connection& conn_;
    std::map<std::string, Result<Buyer>> found_;
};

// The problem with a buyer id, or the buyer; store failures go up as errors.
std::optional<Buyer> buyer_of(BuyerLookup& buyers, const std::string& id,
                              const std::function<void(std::string, std::string)>& problem,
                              std::optional<Error>& failed) {
    auto b = buyers.find(id);
    if (b)
        return *b;
    if (b.error().code == Errc::not_found)
        problem("buyer", "is no buyer here (punchoutctl buyer list)");
    else
        failed = b.error();
    return std::nullopt;
}

using EntryKey = std::tuple<std::int64_t, std::int64_t, std::int64_t, std::int64_t>;

EntryKey key_of(std::int64_t buyer, const detail::PriceEntry& e) {
    return {buyer, e.product_id, e.min_qty,
            e.from.value_or(std::numeric_limits<std::int64_t>::min())};
}

// A checked row, ready to write.
struct Checked {
    std::optional<std::int64_t> buyer;  // none: the list price
    detail::PriceEntry entry;
};

}  // namespace

Result<PriceBatchResult> apply_price_batch(Connection& conn,
                                           const std::vector<PriceUpdate>& batch) {
    if (auto refused = detail::batch_size_error(batch.size(), max_price_batch))
        return *refused;
    PriceBatchResult result;
    BuyerLookup buyers(conn);
    std::optional<Error> failed;
    std::vector<Checked> rows(batch.size());
    std::map<EntryKey, std::size_t> seen;
    for (std::size_t i = 0; i < batch.size(); ++i) {
        const auto& in = batch[i];
        const std::size_t before = result.problems.size();
        auto problem = [&](std::string field, std::string message) {
            result.problems.push_back({i, std::move(field), std::move(message)});
        };
        std::string default_currency;
        if (!in.buyer.empty()) {
            if (auto b = buyer_of(buyers, in.buyer, problem, failed)) {
                rows[i].buyer = b->key.value;
                default_currency = b->default_currency;
            }
        } else {
            const std::pair<const char*, const std::string*> contract_only[] = {
                {"min_qty", &in.min_qty},
                {"valid_from", &in.valid_from},
                {"valid_to", &in.valid_to}};
            for (const auto& [name, value] : contract_only) {
                if (!value->empty())
                    problem(name, "applies to a buyer's contract entries only: give \"buyer\"");
            }
            auto st = conn.prepare("SELECT currency FROM product WHERE sku = ?1");
            st.bind(1, in.sku);
            auto row = st.step();
            if (!row)
                return row.error();
            if (*row)
                default_currency = st.text(0);
        }
        if (failed)
            return *failed;
        auto checked = detail::check_price_entry(
            conn, {in.sku, in.price, in.currency, in.min_qty, in.valid_from, in.valid_to},
            default_currency, rows[i].entry, [&](detail::PriceField f, const std::string& message) {
                problem(std::string(field_name(f)), message);
            });
        if (!checked)
            return checked.error();
        if (result.problems.size() != before)
            continue;
        if (auto [it, fresh] = seen.emplace(key_of(rows[i].buyer.value_or(0), rows[i].entry), i);
            !fresh) {
            problem("sku", rows[i].buyer ? "has this buyer, min_qty and valid_from already (row " +
                                               std::to_string(it->second) + ")"
                                         : "has its list price already (row " +
                                               std::to_string(it->second) + ")");
        }
    }
    if (!result.problems.empty())
        return result;

    auto tx = WriteTransaction::begin(conn);
    if (!tx)
        return tx.error();
    // List prices live on the product rows an import may be rebuilding; contract prices
    // do not, and go ahead.
    if (std::any_of(rows.begin(), rows.end(), [](const auto& row) { return !row.buyer; })) {
        if (auto r = detail::refuse_during_catalog_build(conn); !r)
            return r.error();
    }
    const std::int64_t at = to_unix(now());
    for (const auto& row : rows) {
        const auto& e = row.entry;
        if (!row.buyer) {
            auto st = conn.prepare(
                "UPDATE product SET list_price = ?2, currency = ?3, updated_at = ?4"
                " WHERE id = ?1 AND (list_price IS NOT ?2 OR currency IS NOT ?3)");
            st.bind(1, e.product_id).bind(2, e.price).bind(3, e.currency).bind(4, at);
            if (auto r = st.run(); !r)
                return r.error();
            ++(conn.changes() > 0 ? result.updated : result.unchanged);
            continue;
        }
        auto found = conn.prepare(
            "SELECT id, price = ?5 AND currency = ?6 AND valid_to IS ?7 FROM contract_price"
            " WHERE buyer_id = ?1 AND product_id = ?2 AND min_qty = ?3 AND valid_from IS ?4");
        found.bind(1, *row.buyer)
            .bind(2, e.product_id)
            .bind(3, e.min_qty)
            .bind(4, e.from)
            .bind(5, e.price)
            .bind(6, e.currency)
            .bind(7, e.to);
        auto hit = found.step();
        if (!hit)
            return hit.error();
        if (*hit) {
            const auto id = found.int64(0);
            if (found.int64(1) != 0) {
                ++result.unchanged;
                continue;
            }
            auto st = conn.prepare(
                "UPDATE contract_price SET price = ?2, currency = ?3, valid_to = ?4 WHERE id = ?1");
            st.bind(1, id).bind(2, e.price).bind(3, e.currency).bind(4, e.to);
            if (auto r = st.run(); !r)
                return r.error();
            ++result.updated;
            continue;
        }
        auto st = conn.prepare(
            "INSERT INTO contract_price (buyer_id, product_id, price, currency, min_qty,"
            " valid_from, valid_to, created_at) VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8)");
        st.bind(1, *row.buyer)
            .bind(2, e.product_id)
            .bind(3, e.price)
            .bind(4, e.currency)
            .bind(5, e.min_qty)
            .bind(6, e.from)
            .bind(7, e.to)
            .bind(8, at);
        if (auto r = st.run(); !r)
            return r.error();
        ++result.inserted;
    }
    if (auto r = tx->commit(); !r)
        return r.error();
    return result;
}

Result<PriceBatchResult> delete_prices(Connection& conn, const std::vector<PriceKey>& batch) {
    if (auto refused = detail::batch_size_error(batch.size(), max_price_batch))
        return *refused;
    PriceBatchResult result;
    BuyerLookup buyers(conn);
    std::optional<Error> failed;
    std::vector<Checked> rows(batch.size());
    for (std::size_t i = 0; i < batch.size(); ++i) {
        const auto& in = batch[i];
        auto problem = [&](std::string field, std::string message) {
            result.problems.push_back({i, std::move(field), std::move(message)});
        };
        if (in.buyer.empty())
            problem("buyer",
                    "is missing: only a buyer's contract entries are removed (a "
                    "product keeps a list price)");
        else if (auto b = buyer_of(buyers, in.buyer, problem, failed))
            rows[i].buyer = b->key.value;
        if (failed)
            return *failed;
        // The key's fields are checked as an entry's are; the price is not part of it.
        auto checked = detail::check_price_entry(
            conn, {in.sku, "0", "", in.min_qty, in.valid_from, ""}, "EUR", rows[i].entry,
            [&](detail::PriceField f, const std::string& message) {
                problem(std::string(field_name(f)), message);
            });
        if (!checked)
            return checked.error();
    }
    if (!result.problems.empty())
        return result;
    auto tx = WriteTransaction::begin(conn);
    if (!tx)
        return tx.error();
    for (std::size_t i = 0; i < rows.size(); ++i) {
        const auto& e = rows[i].entry;
        auto st = conn.prepare(
            "DELETE FROM contract_price WHERE buyer_id = ?1 AND product_id = ?2 AND min_qty = ?3"
            " AND valid_from IS ?4");
        st.bind(1, *rows[i].buyer).bind(2, e.product_id).bind(3, e.min_qty).bind(4, e.from);
        if (auto r = st.run(); !r)
            return r.error();
        if (conn.changes() > 0)
            result.deleted += static_cast<std::size_t>(conn.changes());
        else
            result.absent.push_back(i);
    }
    if (auto r = tx->commit(); !r)
        return r.error();
    return result;
}

}  // namespace punchout::catalog
