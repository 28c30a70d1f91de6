#include "catalog/buyer.hpp"
#include "catalog/catalog_import.hpp"
#include "catalog/catalog_view.hpp"
#include "catalog/cif_export.hpp"
#include "catalog/fault_injection.hpp"
#include "catalog/price.hpp"
#include "catalog/product.hpp"
#include "tests/catalog/support.hpp"

#include <sstream>

using namespace punchout::catalog;
using namespace punchout::catalog::test;

namespace {

// 2026-12-03T07:00:00Z
const Timestamp now_at = from_unix(1796281200);

struct Fixture {
    TempDir dir;
    Database db = Database::open(dir / "c.db");
    Connection conn = db.connect();
    Buyer acme;

    Fixture() {
        std::istringstream csv(
            "sku,description,uom,price,currency,unspsc,category,manufacturer,manufacturer_part,"
            "short_name,lead_time_days,price_basis_quantity,image_url,datasheet_url\n"
            "HB-M8-40,\"Hex bolt M8 x 40, DIN 933\",PK,12.50,EUR,31161503,Fasteners > Bolts,"
            "Nordbolt,NB-933-8-40,Hex bolt M8,3,1,https://img.example/hb.png,"
            "https://docs.example/hb.pdf\n"
            "CD-18V,\"Cordless drill 18 V \"\"Pro\"\"\",EA,149,EUR,27112700,Tools > Drills,"
            "Drillco,DC-18,,,1,,\n"
            "CABLE-1,Cable per 100 m,MTR,45.0000,EUR,26121600,Electrical,,,,,100,,\n"
            "SECRET-1,Not for acme,EA,1,EUR,40151500,Hidden,,,,,1,,\n");
        REQUIRE(import_catalog_csv(conn, csv, "c.csv").applied);
        Buyer b;
        b.id = "acme";
        b.name = "Acme Oy";
        b.credentials = {{"DUNS", "100200300"}};
        b.view_categories = {"Fasteners", "Tools", "Electrical"};
        b.unit_map = {{"EA", "ST"}};
        auto added = add_buyer(conn, b);
        REQUIRE(added.ok());
        acme = *added;
        ContractPrice cp;
        cp.sku = "CD-18V";
        cp.price = *Amount::parse("129.90");
        REQUIRE(set_contract_price(conn, acme.key, cp).ok());
    }

    std::string exported(const CifExportOptions& options, std::int64_t expect_items) {
        std::ostringstream out;
        auto r = export_catalog_cif(conn, acme, options, out);
        INFO((r ? "" : r.error().message));
        REQUIRE(r.ok());
        CHECK(*r == expect_items);
        return out.str();
    }
};

CifExportOptions ours() {
    CifExportOptions o;
    o.supplier = {"DUNS", "555000111"};
    o.at = now_at;
    return o;
}

}  // namespace

TEST_CASE("a CIF export holds the buyer's view, its prices and units, in CIF 3.0 form",
          "[cif_export]") {
    Fixture f;
    const std::string cif = f.exported(ours(), 3);
    INFO(cif);
    CHECK(
        cif.starts_with("CIF_I_V3.0\r\nCHARSET: UTF-8\r\nLOADMODE: F\r\nCODEFORMAT: UNSPSC\r\n"
                        "CURRENCY: EUR\r\nSUPPLIERID_DOMAIN: DUNS\r\nITEMCOUNT: 3\r\n"
                        "TIMESTAMP: 2026-12-03 07:00:00\r\n"));
    CHECK(cif.find("\r\nFIELDNAMES: Supplier ID, Supplier Part ID, Manufacturer Part ID, Item "
                   "Description, SPSC Code, Unit Price, Unit of Measure, Lead Time, Manufacturer "
                   "Name, Supplier URL, Manufacturer URL, Market Price, Short Name, Image, "
                   "Currency, Price Unit Quantity\r\nDATA\r\n") != std::string::npos);
    // By SKU; a comma or a quote quotes the field; the contract price is the Unit Price and
    // the list price the Market Price; EA goes out as the buyer's ST.
    CHECK(cif.find("\r\n555000111,CABLE-1,,Cable per 100 m,26121600,45.00,MTR,,,,,45.00,,,EUR,"
                   "100\r\n555000111,CD-18V,DC-18,\"Cordless drill 18 V \"\"Pro\"\"\",27112700,"
                   "129.90,ST,,Drillco,,,149.00,,,EUR,1\r\n555000111,HB-M8-40,NB-933-8-40,"
                   "\"Hex bolt M8 x 40, DIN 933\",31161503,12.50,PK,3,Nordbolt,"
                   "https://docs.example/hb.pdf,,12.50,Hex bolt M8,https://img.example/hb.png,"
                   "EUR,1\r\nENDOFDATA\r\n") != std::string::npos);
    CHECK(cif.find("SECRET-1") == std::string::npos);
}

TEST_CASE("a punchout CIF marks every item PunchOut Enabled at product level", "[cif_export]") {
    Fixture f;
    auto o = ours();
    o.punchout = true;
    o.punchout_url = "https://punchout.supplier.example/cxml";
    const std::string cif = f.exported(o, 3);
    INFO(cif);
    CHECK(cif.find("COMMENTS: Acme Oy, Level 2 punchout\r\n") != std::string::npos);
    CHECK(cif.find(", Price Unit Quantity, PunchOut Enabled, PunchOut Level\r\nDATA") !=
          std::string::npos);
    CHECK(cif.find("Nordbolt,https://punchout.supplier.example/cxml,,12.50,Hex bolt M8,"
                   "https://img.example/hb.png,EUR,1,TRUE,product\r\n") != std::string::npos);

    o.punchout_url = "javascript:alert(1)";
    std::ostringstream out;
    auto r = export_catalog_cif(f.conn, f.acme, o, out);
    REQUIRE_FALSE(r);
    CHECK(r.error().code == Errc::invalid);
    CHECK(out.str().empty());
}

TEST_CASE("an exported CIF imports back into the same products", "[cif_export]") {
    Fixture f;
    f.acme.unit_map.clear();  // our own units, as another store of ours would load them
    const std::string cif = f.exported(ours(), 3);

    TempDir other;
    Database db2 = Database::open(other / "c.db");
    Connection conn2 = db2.connect();
    std::istringstream in(cif);
    const auto report = import_catalog_cif(conn2, in, "acme.cif");
    std::string issues;
    for (const auto& issue : report.issues)
        issues += issue.to_string() + "\n";
    INFO(issues);
    REQUIRE(report.applied);
    CHECK(*count_products(conn2) == 3);
    for (const char* sku : {"HB-M8-40", "CABLE-1"}) {
        const auto a = find_product(f.conn, sku);
        const auto b = find_product(conn2, sku);
        REQUIRE(a.ok());
        REQUIRE(b.ok());
        CHECK(b->description == a->description);
        CHECK(b->uom == a->uom);
        CHECK(b->unspsc == a->unspsc);
        CHECK(b->list_price == a->list_price);
        CHECK(b->price_basis_quantity == a->price_basis_quantity);
        CHECK(b->manufacturer == a->manufacturer);
        CHECK(b->manufacturer_part == a->manufacturer_part);
        CHECK(b->short_name == a->short_name);
        CHECK(b->lead_time_days == a->lead_time_days);
        CHECK(b->image_url == a->image_url);
        CHECK(b->datasheet_url == a->datasheet_url);
    }
    // The buyer's contract price is what its catalog holds.
    CHECK(find_product(conn2, "CD-18V")->list_price == *Amount::parse("129.90"));
}

TEST_CASE("a CIF export needs our Supplier ID", "[cif_export]") {
    Fixture f;
    CifExportOptions o = ours();
    o.supplier = {};
    std::ostringstream out;
    auto r = export_catalog_cif(f.conn, f.acme, o, out);
    REQUIRE_FALSE(r);
    CHECK(r.error().code == Errc::invalid);
    CHECK(out.str().empty());
}

TEST_CASE("a store failure at any step of an export is reported, never a short file",
          "[cif_export][fault]") {
    namespace t = punchout::catalog::testing;
    REQUIRE(t::fault_injection_available());
    Fixture f;
    t::count_steps();
    const std::string whole = f.exported(ours(), 3);
    const auto steps = t::steps_seen();
    t::disarm_fault();
    REQUIRE(steps > 5);
    for (std::uint64_t n = 1; n <= steps; ++n) {
        CAPTURE(n);
        std::ostringstream out;
        Result<std::int64_t> r = std::int64_t{0};
        {
            t::ScopedFault fault({t::Fault::io_error, n, {}, false});
            r = export_catalog_cif(f.conn, f.acme, ours(), out);
        }
        if (r) {
            // Only the read transaction's closing COMMIT may fail unnoticed: the snapshot
            // was read whole by then.
            CHECK(n == steps);
            CHECK(out.str() == whole);
            continue;
        }
        CHECK(r.error().code == Errc::storage);
        CHECK(out.str().find("ENDOFDATA") == std::string::npos);
    }
    // And the store is fine afterwards.
    CHECK(f.exported(ours(), 3) == whole);
}
