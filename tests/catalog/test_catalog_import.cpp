#include "catalog/catalog_import.hpp"
#include "catalog/product.hpp"
#include "catalog/read_transaction.hpp"
#include "tests/catalog/support.hpp"

#include <atomic>
#include <sstream>
#include <thread>

using namespace punchout::catalog;
using namespace punchout::catalog::test;

namespace {

const std::string header = "sku,description,uom,price,currency,unspsc\n";

ImportReport import_csv(Connection& conn, const std::string& text,
                        const ImportOptions& options = {}) {
    std::istringstream in(text);
    return import_catalog_csv(conn, in, "test.csv", options);
}

ImportReport import_cif(Connection& conn, const std::string& text) {
    std::istringstream in(text);
    return import_catalog_cif(conn, in, "test.cif");
}

std::string issues_text(const ImportReport& r) {
    std::string text;
    for (const auto& i : r.issues)
        text += i.to_string() + "\n";
    return text;
}

// The single issue a one-bad-row file produces.
ImportIssue only_issue(const ImportReport& r) {
    INFO(issues_text(r));
    REQUIRE_FALSE(r.applied);
    REQUIRE(r.issues.size() == 1);
    return r.issues[0];
}

struct Db {
    TempDir dir;
    Database db = Database::open(dir / "c.db");
    Connection conn = db.connect();
};

}  // namespace

TEST_CASE("a catalog CSV with quoting, UTF-8, attributes and categories imports exactly") {
    Db t;
    auto r = import_catalog_file(t.conn, fixture("basic.csv"));
    INFO(issues_text(r));
    REQUIRE(r.applied);
    CHECK(r.rows == 3);
    CHECK(r.inserted == 3);
    CHECK(r.issue_count == 0);

    auto bolt = find_product(t.conn, "HB-M8-40");
    REQUIRE(bolt.ok());
    CHECK(bolt->description == "Hex bolt M8 x 40, DIN 933");
    CHECK(bolt->long_description ==
          "Zinc-plated steel hex bolt.\r\nSold in packs of 100; \"8.8\" strength class.");
    CHECK(bolt->list_price.to_string(2) == "12.50");
    CHECK(bolt->currency == "EUR");
    CHECK(bolt->uom == "PK");
    CHECK(bolt->unspsc == "31161500");
    CHECK(bolt->manufacturer == "Nordbolt");
    CHECK(bolt->manufacturer_part == "NB-933-0840");
    CHECK(bolt->lead_time_days == 3);
    CHECK(bolt->category == "Fasteners > Bolts > Hex bolts");
    CHECK(bolt->price_basis_quantity.to_string() == "1");
    CHECK(bolt->image_url == "https://cdn.example.com/img/HB-M8-40.jpg");
    using Attrs = std::vector<std::pair<std::string, std::string>>;
    CHECK(bolt->attributes == Attrs{{"Material", "Steel 8.8"}, {"Length", "40 mm"}});

    auto gloves = find_product(t.conn, "SG-NIT-L");
    REQUIRE(gloves.ok());
    CHECK(gloves->description == "Nitrile gloves size L (K\xC3\xA4sineet)");
    CHECK(gloves->attributes == Attrs{{"Material", "Nitrile"}});  // empty cell: no attribute
    CHECK_FALSE(gloves->lead_time_days.has_value());

    // Every level of every category path exists, linked to its parent.
    CHECK(query_int(t.conn, "SELECT count(*) FROM category") == 7);
    CHECK(query_text(t.conn,
                     "SELECT p.path FROM category c JOIN category p ON p.id = c.parent_id "
                     "WHERE c.path = 'Fasteners > Bolts > Hex bolts'") == "Fasteners > Bolts");
    // And the products are searchable at once.
    CHECK(query_int(t.conn, "SELECT count(*) FROM product_fts WHERE product_fts MATCH 'nitrile'") ==
          1);
    CHECK(find_product(t.conn, "NOPE").error().code == Errc::not_found);
}

TEST_CASE("columns may come in any order") {
    Db a, b;
    REQUIRE(import_csv(a.conn,
                       "sku,description,uom,price,currency,unspsc,attr:Colour\n"
                       "X-1,Widget,EA,1.5,EUR,31161500,Red\n")
                .applied);
    REQUIRE(import_csv(b.conn,
                       "attr:Colour,unspsc,currency,price,uom,description,sku\n"
                       "Red,31161500,EUR,1.5,EA,Widget,X-1\n")
                .applied);
    auto pa = find_product(a.conn, "X-1");
    auto pb = find_product(b.conn, "X-1");
    CHECK(pa->description == pb->description);
    CHECK(pa->list_price == pb->list_price);
    CHECK(pa->attributes == pb->attributes);
    CHECK(pa->unspsc == pb->unspsc);
}

TEST_CASE("header names are matched without regard to case or surrounding spaces") {
    Db t;
    auto r = import_csv(t.conn,
                        "SKU, Description ,UOM,Price,Currency,UNSPSC\nX-1,W,EA,1,EUR,31161500\n");
    INFO(issues_text(r));
    CHECK(r.applied);
}

TEST_CASE("an unknown column is rejected by name, a missing one by name too") {
    Db t;
    auto r = import_csv(t.conn, "sku,description,uom,price,currency,colour\nX,W,EA,1,EUR,red\n");
    REQUIRE_FALSE(r.applied);
    REQUIRE(r.issues.size() == 2);
    CHECK(r.issues[0].line == 1);
    CHECK(r.issues[0].column == "colour");
    CHECK_THAT(r.issues[0].message, Catch::Contains("is not a catalog column"));
    CHECK_THAT(r.issues[0].message, Catch::Contains("attr:NAME"));
    CHECK(r.issues[1].column == "unspsc");
    CHECK_THAT(r.issues[1].message, Catch::Contains("required column is missing"));
    CHECK(query_int(t.conn, "SELECT count(*) FROM product") == 0);
}

TEST_CASE("a column given twice and an attr: column without a name are rejected") {
    Db t;
    auto r = import_csv(t.conn, "sku,description,uom,price,currency,unspsc,price,attr:\n");
    REQUIRE(r.issues.size() == 2);
    CHECK(r.issues[0].column == "price");
    CHECK_THAT(r.issues[0].message, Catch::Contains("twice"));
    CHECK(r.issues[1].column == "attr:");
}

TEST_CASE("every kind of bad value is named with file, line, column and value") {
    struct Case {
        std::string row;
        std::string column;
        std::string value;
        std::string message;
    };
    const Case cases[] = {
        {"X,W,EA,abc,EUR,31161500", "price", "abc", "is not a decimal number"},
        {"X,W,EA,\"12,50\",EUR,31161500", "price", "12,50", "dot as the decimal separator"},
        {"X,W,EA,1.23456,EUR,31161500", "price", "1.23456", "at most 4 decimals"},
        {"X,W,EA,-1,EUR,31161500", "price", "-1", "is negative"},
        {"X,W,EACH,1,EUR,31161500", "uom", "EACH", "UN/CEFACT Rec. 20"},
        {"X,W,ea,1,EUR,31161500", "uom", "ea", "UN/CEFACT Rec. 20"},
        {"X,W,EA,1,EUR,31.16.15.00", "unspsc", "31.16.15.00", "exactly 8 digits, no dots"},
        {"X,W,EA,1,EUR,3116150", "unspsc", "3116150", "exactly 8 digits"},
        {"X,W,EA,1,euro,31161500", "currency", "euro", "ISO 4217"},
        {"X,,EA,1,EUR,31161500", "description", "", "is required"},
        {"X,W\x01,EA,1,EUR,31161500", "description", "W\x01", "control character 0x01"},
        {"X,W\xC3(,EA,1,EUR,31161500", "description", "W\xC3(", "not valid UTF-8"},
        {" X,W,EA,1,EUR,31161500", "sku", " X", "spaces at the start or end"},
        {",W,EA,1,EUR,31161500", "sku", "", "is required"},
    };
    for (const auto& c : cases) {
        DYNAMIC_SECTION(c.row) {
            Db t;
            auto issue = only_issue(import_csv(t.conn, header + c.row + "\n"));
            CHECK(issue.file == "test.csv");
            CHECK(issue.line == 2);
            CHECK(issue.column == c.column);
            CHECK(issue.value == c.value);
            CHECK_THAT(issue.message, Catch::Contains(c.message));
        }
    }
}

TEST_CASE("optional columns are checked too") {
    const std::string h = "sku,description,uom,price,currency,unspsc,";
    struct Case {
        std::string column, value, message;
    };
    const Case cases[] = {
        {"lead_time_days", "two", "whole number of days"},
        {"lead_time_days", "-1", "whole number of days"},
        {"lead_time_days", "9999", "more than 3650"},
        {"image_url", "javascript:alert(1)", "http:// or https://"},
        {"datasheet_url", "https://x.example/a b.pdf", "space"},
        {"category", "Tools >  > Drills", "empty level"},
        {"price_basis_quantity", "0", "greater than zero"},
        {"price_basis_quantity", "1,5", "dot as the decimal separator"},
        {"short_name", std::string(300, 'x'), "longer than 255 bytes"},
    };
    for (const auto& c : cases) {
        DYNAMIC_SECTION(c.column << "=" << c.value.substr(0, 20)) {
            Db t;
            auto issue = only_issue(
                import_csv(t.conn, h + c.column + "\nX,W,EA,1,EUR,31161500,\"" + c.value + "\"\n"));
            CHECK(issue.column == c.column);
            CHECK_THAT(issue.message, Catch::Contains(c.message));
            if (c.value.size() > 80)
                CHECK_THAT(issue.value, Catch::EndsWith("..."));
        }
    }
}

TEST_CASE("row-shape problems: field count, stray quotes, duplicate SKUs") {
    Db t;
    auto r = import_csv(t.conn, header +
                                    "A,W,EA,1,EUR,31161500\n"
                                    "B,W,EA,1,EUR\n"
                                    "C,W\"x,EA,1,EUR,31161500\n"
                                    "A,Again,EA,2,EUR,31161500\n");
    INFO(issues_text(r));
    REQUIRE(r.issues.size() == 3);
    CHECK(r.issues[0].line == 3);
    CHECK_THAT(r.issues[0].message, Catch::Contains("has 5 fields; the header has 6"));
    CHECK(r.issues[1].line == 4);
    CHECK_THAT(r.issues[1].message, Catch::Contains("quote inside an unquoted field"));
    CHECK(r.issues[2].line == 5);
    CHECK(r.issues[2].column == "sku");
    CHECK(r.issues[2].value == "A");
    CHECK_THAT(r.issues[2].message, Catch::Contains("first on line 2"));
}

TEST_CASE("a line number counts physical lines, past fields with line breaks") {
    Db t;
    auto issue =
        only_issue(import_csv(t.conn,
                              "sku,description,uom,price,currency,unspsc,long_description\n"
                              "A,W,EA,1,EUR,31161500,\"two\nlines\"\n"
                              "B,W,EA,1,EUR,bad,\n"));
    CHECK(issue.line == 4);
}

TEST_CASE("up to ten issues are listed, all are counted") {
    Db t;
    std::string text = header;
    for (int i = 0; i < 15; ++i)
        text += "S" + std::to_string(i) + ",W,EA,1;5,EUR,31161500\n";
    auto r = import_csv(t.conn, text);
    CHECK_FALSE(r.applied);
    CHECK(r.issues.size() == 10);
    CHECK(r.issue_count == 15);
    CHECK(r.issues.front().line == 2);
    CHECK(r.issues.back().line == 11);
}

TEST_CASE("one bad row rolls back the whole file and leaves the catalog as it was") {
    Db t;
    REQUIRE(import_csv(t.conn, header + "KEEP,Old,EA,5,EUR,31161500\n").applied);
    std::string text = header + "KEEP,New,EA,6,EUR,31161500\n";
    for (int i = 0; i < 99; ++i)
        text += "N" + std::to_string(i) + ",W,EA,1,EUR,31161500\n";
    text += "BAD,W,EA,1,EUR,3116.1500\n";
    auto r = import_csv(t.conn, text);
    CHECK_FALSE(r.applied);
    CHECK(r.rows == 101);
    CHECK(query_int(t.conn, "SELECT count(*) FROM product") == 1);
    CHECK(find_product(t.conn, "KEEP")->description == "Old");
    CHECK(find_product(t.conn, "KEEP")->list_price.to_string() == "5");
    CHECK(query_int(t.conn, "SELECT count(*) FROM category") == 0);
}

TEST_CASE("import is an upsert by SKU that counts what changed") {
    Db t;
    ImportOptions first_time{.now = from_unix(1000)};
    REQUIRE(import_csv(t.conn,
                       header + "A,Alpha,EA,1,EUR,31161500\nB,Beta,EA,2,EUR,31161500\n"
                                "C,Gamma,EA,3,EUR,31161500\n",
                       first_time)
                .applied);
    ImportOptions later{.now = from_unix(2000)};
    auto r = import_csv(t.conn,
                        header +
                            "A,Alpha,EA,1,EUR,31161500\nB,Beta,EA,2.5,EUR,31161500\n"
                            "D,Delta,EA,4,EUR,31161500\n",
                        later);
    REQUIRE(r.applied);
    CHECK(r.inserted == 1);
    CHECK(r.updated == 1);
    CHECK(r.unchanged == 1);
    CHECK(r.deleted == 0);
    CHECK(query_int(t.conn, "SELECT count(*) FROM product") == 4);  // C stays: CSV is an upsert
    auto b = find_product(t.conn, "B");
    CHECK(b->list_price.to_string() == "2.5");
    CHECK(to_unix(b->created_at) == 1000);
    CHECK(to_unix(b->updated_at) == 2000);
    CHECK(to_unix(find_product(t.conn, "A")->updated_at) == 1000);  // unchanged: not touched
}

TEST_CASE("optional columns the file lacks keep their values; present but empty clears") {
    Db t;
    REQUIRE(import_csv(t.conn,
                       "sku,description,uom,price,currency,unspsc,manufacturer,lead_time_days,"
                       "attr:Colour\nA,W,EA,1,EUR,31161500,Acme,5,Red\n")
                .applied);
    REQUIRE(import_csv(t.conn, header + "A,W2,EA,1,EUR,31161500\n").applied);
    auto a = find_product(t.conn, "A");
    CHECK(a->description == "W2");
    CHECK(a->manufacturer == "Acme");
    CHECK(a->lead_time_days == 5);
    CHECK(a->attributes.size() == 1);
    REQUIRE(import_csv(t.conn,
                       "sku,description,uom,price,currency,unspsc,manufacturer,lead_time_days,"
                       "attr:Size\nA,W2,EA,1,EUR,31161500,,,XL\n")
                .applied);
    a = find_product(t.conn, "A");
    CHECK(a->manufacturer.empty());
    CHECK_FALSE(a->lead_time_days.has_value());
    using Attrs = std::vector<std::pair<std::string, std::string>>;
    CHECK(a->attributes == Attrs{{"Size", "XL"}});
}

TEST_CASE("an empty file and a header-only file") {
    Db t;
    auto empty = import_csv(t.conn, "");
    CHECK_FALSE(empty.applied);
    REQUIRE(empty.issues.size() == 1);
    CHECK_THAT(empty.issues[0].message, Catch::Contains("empty"));
    auto header_only = import_csv(t.conn, header);
    CHECK(header_only.applied);
    CHECK(header_only.rows == 0);
}

TEST_CASE("a CIF 3.0 full load imports with the header's defaults") {
    Db t;
    auto r = import_catalog_file(t.conn, fixture("full.cif"));
    INFO(issues_text(r));
    REQUIRE(r.applied);
    CHECK(r.rows == 3);
    auto helmet = find_product(t.conn, "CIF-100");
    REQUIRE(helmet.ok());
    CHECK(helmet->description == "Safety helmet, white");
    CHECK(helmet->currency == "EUR");  // from the CURRENCY header
    CHECK(helmet->list_price.to_string(2) == "19.90");
    CHECK(helmet->manufacturer_part == "MP-100");
    CHECK(helmet->datasheet_url == "https://cdn.example.com/ds/CIF-100.pdf");
    CHECK(helmet->image_url == "https://cdn.example.com/img/CIF-100.jpg");
    CHECK(helmet->short_name == "Helmet white");
    CHECK(helmet->lead_time_days == 5);
    CHECK(find_product(t.conn, "CIF-300")->currency == "USD");  // the row's own currency wins
}

TEST_CASE("a CIF full load replaces the catalog; an incremental one upserts and deletes") {
    Db t;
    REQUIRE(import_csv(t.conn, header + "OLD-1,Old,EA,1,EUR,31161500\n").applied);
    auto full = import_catalog_file(t.conn, fixture("full.cif"));
    REQUIRE(full.applied);
    CHECK(full.deleted == 1);
    CHECK(find_product(t.conn, "OLD-1").error().code == Errc::not_found);

    auto inc = import_catalog_file(t.conn, fixture("incremental.cif"));
    INFO(issues_text(inc));
    REQUIRE(inc.applied);
    CHECK(inc.deleted == 1);
    CHECK(inc.inserted == 1);
    CHECK(inc.updated == 1);
    CHECK(find_product(t.conn, "CIF-100")->list_price.to_string(2) == "21.00");
    // Columns the incremental file lacks (Manufacturer Name) kept their values.
    CHECK(find_product(t.conn, "CIF-100")->manufacturer == "Turva Oy");
    CHECK(find_product(t.conn, "CIF-200").error().code == Errc::not_found);
    CHECK(find_product(t.conn, "CIF-300").ok());
    CHECK(find_product(t.conn, "CIF-400").ok());
}

TEST_CASE("a row marked Delete in a full load is left out of the new catalog") {
    // Oracle's loader documents ignoring Delete in full mode; the supplier plainly meant the
    // item to go, and leaving it out of a full load does exactly that.
    Db t;
    auto r = import_cif(t.conn,
                        "CIF_I_V3.0\nLOADMODE: F\nCURRENCY: EUR\nFIELDNAMES: Supplier Part ID,"
                        "Item Description,SPSC Code,Unit Price,Unit of Measure,Delete\nDATA\n"
                        "A,Keep,31161500,1,EA,F\nB,Go,31161500,1,EA,T\nENDOFDATA\n");
    INFO(issues_text(r));
    REQUIRE(r.applied);
    CHECK(find_product(t.conn, "A").ok());
    CHECK(find_product(t.conn, "B").error().code == Errc::not_found);
}

TEST_CASE("a CIF file in 8859_1 is converted to UTF-8") {
    Db t;
    auto r = import_catalog_file(t.conn, fixture("latin1.cif"));
    INFO(issues_text(r));
    REQUIRE(r.applied);
    CHECK(find_product(t.conn, "LAT-1")->description ==
          "K\xC3\xA4sineet s\xC3\xA4\xC3\xA4nn\xC3\xB6s");
}

TEST_CASE("CIF structure problems are named") {
    const std::string fields =
        "FIELDNAMES: Supplier Part ID,Item Description,SPSC Code,Unit Price,Unit of Measure\n";
    struct Case {
        std::string text, column, message;
    };
    const Case cases[] = {
        {"CIF_I_V2.1\n", "", "only CIF_I_V3.0"},
        {"HELLO\n", "", "not a CIF header"},
        {"CIF_I_V3.0\nCURRENCY: EUR\n" + fields, "", "never reaches the DATA line"},
        {"CIF_I_V3.0\nCURRENCY: EUR\nDATA\nENDOFDATA\n", "FIELDNAMES", "missing"},
        {"CIF_I_V3.0\nLOADMODE: X\nCURRENCY: EUR\n" + fields + "DATA\nENDOFDATA\n", "LOADMODE",
         "not F (full) or I"},
        {"CIF_I_V3.0\nCURRENCY: EUR\n" + fields + "DATA\nA,W,31161500,1,EA\n", "",
         "without ENDOFDATA"},
        {"CIF_I_V3.0\nCURRENCY: EUR\nITEMCOUNT: 2\n" + fields +
             "DATA\nA,W,31161500,1,EA\nENDOFDATA\n",
         "ITEMCOUNT", "does not match the 1 items"},
        {"CIF_I_V3.0\nCURRENCY: EUR\nFIELDNAMES: Supplier Part ID,Item Description,SPSC Code,"
         "Unit Price,Unit of Measure,Colour\nDATA\nENDOFDATA\n",
         "Colour", "not a CIF 3.0 field"},
        {"CIF_I_V3.0\nCURRENCY: EUR\nFIELDNAMES: Supplier Part ID,Item Description,Unit Price,"
         "Unit of Measure\nDATA\nENDOFDATA\n",
         "spsc code", "required CIF field"},
        {"CIF_I_V3.0\n" + fields + "DATA\nA,W,31161500,1,EA\nENDOFDATA\n", "Currency",
         "no currency"},
        {"CIF_I_V3.0\nCHARSET: UTF-16\nCURRENCY: EUR\n" + fields + "DATA\nENDOFDATA\n", "CHARSET",
         "not supported"},
        {"CIF_I_V3.0\nCURRENCY: EUR\n" + fields + "DATA\nA,W,31161500,1,EA\nENDOFDATA\nmore\n", "",
         "after ENDOFDATA"},
    };
    for (const auto& c : cases) {
        DYNAMIC_SECTION(c.message) {
            Db t;
            auto issue = only_issue(import_cif(t.conn, c.text));
            CHECK(issue.column == c.column);
            CHECK_THAT(issue.message, Catch::Contains(c.message));
        }
    }
}

TEST_CASE("CIF rows are checked like CSV rows, with CIF's field names") {
    Db t;
    auto issue = only_issue(import_cif(
        t.conn,
        "CIF_I_V3.0\nCURRENCY: EUR\nFIELDNAMES: Supplier Part ID,Item Description,SPSC Code,"
        "Unit Price,Unit of Measure\nDATA\nA,W,5.11E+15,1,EA\nENDOFDATA\n"));
    CHECK(issue.line == 5);
    CHECK(issue.column == "SPSC Code");
    CHECK(issue.value == "5.11E+15");
}

TEST_CASE("import_catalog_file reports a file it cannot open") {
    Db t;
    auto r = import_catalog_file(t.conn, t.dir / "missing.csv");
    CHECK_FALSE(r.applied);
    REQUIRE(r.issues.size() == 1);
    CHECK_THAT(r.issues[0].to_string(), Catch::Contains("missing.csv: cannot be opened"));
}

TEST_CASE("progress is reported by phase, with rows and bytes") {
    Db t;
    std::string text = header;
    for (int i = 0; i < 9000; ++i)
        text += "P" + std::to_string(i) + ",W,EA,1,EUR,31161500\n";
    std::vector<ImportProgress> seen;
    ImportOptions options{.progress = [&](const ImportProgress& p) { seen.push_back(p); }};
    auto r = import_csv(t.conn, text, options);
    REQUIRE(r.applied);
    REQUIRE(seen.size() == 4);  // rows 4096 and 8192, then applying and done
    CHECK(seen[0].phase == ImportProgress::Phase::validating);
    CHECK(seen[0].rows == 4096);
    CHECK(seen[0].total_bytes == text.size());
    CHECK(seen[2].phase == ImportProgress::Phase::applying);
    CHECK(seen[3].phase == ImportProgress::Phase::done);
    CHECK(seen[3].rows == 9000);
    CHECK(r.lock_time <= r.total_time);
}

TEST_CASE("readers during an import see the old catalog or the new one, never half") {
    TempDir dir;
    auto db = Database::open(dir / "c.db");
    constexpr int old_count = 500, new_count = 3000;
    {
        auto conn = db.connect();
        std::string text = header;
        for (int i = 0; i < old_count; ++i) {
            text += "OLD" + std::to_string(i) + ",Old,EA,1,EUR,31161500\n";
        }
        REQUIRE(import_csv(conn, text).applied);
    }
    std::atomic<bool> done{false};
    std::atomic<int> reads{0}, bad{0}, saw_new{0};
    std::thread reader([&] {
        auto conn = db.connect();
        while (!done) {
            // Two queries in one snapshot must agree with each other and with one catalog.
            auto tx = ReadTransaction::begin(conn);
            const auto n = query_int(conn, "SELECT count(*) FROM product");
            const auto priced =
                query_int(conn, "SELECT count(*) FROM product WHERE list_price = 20000");
            const bool old_state = n == old_count && priced == 0;
            const bool new_state = n == old_count + new_count && priced == old_count + new_count;
            if (!old_state && !new_state)
                ++bad;
            if (new_state)
                ++saw_new;
            ++reads;
        }
    });
    {
        auto conn = db.connect();
        std::string text = header;
        for (int i = 0; i < old_count; ++i)
            text += "OLD" + std::to_string(i) + ",Old,EA,2,EUR,31161500\n";
        for (int i = 0; i < new_count; ++i)
            text += "NEW" + std::to_string(i) + ",New,EA,2,EUR,31161500\n";
        auto r = import_csv(conn, text);
        REQUIRE(r.applied);
    }
    // Let the reader see the committed state at least once.
    while (saw_new == 0)
        std::this_thread::yield();
    done = true;
    reader.join();
    CHECK(reads > 1);
    CHECK(bad == 0);
}

TEST_CASE("the search index stays exact whether an import indexes row by row or in one go") {
    // An import into an empty catalog, or one that rewrites at least about half of it,
    // rebuilds the index in one go; a smaller one goes through the triggers. Either way the
    // index must match the product table exactly.
    Db t;
    auto integrity = [&] {
        // FTS5 checks its index against the product table, which an index that missed a row
        // (or kept a deleted one) fails.
        return t.conn
            .exec("INSERT INTO product_fts (product_fts, rank) VALUES ('integrity-check', 1)")
            .ok();
    };
    auto matches = [&](const std::string& word) {
        return query_int(t.conn,
                         "SELECT count(*) FROM product_fts WHERE product_fts MATCH '" + word + "'");
    };
    // The check itself catches a row the index does not have.
    {
        auto scratch = Database::open(t.dir / "scratch.db");
        auto c = scratch.connect();
        exec(c,
             "DROP TRIGGER product_fts_insert; INSERT INTO product (sku, description, unspsc, uom,"
             " list_price, currency, created_at, updated_at) VALUES ('X', 'Unindexed', "
             "'31161500', 'EA', 1, 'EUR', 0, 0)");
        CHECK_FALSE(
            c.exec("INSERT INTO product_fts (product_fts, rank) VALUES ('integrity-check', 1)")
                .ok());
    }
    auto rows = [](const std::string& word, int n) {
        std::string text;
        for (int i = 0; i < n; ++i) {
            text += "P" + std::to_string(i) + "," + word + " widget,EA,1,EUR,31161500\n";
        }
        return text;
    };
    // 1. A first load: in one go.
    REQUIRE(import_csv(t.conn, header + rows("alpha", 20)).applied);
    CHECK(query_int(t.conn,
                    "SELECT count(*) FROM sqlite_schema WHERE type = 'trigger' AND "
                    "name LIKE 'product_fts_%'") == 3);
    CHECK(integrity());
    CHECK(matches("alpha") == 20);

    // 2. One row changed and one added out of 21: row by row, through the triggers.
    auto small = import_csv(t.conn, header +
                                        "P0,beta widget,EA,1,EUR,31161500\n"
                                        "NEW,gamma widget,EA,1,EUR,31161500\n");
    REQUIRE(small.applied);
    CHECK(small.updated == 1);
    CHECK(small.inserted == 1);
    REQUIRE(delete_product(t.conn, "P1").ok());
    CHECK(integrity());
    CHECK(matches("alpha") == 18);
    CHECK(matches("beta") == 1);
    CHECK(matches("gamma") == 1);

    // 3. Every row changed: in one go on a full catalog.
    auto all = import_csv(t.conn, header + rows("delta", 20));
    REQUIRE(all.applied);
    CHECK(all.updated == 19);
    CHECK(all.inserted == 1);  // P1 came back
    CHECK(integrity());
    CHECK(matches("alpha") == 0);
    CHECK(matches("delta") == 20);
    CHECK(matches("gamma") == 1);  // NEW was not in the file and stays

    // 4. A full CIF load that replaces everything.
    auto full = import_catalog_file(t.conn, fixture("full.cif"));
    REQUIRE(full.applied);
    CHECK(full.deleted == 21);
    CHECK(integrity());
    CHECK(matches("widget") == 0);
    CHECK(matches("helmet") == 1);
    CHECK(query_int(t.conn,
                    "SELECT count(*) FROM sqlite_schema WHERE type = 'trigger' AND "
                    "name LIKE 'product_fts_%'") == 3);
}
