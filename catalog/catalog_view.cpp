#include "catalog/catalog_view.hpp"

#include "catalog/detail/field_rules.hpp"
#include "catalog/detail/visibility_sql.hpp"
#include "catalog/write_transaction.hpp"

namespace punchout::catalog {

Result<bool> visible(Connection& conn, BuyerKey buyer, std::string_view sku) {
    auto st = conn.prepare("SELECT " + detail::visibility_condition("?2") +
                           " FROM product p WHERE p.sku = ?1");
    st.bind(1, sku).bind(2, buyer.value);
    auto row = st.step();
    if (!row)
        return row.error();
    if (!*row)
        return Error{Errc::not_found, "no product with SKU '" + std::string(sku) + "'"};
    return st.int64(0) != 0;
}

Result<std::optional<Product>> find_visible_product(Connection& conn, BuyerKey buyer,
                                                    std::string_view sku) {
    auto product = find_product(conn, sku);
    if (!product) {
        if (product.error().code == Errc::not_found)
            return std::optional<Product>();
        return product.error();
    }
    auto may_see = visible(conn, buyer, sku);
    if (!may_see)
        return may_see.error();
    if (!*may_see)
        return std::optional<Product>();
    return std::optional<Product>(std::move(*product));
}

Result<void> set_view_skus(Connection& conn, BuyerKey buyer, const std::vector<std::string>& skus) {
    for (const auto& sku : skus) {
        if (auto p = detail::check_identifier(sku)) {
            return Error{Errc::invalid, "SKU '" + sku + "' " + *p};
        }
    }
    auto tx = WriteTransaction::begin(conn);
    if (!tx)
        return tx.error();
    auto clear = conn.prepare("DELETE FROM buyer_view_sku WHERE buyer_id = ?1");
    clear.bind(1, buyer.value);
    if (auto r = clear.run(); !r)
        return r;
    for (const auto& sku : skus) {
        auto st =
            conn.prepare("INSERT OR IGNORE INTO buyer_view_sku (buyer_id, sku) VALUES (?1, ?2)");
        st.bind(1, buyer.value).bind(2, sku);
        if (auto r = st.run(); !r) {
            if (r.error().code == Errc::constraint)
                return Error{Errc::not_found, "no such buyer"};
            return r;
        }
    }
    return tx->commit();
}

Result<std::vector<std::string>> view_skus(Connection& conn, BuyerKey buyer) {
    auto st = conn.prepare("SELECT sku FROM buyer_view_sku WHERE buyer_id = ?1 ORDER BY sku");
    st.bind(1, buyer.value);
    std::vector<std::string> out;
    if (auto r = st.for_each_row([&](Statement& row) { out.push_back(row.text(0)); }); !r)
        return r.error();
    return out;
}

}  // namespace punchout::catalog
