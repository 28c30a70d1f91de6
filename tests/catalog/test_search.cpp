#include "catalog/buyer.hpp"
#include "catalog/catalog_import.hpp"
#include "catalog/catalog_view.hpp"
#include "catalog/inventory.hpp"
#include "catalog/price.hpp"
#include "catalog/search.hpp"
#include "tests/catalog/support.hpp"

#include <map>
#include <sstream>

using namespace punchout::catalog;
using namespace punchout::catalog::test;

namespace {

struct Fixture {
    TempDir dir;
    Database db = Database::open(dir / "c.db");
    Connection conn = db.connect();
    BuyerKey buyer;

    Fixture() {
        auto r = import_catalog_file(conn, fixture("search.csv"));
        INFO((r.issues.empty() ? "" : r.issues[0].to_string()));
        REQUIRE(r.applied);
        Buyer b;
        b.id = "acme";
        b.name = "Acme";
        b.credentials = {{"DUNS", "1"}};
        buyer = add_buyer(conn, b)->key;
    }

    SearchPage run(SearchQuery q) {
        q.buyer = q.buyer.value ? q.buyer : buyer;
        auto r = search(conn, q);
        INFO((r ? "" : r.error().message));
        REQUIRE(r.ok());
        return *r;
    }

    std::vector<std::string> skus(SearchQuery q) {
        std::vector<std::string> out;
        for (const auto& h : run(std::move(q)).hits)
            out.push_back(h.sku);
        return out;
    }
};

SearchQuery text(std::string t) {
    SearchQuery q;
    q.text = std::move(t);
    return q;
}

using Skus = std::vector<std::string>;

}  // namespace

TEST_CASE("search matches words in descriptions, manufacturer and attributes") {
    Fixture f;
    CHECK(f.skus(text("carriage")) == Skus{"CB-M8-30"});
    CHECK(f.skus(text("grinder")) == Skus{"AG-125"});
    // Every term must match.
    CHECK(f.skus(text("hex bolt M10")) == Skus{"HB-M10-60"});
    // Attribute values and the manufacturer's name are searchable.
    CHECK(f.skus(text("stainless")) == Skus{"HB-M10-60"});
    CHECK(f.skus(text("kestrel grinder")) == Skus{"AG-125"});
    // Case and diacritics do not matter.
    CHECK(f.skus(text("KASINEET size L")) == Skus{"SG-NIT-L"});
}

TEST_CASE("search finds SKUs and part numbers exactly and by prefix") {
    Fixture f;
    CHECK(f.skus(text("NUT-M8")) == Skus{"NUT-M8"});
    auto prefix = f.skus(text("HB-M8"));
    CHECK(prefix == Skus{"HB-M8-40", "HB-M8-60"});
    // Equally good matches come in catalog order.
    CHECK(f.skus(text("NB-933")) == Skus{"HB-M8-40", "HB-M8-60", "HB-M10-60"});
    // A code's last piece needs 3 characters to be a prefix ("08" would expand too far).
    CHECK(f.skus(text("NB-933-08")).empty());
    CHECK(f.skus(text("NB-933-084")) == Skus{"HB-M8-40"});
    CHECK(f.skus(text("kt-dr18")) == Skus{"CD-18V"});
    // A plain word is a whole word, not a prefix ("grind" is not "grinder").
    CHECK(f.skus(text("grind")).empty());
    CHECK(f.skus(text("grinder")) == Skus{"AG-125"});
}

TEST_CASE("relevance puts the SKU match first") {
    Fixture f;
    // "M8" appears in many descriptions and attributes; the SKU NUT-M8 names one product.
    auto hits = f.skus(text("nut-m8"));
    REQUIRE_FALSE(hits.empty());
    CHECK(hits.front() == "NUT-M8");
}

TEST_CASE("hostile query text never breaks the search") {
    Fixture f;
    const char* hostile[] = {"\"",
                             "*",
                             "NEAR(",
                             "-",
                             "\"\"\"\"",
                             "bolt\" OR \"glove",
                             "AND",
                             "OR NOT",
                             "description:bolt",
                             "^bolt",
                             "bolt*)",
                             "(((",
                             "'; DROP TABLE product; --",
                             "\xC3\x28",
                             "\xE2\x80\x8B",
                             "{sku description}: bolt",
                             "\t\n ",
                             "NEAR(bolt glove, 2)"};
    for (const char* h : hostile) {
        CAPTURE(h);
        SearchQuery q = text(h);
        q.buyer = f.buyer;
        auto r = search(f.conn, q);
        REQUIRE(r.ok());
    }
    // Quotes are literal: a quoted OR is a word, not an operator.
    CHECK(f.skus(text("bolt\" OR \"glove")).empty());
    // A long input is cut down, not refused.
    SearchQuery q = text(std::string(100000, 'a') + " " + std::string(5000, '"'));
    q.buyer = f.buyer;
    CHECK(search(f.conn, q).ok());
    std::string with_nul("bolt\0x", 6);
    q.text = with_nul;
    CHECK(search(f.conn, q).ok());
    CHECK(search(f.conn, text("NEAR(bolt glove, 2)")).ok());
    CHECK(query_int(f.conn, "SELECT count(*) FROM product") == 13);
}

TEST_CASE("the FTS expression quotes every term") {
    CHECK(fts_expression("hex bolt") == "\"hex\" \"bolt\"");
    CHECK(fts_expression("HB-M8 nut") == "\"HB-M8\" \"nut\"");
    CHECK(fts_expression("FAS-00123") == "\"FAS-00123\" *");
    CHECK(fts_expression("KT-DR18") == "\"KT-DR18\" *");
    CHECK(fts_expression("00123") == "\"00123\" *");
    CHECK(fts_expression("500 ml") == "\"500\" \"ml\"");
    CHECK(fts_expression("10.8 V") == "\"10.8\" \"V\"");
    CHECK(fts_expression("a\"b") == "\"a\"\"b\"");
    CHECK(fts_expression("- * (") == "");
    CHECK(fts_expression("m8 x") == "\"m8\" \"x\"");
}

TEST_CASE("filters: category subtree, manufacturer, in stock") {
    Fixture f;
    SearchQuery bolts;
    bolts.category = "Fasteners > Bolts";
    // Browsing: by category, then in catalog order.
    CHECK(f.skus(bolts) == Skus{"CB-M8-30", "HB-M8-40", "HB-M8-60", "HB-M10-60"});
    CHECK(f.run(bolts).order == SearchOrder::catalog);
    SearchQuery fasteners;
    fasteners.category = "Fasteners";
    CHECK(f.run(fasteners).total == 6);  // the subtree, and the one product on Fasteners itself
    SearchQuery prefix_only;
    prefix_only.category = "Fasten";  // not a path: nothing
    CHECK(f.run(prefix_only).total == 0);

    SearchQuery turva = text("gloves");
    turva.manufacturer = "Turva Oy";
    CHECK(f.run(turva).total == 3);
    turva.manufacturer = "Turva";
    CHECK(f.run(turva).total == 0);

    REQUIRE(set_stock(f.conn, "SG-NIT-M", "Vaasa", *Amount::parse("40")).ok());
    REQUIRE(set_stock(f.conn, "SG-NIT-L", "Vaasa", *Amount::parse("0")).ok());
    SearchQuery stocked = text("gloves");
    stocked.in_stock_only = true;
    CHECK(f.skus(stocked) == Skus{"SG-NIT-M"});
    CHECK(f.run(stocked).hits[0].stock.to_string() == "40");
}

TEST_CASE("sorting by the buyer's price, contract prices included") {
    Fixture f;
    ContractPrice cheap;
    cheap.sku = "SG-NIT-L";
    cheap.price = *Amount::parse("5.00");
    REQUIRE(set_contract_price(f.conn, f.buyer, cheap).ok());
    SearchQuery q = text("gloves");
    q.sort = SearchSort::price_ascending;
    CHECK(f.skus(q) == Skus{"SG-NIT-L", "SG-LTH-L", "SG-NIT-M"});
    q.sort = SearchSort::price_descending;
    CHECK(f.skus(q) == Skus{"SG-NIT-M", "SG-LTH-L", "SG-NIT-L"});
    auto page = f.run(q);
    const auto& hit = page.hits.back();
    CHECK(hit.price.price.to_string(2) == "5.00");
    CHECK(hit.price.source == PriceSource::contract);
    CHECK(hit.list_price.to_string(2) == "8.90");
    // The hit's price is what resolve_price says.
    auto resolved = resolve_price(f.conn, f.buyer, "SG-NIT-L", *Amount::parse("1"), now());
    CHECK(resolved->price == hit.price.price);
    // A tier for 10+ does not change the one-unit order.
    ContractPrice tier = cheap;
    tier.sku = "SG-NIT-M";
    tier.price = *Amount::parse("1.00");
    tier.min_qty = *Amount::parse("10");
    REQUIRE(set_contract_price(f.conn, f.buyer, tier).ok());
    q.sort = SearchSort::price_ascending;
    CHECK(f.skus(q).front() == "SG-NIT-L");
}

TEST_CASE("pages of results with the total and the category tree") {
    Fixture f;
    SearchQuery q;  // browse everything
    q.page_size = 5;
    auto first = f.run(q);
    CHECK(first.total == 13);
    CHECK(first.total_exact);
    CHECK(first.hits.size() == 5);
    q.page = 2;
    auto last = f.run(q);
    CHECK(last.hits.size() == 3);
    std::map<std::string, std::int64_t> counts;
    for (const auto& c : first.categories)
        counts[c.path] = c.count;
    CHECK(counts["Fasteners"] == 6);
    CHECK(counts["Fasteners > Bolts"] == 4);
    CHECK(counts["Fasteners > Bolts > Hex bolts"] == 3);
    CHECK(counts["Safety"] == 4);
    CHECK(counts["Power tools > Drills"] == 2);
    SearchQuery none = text("zzzzzz");
    auto empty = f.run(none);
    CHECK(empty.total == 0);
    CHECK(empty.hits.empty());
    CHECK(empty.categories.empty());
}

TEST_CASE("catalog views restrict search and visible() alike") {
    Fixture f;
    auto b = find_buyer(f.conn, "acme");
    b->view_categories = {"Safety > Gloves", "Power tools"};
    REQUIRE(update_buyer(f.conn, *b).ok());
    REQUIRE(set_view_skus(f.conn, f.buyer, {"NUT-M8", "NOT-YET-IN-CATALOG"}).ok());
    SearchQuery all;
    auto skus = f.skus(all);
    std::sort(skus.begin(), skus.end());
    CHECK(skus == Skus{"AG-125", "CD-12V", "CD-18V", "NUT-M8", "SG-LTH-L", "SG-NIT-L", "SG-NIT-M"});
    CHECK(*visible(f.conn, f.buyer, "CD-18V"));  // in a viewed subtree
    CHECK(*visible(f.conn, f.buyer, "NUT-M8"));  // pre-approved
    CHECK_FALSE(*visible(f.conn, f.buyer, "HB-M8-40"));
    CHECK_FALSE(*visible(f.conn, f.buyer, "SH-WHITE"));  // Safety, but not Gloves
    CHECK(visible(f.conn, f.buyer, "NOPE").error().code == Errc::not_found);
    // find_visible_product: the product when visible; nothing when hidden or unknown alike.
    auto shown = find_visible_product(f.conn, f.buyer, "CD-18V");
    REQUIRE(shown.ok());
    REQUIRE(shown->has_value());
    CHECK((*shown)->sku == "CD-18V");
    for (const char* sku : {"HB-M8-40", "NOPE"}) {
        auto none = find_visible_product(f.conn, f.buyer, sku);
        REQUIRE(none.ok());
        CHECK_FALSE(none->has_value());
    }
    CHECK(f.skus(text("carriage")).empty());
    CHECK(*view_skus(f.conn, f.buyer) == Skus{"NOT-YET-IN-CATALOG", "NUT-M8"});

    // Another buyer without a view sees everything.
    Buyer other;
    other.id = "other";
    other.name = "Other";
    other.credentials = {{"DUNS", "2"}};
    auto o = add_buyer(f.conn, other);
    CHECK(*visible(f.conn, o->key, "HB-M8-40"));
    SearchQuery q;
    q.buyer = o->key;
    CHECK(f.run(q).total == 13);
}

TEST_CASE("hostile catalog text comes back as stored, for the page to escape") {
    Fixture f;
    auto hits = f.run(text("script"));
    REQUIRE(hits.hits.size() == 1);
    CHECK(hits.hits[0].description == "Script test <script>alert(1)</script> \"quoted\" & more");
    CHECK(hits.hits[0].manufacturer_part == "<b>X</b>");
}

TEST_CASE("beyond the match limit: title matches first, catalog order, no count or facets") {
    TempDir dir;
    auto db = Database::open(dir / "c.db");
    auto conn = db.connect();
    // 600 products mention "gadget" only in the long description, then 500 in the title.
    std::string csv = "sku,description,long_description,uom,price,currency,unspsc,category\n";
    char sku[16];
    for (int i = 0; i < 1100; ++i) {
        std::snprintf(sku, sizeof sku, "G%04d", i);
        csv += std::string(sku) + (i < 600 ? ",Widget,A handy gadget" : ",Gadget,Compact") +
               ",EA," + std::to_string(1 + i % 7) + ",EUR,31161500,Things\n";
    }
    std::istringstream in(csv);
    REQUIRE(import_catalog_csv(conn, in, "g.csv").applied);
    Buyer b;
    b.id = "b";
    b.name = "B";
    b.credentials = {{"DUNS", "1"}};
    const auto key = add_buyer(conn, b)->key;

    SearchQuery q;
    q.buyer = key;
    q.text = "gadget";
    q.page_size = 200;
    auto first = search(conn, q);
    REQUIRE(first.ok());
    CHECK(first->total == search_match_limit);
    CHECK_FALSE(first->total_exact);
    CHECK(first->order == SearchOrder::title_first);
    CHECK_FALSE(first->categories_counted);
    CHECK(first->categories.empty());
    CHECK(first->hits.front().sku == "G0600");
    CHECK(first->hits.back().sku == "G0799");
    q.page = 2;  // rows 400..599: the last 100 title matches, then the first 100 others
    auto boundary = search(conn, q);
    REQUIRE(boundary->hits.size() == 200);
    CHECK(boundary->hits[99].sku == "G1099");
    CHECK(boundary->hits[100].sku == "G0000");
    q.page = 3;  // rows 600..799: all in the rest, after 500 title matches
    auto later = search(conn, q);
    REQUIRE(later->hits.size() == 200);
    CHECK(later->hits.front().sku == "G0100");
    q.page = 5;  // rows 1000..1099
    CHECK(search(conn, q)->hits.size() == 100);

    // Sorting 1100 matches by price would cost too much: the default order comes back.
    q.page = 0;
    q.sort = SearchSort::price_ascending;
    auto priced = search(conn, q);
    CHECK(priced->order == SearchOrder::title_first);

    // Within the limit, price order and exact counts come back.
    q.text = "gadget compact";
    q.category = "Things";
    auto few = search(conn, q);
    CHECK(few->total == 500);
    CHECK(few->total_exact);
    CHECK(few->order == SearchOrder::by_price);
    CHECK(few->hits.front().price.price.to_string() == "1");
    REQUIRE(few->categories_counted);
    CHECK(few->categories.size() == 1);
    CHECK(few->categories[0].count == 500);
}

TEST_CASE("a UNSPSC code stands for its class in Level 2 links", "[search]") {
    CHECK(unspsc_prefix("40141600") == "401416");
    CHECK(unspsc_prefix("40140000") == "4014");
    CHECK(unspsc_prefix("40000000") == "40");
    CHECK(unspsc_prefix("40141607") == "40141607");
    CHECK(unspsc_prefix("4014") == "4014");
    CHECK(unspsc_prefix("CD-18V").empty());
    CHECK(unspsc_prefix("4014160").empty());
    CHECK(unspsc_prefix("00000000").empty());
    CHECK(unspsc_prefix("").empty());
}
