#include "catalog/buyer.hpp"
#include "catalog/catalog_import.hpp"
#include "catalog/price.hpp"
#include "catalog/price_import.hpp"
#include "catalog/product.hpp"
#include "tests/catalog/support.hpp"

#include <sstream>

using namespace punchout::catalog;
using namespace punchout::catalog::test;

namespace {

// 2025-01-01T00:00:00Z and a day.
constexpr std::int64_t t0 = 1735689600;
constexpr std::int64_t day = 86400;

Amount amt(const char* text) {
    return *Amount::parse(text);
}

struct Fixture {
    TempDir dir;
    Database db = Database::open(dir / "c.db");
    Connection conn = db.connect();
    BuyerKey acme;
    BuyerKey beta;

    Fixture() {
        std::istringstream csv(
            "sku,description,uom,price,currency,unspsc\n"
            "P,Pump,EA,10.00,EUR,40151500\n"
            "Q,Valve,EA,4.00,EUR,40141600\n");
        REQUIRE(import_catalog_csv(conn, csv, "c.csv").applied);
        acme = add("acme", "DUNS", "1");
        beta = add("beta", "DUNS", "2");
    }

    BuyerKey add(const char* id, const char* domain, const char* identity) {
        Buyer b;
        b.id = id;
        b.name = id;
        b.credentials = {{domain, identity}};
        auto r = add_buyer(conn, b);
        REQUIRE(r.ok());
        return r->key;
    }

    std::int64_t entry(const char* price, const char* min_qty = "1",
                       std::optional<std::int64_t> from = std::nullopt,
                       std::optional<std::int64_t> to = std::nullopt, const char* currency = "",
                       BuyerKey buyer = {}, const char* sku = "P") {
        ContractPrice e;
        e.sku = sku;
        e.price = amt(price);
        e.min_qty = amt(min_qty);
        e.currency = currency;
        if (from)
            e.valid_from = from_unix(*from);
        if (to)
            e.valid_to = from_unix(*to);
        auto r = set_contract_price(conn, buyer.value ? buyer : acme, e);
        INFO((r ? "" : r.error().message));
        REQUIRE(r.ok());
        return r->id;
    }

    ResolvedPrice at(std::int64_t t, const char* qty = "1", const char* sku = "P") {
        auto r = resolve_price(conn, acme, sku, amt(qty), from_unix(t));
        INFO((r ? "" : r.error().message));
        REQUIRE(r.ok());
        return *r;
    }
};

std::string price_of(const ResolvedPrice& r) {
    return r.price.to_string(2);
}

std::optional<std::int64_t> until(const ResolvedPrice& r) {
    if (!r.valid_until)
        return std::nullopt;
    return to_unix(*r.valid_until);
}

}  // namespace

TEST_CASE("price: a buyer without a contract pays the list price, with no end") {
    Fixture f;
    f.entry("7.00", "1", std::nullopt, std::nullopt, "", f.beta);  // beta's, not acme's
    auto r = f.at(t0);
    CHECK(price_of(r) == "10.00");
    CHECK(r.currency == "EUR");
    CHECK(r.source == PriceSource::list);
    CHECK_FALSE(r.valid_until.has_value());
    CHECK_FALSE(r.contract_id.has_value());
}

TEST_CASE("price: a contract entry beats the list price, even when dearer") {
    Fixture f;
    const auto id = f.entry("11.50");
    auto r = f.at(t0);
    CHECK(price_of(r) == "11.50");
    CHECK(r.source == PriceSource::contract);
    CHECK(r.contract_id == id);
    CHECK(r.currency == "EUR");  // the buyer's default currency filled in
}

TEST_CASE("price: the highest tier the quantity reaches wins") {
    Fixture f;
    f.entry("9.00", "1");
    f.entry("8.00", "10");
    f.entry("7.00", "100");
    CHECK(price_of(f.at(t0, "1")) == "9.00");
    CHECK(f.at(t0, "1").source == PriceSource::contract);
    CHECK(price_of(f.at(t0, "9.9999")) == "9.00");
    CHECK(price_of(f.at(t0, "10")) == "8.00");
    CHECK(f.at(t0, "10").source == PriceSource::contract_tier);
    CHECK(f.at(t0, "10").min_qty.to_string() == "10");
    CHECK(price_of(f.at(t0, "99")) == "8.00");
    CHECK(price_of(f.at(t0, "250")) == "7.00");
}

TEST_CASE("price: tiers work with decimal quantities") {
    Fixture f;
    f.entry("9.00", "0.5");
    f.entry("8.00", "2.5");
    CHECK(price_of(f.at(t0, "2.4999")) == "9.00");
    CHECK(f.at(t0, "0.5").source == PriceSource::contract);  // min_qty <= 1: the base price
    CHECK(price_of(f.at(t0, "2.5")) == "8.00");
    CHECK(f.at(t0, "2.5").source == PriceSource::contract_tier);
    // Below every tier: the list price.
    CHECK(f.at(t0, "0.25").source == PriceSource::list);
}

TEST_CASE("price: a tier without a base entry leaves small quantities at list") {
    Fixture f;
    f.entry("8.00", "10");
    CHECK(f.at(t0, "5").source == PriceSource::list);
    CHECK(price_of(f.at(t0, "5")) == "10.00");
    CHECK(price_of(f.at(t0, "10")) == "8.00");
}

TEST_CASE("price: validity is half-open, from inclusive to exclusive") {
    Fixture f;
    f.entry("9.00", "1", t0, t0 + 10 * day);
    CHECK(f.at(t0 - 1).source == PriceSource::list);
    CHECK(f.at(t0).source == PriceSource::contract);
    CHECK(f.at(t0 + 10 * day - 1).source == PriceSource::contract);
    CHECK(f.at(t0 + 10 * day).source == PriceSource::list);
}

TEST_CASE("price: an expired contract gives the list price") {
    Fixture f;
    f.entry("9.00", "1", t0 - 30 * day, t0 - day);
    auto r = f.at(t0);
    CHECK(r.source == PriceSource::list);
    CHECK_FALSE(r.valid_until.has_value());
}

TEST_CASE("price: a future contract leaves the list price until it starts") {
    Fixture f;
    f.entry("9.00", "1", t0 + 5 * day);
    auto r = f.at(t0);
    CHECK(r.source == PriceSource::list);
    CHECK(until(r) == t0 + 5 * day);
    CHECK(price_of(f.at(t0 + 5 * day)) == "9.00");
}

TEST_CASE("price: valid_until is the chosen entry's end") {
    Fixture f;
    f.entry("9.00", "1", t0 - day, t0 + 3 * day);
    CHECK(until(f.at(t0)) == t0 + 3 * day);
}

TEST_CASE("price: valid_until is cut short by a later entry that would win") {
    Fixture f;
    f.entry("9.00", "1", t0 - day, t0 + 30 * day);
    f.entry("8.00", "10", t0 + 5 * day);   // a higher tier starting later
    f.entry("8.50", "1", t0 + 20 * day);   // the same tier, starting later: wins then
    f.entry("9.90", "0.5", t0 + 2 * day);  // a lower tier never takes over
    CHECK(until(f.at(t0, "10")) == t0 + 5 * day);
    CHECK(until(f.at(t0, "5")) == t0 + 20 * day);  // the tier at 10 does not reach 5
    CHECK(price_of(f.at(t0 + 20 * day, "5")) == "8.50");
}

TEST_CASE("price: overlapping entries of one tier: the latest start wins, then the newest") {
    Fixture f;
    f.entry("9.00", "1");                     // open start: counts as earliest
    f.entry("8.50", "1", t0, t0 + 10 * day);  // a promotion inside it
    CHECK(price_of(f.at(t0 - day)) == "9.00");
    CHECK(until(f.at(t0 - day)) == t0);
    CHECK(price_of(f.at(t0 + day)) == "8.50");
    CHECK(until(f.at(t0 + day)) == t0 + 10 * day);
    CHECK(price_of(f.at(t0 + 10 * day)) == "9.00");
    // Two entries with the same tier and start (possible through SQL): the newer one wins.
    exec(f.conn,
         "INSERT INTO contract_price (buyer_id, product_id, price, currency, min_qty, valid_from,"
         " valid_to, created_at) SELECT " +
             std::to_string(f.acme.value) + ", id, 84000, 'EUR', 10000, " + std::to_string(t0) +
             ", NULL, 0 FROM product WHERE "
             "sku = 'P'");
    CHECK(price_of(f.at(t0 + day)) == "8.40");
}

TEST_CASE("price: a contract in another currency than the list price keeps its currency") {
    Fixture f;
    f.entry("11.00", "1", std::nullopt, std::nullopt, "USD");
    auto r = f.at(t0);
    CHECK(r.currency == "USD");
    CHECK(price_of(r) == "11.00");
    CHECK(r.source == PriceSource::contract);
}

TEST_CASE("price: bad requests") {
    Fixture f;
    CHECK(resolve_price(f.conn, f.acme, "P", amt("0"), from_unix(t0)).error().code ==
          Errc::invalid);
    CHECK(resolve_price(f.conn, f.acme, "P", amt("-1"), from_unix(t0)).error().code ==
          Errc::invalid);
    CHECK(resolve_price(f.conn, f.acme, "NOPE", amt("1"), from_unix(t0)).error().code ==
          Errc::not_found);
}

TEST_CASE("price tiers: the tiers valid now, each resolved, in quantity order") {
    Fixture f;
    f.entry("9.00", "1", std::nullopt, t0 + 30 * day);
    f.entry("8.00", "10");
    f.entry("7.00", "100", t0 + 5 * day);            // not yet valid
    f.entry("6.00", "500", t0 - 9 * day, t0 - day);  // expired
    auto tiers = price_tiers(f.conn, f.acme, "P", from_unix(t0));
    REQUIRE(tiers.ok());
    REQUIRE(tiers->size() == 2);
    CHECK((*tiers)[0].min_qty.to_string() == "1");
    CHECK(price_of((*tiers)[0]) == "9.00");
    CHECK(until((*tiers)[0]) == t0 + 30 * day);
    CHECK((*tiers)[1].min_qty.to_string() == "10");
    CHECK(price_of((*tiers)[1]) == "8.00");
    CHECK((*tiers)[1].source == PriceSource::contract_tier);
    // The 100-tier that starts later does not reach a quantity of 10: nothing ends this one.
    CHECK_FALSE((*tiers)[1].valid_until.has_value());
    CHECK(price_tiers(f.conn, f.beta, "P", from_unix(t0))->empty());
}

TEST_CASE("contract entries: set replaces by (sku, min_qty, valid_from), list and delete") {
    Fixture f;
    const auto a = f.entry("9.00", "1", t0);
    const auto b = f.entry("8.00", "1", t0);  // same key: replaces
    CHECK(a == b);
    f.entry("7.00", "10");
    f.entry("3.00", "1", std::nullopt, std::nullopt, "", {}, "Q");
    auto all = list_contract_prices(f.conn, f.acme);
    REQUIRE(all->size() == 3);
    CHECK((*all)[0].sku == "P");
    CHECK((*all)[0].price.to_string(2) == "8.00");
    CHECK((*all)[1].min_qty.to_string() == "10");
    CHECK((*all)[2].sku == "Q");
    CHECK(list_contract_prices(f.conn, f.acme, "Q")->size() == 1);
    REQUIRE(delete_contract_price(f.conn, f.acme, a).ok());
    CHECK(delete_contract_price(f.conn, f.beta, (*all)[1].id).error().code == Errc::not_found);
    CHECK(*delete_contract_prices(f.conn, f.acme, std::nullopt) == 2);
    CHECK(list_contract_prices(f.conn, f.acme)->empty());
}

TEST_CASE("contract entries: bad values and unknown SKUs are refused") {
    Fixture f;
    ContractPrice e;
    e.sku = "NOPE";
    e.price = amt("1");
    CHECK(set_contract_price(f.conn, f.acme, e).error().code == Errc::not_found);
    e.sku = "P";
    e.price = amt("-1");
    CHECK(set_contract_price(f.conn, f.acme, e).error().code == Errc::invalid);
    e.price = amt("1");
    e.min_qty = amt("0");
    CHECK(set_contract_price(f.conn, f.acme, e).error().code == Errc::invalid);
    e.min_qty = amt("1");
    e.valid_from = from_unix(t0);
    e.valid_to = from_unix(t0);
    CHECK_THAT(set_contract_price(f.conn, f.acme, e).error().message,
               Catch::Contains("before valid_to"));
    e.valid_to.reset();
    e.currency = "eur";
    CHECK(set_contract_price(f.conn, f.acme, e).error().code == Errc::invalid);
}

TEST_CASE("deleting a product deletes its contract prices") {
    Fixture f;
    f.entry("9.00");
    REQUIRE(delete_product(f.conn, "P").ok());
    CHECK(query_int(f.conn, "SELECT count(*) FROM contract_price") == 0);
}

TEST_CASE("price import: replace is the default, merge upserts") {
    Fixture f;
    f.entry("5.00", "1", std::nullopt, std::nullopt, "", {}, "Q");
    std::istringstream in(
        "sku,price,min_qty,valid_from,valid_to,currency\n"
        "P,9.00,,,,\n"
        "P,8.00,10,2025-01-01,2025-07-01T00:00:00Z,\n"
        "P,7.00,100,,,USD\n");
    auto r = import_prices_csv(f.conn, f.acme, in, "acme.csv", PriceImportMode::replace);
    INFO((r.issues.empty() ? "" : r.issues[0].to_string()));
    REQUIRE(r.applied);
    CHECK(r.inserted == 3);
    CHECK(r.deleted == 1);  // Q's old entry
    auto all = list_contract_prices(f.conn, f.acme);
    REQUIRE(all->size() == 3);
    CHECK((*all)[1].valid_from == from_unix(t0));
    CHECK((*all)[1].valid_to == from_unix(t0 + 181 * day));
    CHECK((*all)[0].currency == "EUR");
    CHECK((*all)[2].currency == "USD");

    std::istringstream merge("sku,price,min_qty\nP,8.80,1\nQ,4.00,1\n");
    auto m = import_prices_csv(f.conn, f.acme, merge, "m.csv", PriceImportMode::merge);
    REQUIRE(m.applied);
    CHECK(m.updated == 1);
    CHECK(m.inserted == 1);
    CHECK(list_contract_prices(f.conn, f.acme)->size() == 4);
    CHECK(price_of(f.at(t0 + day, "1")) == "8.80");
}

TEST_CASE("price import: every bad row is named and nothing changes") {
    Fixture f;
    f.entry("9.00");
    std::istringstream in(
        "sku,price,valid_from,valid_to,min_qty\n"
        "GHOST,1.00,,,\n"
        "P,\"12,50\",,,\n"
        "P,1.00,2025-02-30,,\n"
        "P,1.00,2025-03-01,2025-02-01,\n"
        "P,1.00,,,0\n"
        "Q,1.00,,,\n"
        "Q,2.00,,,1\n");
    auto r = import_prices_csv(f.conn, f.acme, in, "bad.csv", PriceImportMode::replace);
    REQUIRE_FALSE(r.applied);
    REQUIRE(r.issues.size() == 6);
    CHECK(r.issues[0].line == 2);
    CHECK(r.issues[0].column == "sku");
    CHECK(r.issues[0].value == "GHOST");
    CHECK_THAT(r.issues[0].message, Catch::Contains("not a SKU in the catalog"));
    CHECK(r.issues[1].column == "price");
    CHECK_THAT(r.issues[1].message, Catch::Contains("dot as the decimal separator"));
    CHECK(r.issues[2].column == "valid_from");
    CHECK_THAT(r.issues[2].message, Catch::Contains("no such day"));
    CHECK(r.issues[3].column == "valid_to");
    CHECK_THAT(r.issues[3].message, Catch::Contains("not after valid_from"));
    CHECK(r.issues[4].column == "min_qty");
    CHECK(r.issues[5].line == 8);
    CHECK_THAT(r.issues[5].message, Catch::Contains("already (line 7)"));
    CHECK(list_contract_prices(f.conn, f.acme)->size() == 1);
    CHECK(price_of(f.at(t0)) == "9.00");
}

TEST_CASE("price import: header problems") {
    Fixture f;
    std::istringstream in("sku,cost\nP,1\n");
    auto r = import_prices_csv(f.conn, f.acme, in, "h.csv", PriceImportMode::replace);
    REQUIRE(r.issues.size() == 2);
    CHECK(r.issues[0].column == "cost");
    CHECK_THAT(r.issues[0].message, Catch::Contains("not a column of this file"));
    CHECK(r.issues[1].column == "price");
    CHECK_THAT(r.issues[1].message, Catch::Contains("required column is missing"));
}
