#include "catalog/cif_export.hpp"

#include "catalog/catalog_view.hpp"
#include "catalog/detail/visibility_sql.hpp"
#include "catalog/price.hpp"
#include "catalog/product.hpp"
#include "catalog/read_transaction.hpp"

#include <array>
#include <string_view>

namespace punchout::catalog {
namespace {

// CIF 3.0's twelve standard fields first (the order its specification lists them), then
// the optional ones we fill.
constexpr std::array<std::string_view, 16> fields{
    "Supplier ID",
    "Supplier Part ID",
    "Manufacturer Part ID",
    "Item Description",
    "SPSC Code",
    "Unit Price",
    "Unit of Measure",
    "Lead Time",
    "Manufacturer Name",
    "Supplier URL",
    "Manufacturer URL",
    "Market Price",
    "Short Name",
    "Image",
    "Currency",
    "Price Unit Quantity",
};
constexpr std::array<std::string_view, 2> punchout_fields{"PunchOut Enabled", "PunchOut Level"};

constexpr std::size_t page_size = 1000;

// A CIF field: quoted (quotes doubled) when it holds a comma, a quote or edge spaces, as
// CSV does; our text has no line breaks (the field rules refuse them outside long
// descriptions, which CIF has no field for).
void field(std::ostream& out, std::string_view text, bool first = false) {
    if (!first)
        out << ',';
    const bool quote = text.find_first_of(",\"") != std::string_view::npos ||
                       (!text.empty() && (text.front() == ' ' || text.back() == ' '));
    if (!quote) {
        out << text;
        return;
    }
    out << '"';
    for (char c : text) {
        if (c == '"')
            out << '"';
        out << c;
    }
    out << '"';
}

std::string cif_timestamp(Timestamp at) {
    std::string t = format_timestamp(at);  // 2026-12-03T07:40:05Z
    t[10] = ' ';
    t.pop_back();
    return t;
}

Result<std::int64_t> count_visible(Connection& conn, BuyerKey buyer) {
    auto st =
        conn.prepare("SELECT count(*) FROM product p WHERE " + detail::visibility_condition("?1"));
    st.bind(1, buyer.value);
    auto r = st.step();
    if (!r)
        return r.error();
    return st.int64(0);
}

}  // namespace

Result<std::int64_t> export_catalog_cif(Connection& conn, const Buyer& buyer,
                                        const CifExportOptions& options, std::ostream& out) {
    if (options.supplier.domain.empty() || options.supplier.identity.empty())
        return Error{Errc::invalid, "the CIF needs our Supplier ID (a domain and an identity)"};
    if (options.punchout && !options.punchout_url.starts_with("https://") &&
        !options.punchout_url.starts_with("http://")) {
        return Error{Errc::invalid,
                     "a punchout CIF needs the http(s) URL the buyer's system posts its "
                     "PunchOutSetupRequest to"};
    }
    auto tx = ReadTransaction::begin(conn);
    if (!tx)
        return tx.error();
    auto count = count_visible(conn, buyer.key);
    if (!count)
        return count.error();

    out << "CIF_I_V3.0\r\n"
        << "CHARSET: UTF-8\r\n"
        << "LOADMODE: F\r\n"
        << "CODEFORMAT: UNSPSC\r\n"
        << "CURRENCY: " << buyer.default_currency << "\r\n"
        << "SUPPLIERID_DOMAIN: " << options.supplier.domain << "\r\n"
        << "ITEMCOUNT: " << *count << "\r\n"
        << "TIMESTAMP: " << cif_timestamp(options.at) << "\r\n"
        << "UNUOM: TRUE\r\n"
        << "COMMENTS: " << buyer.name << (options.punchout ? ", Level 2 punchout" : "")
        << "\r\nFIELDNAMES: ";
    bool first = true;
    for (auto name : fields) {
        out << (first ? "" : ", ") << name;
        first = false;
    }
    if (options.punchout) {
        for (auto name : punchout_fields)
            out << ", " << name;
    }
    out << "\r\nDATA\r\n";

    std::int64_t written = 0;
    std::string after;
    for (;;) {
        auto page = list_products(conn, after, page_size);
        if (!page)
            return page.error();
        if (page->empty())
            break;
        after = page->back().sku;
        for (const auto& p : *page) {
            auto may_see = visible(conn, buyer.key, p.sku);
            if (!may_see)
                return may_see.error();
            if (!*may_see)
                continue;
            auto price = resolve_price(conn, buyer.key, p.sku, Amount::from_units(Amount::scale),
                                       options.at);
            if (!price)
                return price.error();
            field(out, options.supplier.identity, true);
            field(out, p.sku);
            field(out, p.manufacturer_part);
            field(out, p.description);
            field(out, p.unspsc);
            field(out, price->price.to_string(2));
            field(out, buyer.unit_for(p.uom));
            field(out, p.lead_time_days ? std::to_string(*p.lead_time_days) : "");
            field(out, p.manufacturer);
            field(out, options.punchout ? options.punchout_url : p.datasheet_url);
            field(out, "");
            field(out, p.list_price.to_string(2));
            field(out, p.short_name);
            field(out, p.image_url);
            field(out, price->currency);
            field(out, p.price_basis_quantity.to_string());
            if (options.punchout) {
                field(out, "TRUE");
                field(out, "product");
            }
            out << "\r\n";
            ++written;
        }
    }
    out << "ENDOFDATA\r\n";
    if (!out)
        return Error{Errc::storage, "the CIF could not be written"};
    return written;
}

}  // namespace punchout::catalog
