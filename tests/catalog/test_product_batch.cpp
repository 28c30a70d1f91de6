// Product batches of the integration API: upserts by SKU with the catalog import's rules and
// words, all or nothing, where a field a row leaves out keeps its stored value.
#include "catalog/catalog_import.hpp"
#include "catalog/inventory.hpp"
#include "catalog/product.hpp"
#include "catalog/product_batch.hpp"
#include "catalog/write_transaction.hpp"
#include "tests/catalog/support.hpp"

#include <algorithm>
#include <sstream>

using namespace punchout::catalog;
using namespace punchout::catalog::test;

namespace {

struct Fixture {
    TempDir dir;
    Database db = Database::open(dir / "p.db");
    Connection conn = db.connect();
    Fixture() {
        std::istringstream csv(
            "sku,description,uom,price,currency,unspsc,manufacturer,image_url,attr:Material\n"
            "P,Pump,EA,10.00,EUR,40151500,Grundfos,https://img.example/p.jpg,cast iron\n");
        REQUIRE(import_catalog_csv(conn, csv, "c.csv").applied);
    }
    std::int64_t fts(const std::string& word) {
        return query_int(conn,
                         "SELECT count(*) FROM product_fts WHERE product_fts MATCH '" + word + "'");
    }
};

using Fields = std::vector<std::pair<std::string, std::string>>;

ProductUpdate product(std::string sku, std::string description, Fields more = {}) {
    ProductUpdate u;
    u.fields = {{"sku", std::move(sku)}, {"description", std::move(description)},
                {"uom", "EA"},           {"price", "12.50"},
                {"currency", "EUR"},     {"unspsc", "40141600"}};
    for (auto& f : more) {
        auto same = std::find_if(u.fields.begin(), u.fields.end(),
                                 [&](const auto& given) { return given.first == f.first; });
        if (same != u.fields.end())
            same->second = std::move(f.second);
        else
            u.fields.push_back(std::move(f));
    }
    return u;
}

std::string problems_text(const ProductBatchResult& r) {
    std::string text;
    for (const auto& p : r.problems)
        text += std::to_string(p.index) + " " + p.field + ": " + p.message + "\n";
    return text;
}

}  // namespace

TEST_CASE("a product batch adds new products and changes existing ones, searchable at once",
          "[product_batch]") {
    Fixture f;
    auto r = apply_product_batch(
        f.conn,
        {product("P", "Centrifugal pump"),
         product("V", "Ball valve DN20",
                 {{"category", "Valves > Ball valves"}, {"manufacturer", "Danfoss"}})},
        now());
    REQUIRE(r);
    INFO(problems_text(*r));
    CHECK(r->problems.empty());
    CHECK(r->inserted == 1);
    CHECK(r->updated == 1);
    CHECK(r->unchanged == 0);
    auto v = find_product(f.conn, "V");
    REQUIRE(v);
    CHECK(v->category == "Valves > Ball valves");
    CHECK(v->list_price == *Amount::parse("12.50"));
    CHECK(f.fts("centrifugal") == 1);
    CHECK(f.fts("danfoss") == 1);
    // The same batch again changes nothing.
    auto again = apply_product_batch(
        f.conn,
        {product("P", "Centrifugal pump"),
         product("V", "Ball valve DN20",
                 {{"category", "Valves > Ball valves"}, {"manufacturer", "Danfoss"}})},
        now());
    REQUIRE(again);
    CHECK(again->unchanged == 2);
    CHECK(again->updated + again->inserted == 0);
}

TEST_CASE("an optional field a row leaves out keeps its stored value, \"\" clears it",
          "[product_batch]") {
    Fixture f;
    // Two rows with different fields in one batch: each keeps what it does not name.
    auto r = apply_product_batch(
        f.conn, {product("P", "Pump, stainless", {{"image_url", ""}}), product("Q", "Gate valve")},
        now());
    REQUIRE(r);
    REQUIRE(r->problems.empty());
    auto p = find_product(f.conn, "P");
    REQUIRE(p);
    CHECK(p->image_url.empty());
    CHECK(p->manufacturer == "Grundfos");  // not in the row: kept
    REQUIRE(p->attributes.size() == 1);    // no attributes in the row: kept
    CHECK(p->attributes[0].second == "cast iron");

    ProductUpdate with_attributes = product("P", "Pump, stainless");
    with_attributes.attributes = {{{"Material", "stainless steel"}, {"Flow", "100 l/min"}}};
    REQUIRE(apply_product_batch(f.conn, {with_attributes}, now()));
    p = find_product(f.conn, "P");
    REQUIRE(p);
    CHECK(p->attributes.size() == 2);
    CHECK(f.fts("stainless") == 1);
}

TEST_CASE(
    "a product batch with a bad row writes nothing and names each problem as the import "
    "does",
    "[product_batch]") {
    Fixture f;
    ProductUpdate missing;
    missing.fields = {{"sku", "M"},
                      {"description", "No price"},
                      {"uom", "EA"},
                      {"currency", "EUR"},
                      {"unspsc", "40141600"}};
    ProductUpdate bad_attribute = product("A", "Valve");
    bad_attribute.attributes = {{{"", "x"}}};
    auto r = apply_product_batch(
        f.conn,
        {product("N", "New valve"), product("U", "Valve", {{"unspsc", "4014.16"}}), missing,
         product("X", "Valve", {{"colour", "red"}}), product("N", "Twice"), bad_attribute,
         product("L", "Valve", {{"lead_time_days", "soon"}})},
        now());
    REQUIRE(r);
    INFO(problems_text(*r));
    REQUIRE(r->problems.size() == 6);
    CHECK(r->problems[0].index == 1);
    // The file import's own words for the same value.
    std::istringstream csv("sku,description,uom,price,currency,unspsc\nU,Valve,EA,1,EUR,4014.16\n");
    auto file = import_catalog_csv(f.conn, csv, "u.csv");
    REQUIRE(file.issues.size() == 1);
    CHECK(r->problems[0].field == "unspsc");
    CHECK(r->problems[0].message == file.issues[0].message);
    CHECK(r->problems[1].index == 2);
    CHECK(r->problems[1].field == "price");
    CHECK(r->problems[1].message == "is missing");
    CHECK(r->problems[2].field == "colour");
    CHECK(r->problems[3].index == 4);
    CHECK(r->problems[3].message == "appears twice in the batch (first in row 0)");
    CHECK(r->problems[4].field == "attributes.");
    CHECK(r->problems[5].field == "lead_time_days");
    CHECK(count_products(f.conn).value() == 1);
    CHECK_FALSE(find_product(f.conn, "N"));
}

TEST_CASE("a product batch's size is bounded", "[product_batch]") {
    Fixture f;
    auto empty = apply_product_batch(f.conn, {}, now());
    REQUIRE_FALSE(empty);
    CHECK(empty.error().code == Errc::invalid);
    std::vector<ProductUpdate> big(max_product_batch + 1, product("P", "Pump"));
    auto over = apply_product_batch(f.conn, big, now());
    REQUIRE_FALSE(over);
    CHECK(over.error().message.find("at most 1000") != std::string::npos);
}

TEST_CASE("a product batch inside a caller's transaction is undone with it", "[product_batch]") {
    Fixture f;
    {
        auto tx = WriteTransaction::begin(f.conn);
        REQUIRE(tx);
        auto r = apply_product_batch(f.conn, {product("N", "Needle valve")}, now());
        REQUIRE(r);
        CHECK(r->inserted == 1);
        CHECK(find_product(f.conn, "N"));
        // Not committed: rolled back when tx goes.
    }
    CHECK_FALSE(find_product(f.conn, "N"));
    CHECK(f.fts("needle") == 0);
    {
        auto tx = WriteTransaction::begin(f.conn);
        REQUIRE(tx);
        REQUIRE(apply_product_batch(f.conn, {product("N", "Needle valve")}, now()));
        REQUIRE(tx->commit());
    }
    CHECK(find_product(f.conn, "N"));
    CHECK(f.fts("needle") == 1);
}
