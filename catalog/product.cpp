#include "catalog/product.hpp"

#include "catalog/detail/catalog_swap.hpp"
#include "catalog/write_transaction.hpp"

namespace punchout::catalog {
namespace {

constexpr const char* product_columns =
    "p.sku, p.description, p.short_name, p.long_description, p.unspsc, p.uom,"
    " p.price_basis_quantity, p.list_price, p.currency, p.manufacturer, p.manufacturer_part,"
    " p.lead_time_days, coalesce(c.path, ''), p.image_url, p.datasheet_url, p.created_at,"
    " p.updated_at, p.attributes";

Product read_product(const Statement& st) {
    Product p;
    p.sku = st.text(0);
    p.description = st.text(1);
    p.short_name = st.text(2);
    p.long_description = st.text(3);
    p.unspsc = st.text(4);
    p.uom = st.text(5);
    p.price_basis_quantity = Amount::from_units(st.int64(6));
    p.list_price = Amount::from_units(st.int64(7));
    p.currency = st.text(8);
    p.manufacturer = st.text(9);
    p.manufacturer_part = st.text(10);
    if (auto d = st.optional_int64(11))
        p.lead_time_days = static_cast<int>(*d);
    p.category = st.text(12);
    p.image_url = st.text(13);
    p.datasheet_url = st.text(14);
    p.created_at = from_unix(st.int64(15));
    p.updated_at = from_unix(st.int64(16));
    return p;
}

}  // namespace

Result<Product> find_product(Connection& conn, std::string_view sku) {
    auto st = conn.prepare(std::string("SELECT ") + product_columns +
                           " FROM product p LEFT JOIN category c ON c.id = p.category_id"
                           " WHERE p.sku = ?1");
    st.bind(1, sku);
    auto row = st.step();
    if (!row)
        return row.error();
    if (!*row)
        return Error{Errc::not_found, "no product with SKU '" + std::string(sku) + "'"};
    Product p = read_product(st);
    // The spec table is a JSON object; SQLite's json_each reads it in stored order.
    auto attrs = conn.prepare("SELECT key, value FROM json_each(?1)");
    attrs.bind(1, st.text_view(17));
    for (;;) {
        auto r = attrs.step();
        if (!r)
            return r.error();
        if (!*r)
            break;
        p.attributes.emplace_back(attrs.text(0), attrs.text(1));
    }
    return p;
}

Result<std::vector<Product>> list_products(Connection& conn, std::string_view after_sku,
                                           std::size_t limit) {
    auto st = conn.prepare(std::string("SELECT ") + product_columns +
                           " FROM product p LEFT JOIN category c ON c.id = p.category_id"
                           " WHERE p.sku > ?1 ORDER BY p.sku LIMIT ?2");
    st.bind(1, after_sku).bind(2, static_cast<std::int64_t>(limit));
    std::vector<Product> out;
    for (;;) {
        auto r = st.step();
        if (!r)
            return r.error();
        if (!*r)
            return out;
        out.push_back(read_product(st));
    }
}

Result<std::int64_t> count_products(Connection& conn) {
    auto st = conn.prepare("SELECT count(*) FROM product");
    auto r = st.step();
    if (!r)
        return r.error();
    return st.int64(0);
}

Result<void> delete_product(Connection& conn, std::string_view sku) {
    auto tx = WriteTransaction::begin(conn);
    if (!tx)
        return tx.error();
    if (auto r = detail::refuse_during_catalog_build(conn); !r)
        return r;
    auto st = conn.prepare("DELETE FROM product WHERE sku = ?1");
    st.bind(1, sku);
    if (auto r = st.run(); !r)
        return r;
    if (conn.changes() == 0) {
        return Error{Errc::not_found, "no product with SKU '" + std::string(sku) + "'"};
    }
    return tx->commit();
}

}  // namespace punchout::catalog
