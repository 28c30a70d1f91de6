#pragma once

// A real SQLite store for gateway tests (no server): one buyer with a direct sender, a few
// products with a contract price and stock, and cXML request documents written by hand.
#include "catalog/buyer.hpp"
#include "catalog/catalog_import.hpp"
#include "catalog/database.hpp"
#include "catalog/fault_injection.hpp"
#include "catalog/inventory.hpp"
#include "catalog/price.hpp"
#include "catalog/sender.hpp"
#include "cxml/parse.hpp"
#include "gateway/service/authenticator.hpp"
#include "gateway/service/config.hpp"
#include "tests/catalog/support.hpp"

#include <optional>
#include <sstream>
#include <string>
#include <vector>

#include <catch2/catch.hpp>

namespace punchout::gateway::test {

inline constexpr const char* buyer_domain = "DUNS";
inline constexpr const char* buyer_identity = "111222333";
inline constexpr const char* buyer_secret = "acme-shared-secret";
inline constexpr const char* supplier_domain = "DUNS";
inline constexpr const char* supplier_identity = "555000111";
inline constexpr const char* return_url = "https://acme.buyer.example/punchout/return";

/// An amount from text ("12.50"); fails the test on a typo.
inline catalog::Amount amount(const char* text) {
    auto a = catalog::Amount::parse(text);
    REQUIRE(a.ok());
    return *a;
}

/// The store and configuration of one test.
struct TestStore {
    catalog::test::TempDir dir;
    catalog::Database db;
    Config config;
    catalog::Buyer buyer;

    TestStore() : db(catalog::Database::open(dir / "store.db")) {
        config.db_path = (dir / "store.db").string();
        config.public_url = "https://gw.supplier.example";
        config.supplier.name = "Test Supplier";
        config.supplier.credentials = {{supplier_domain, supplier_identity}};
        auto conn = db.connect();
        catalog::Buyer b;
        b.id = "acme";
        b.name = "Acme Oy";
        b.credentials = {{buyer_domain, buyer_identity}};
        b.default_currency = "EUR";
        b.document_url = "https://acme.buyer.example/cxml";
        auto added = catalog::add_buyer(conn, b);
        REQUIRE(added.ok());
        buyer = *added;
        catalog::NewSender s;
        s.id = "acme-direct";
        s.credential = {buyer_domain, buyer_identity};
        s.shared_secret = buyer_secret;
        s.buyer_ids = {"acme"};
        REQUIRE(catalog::add_sender(conn, s).ok());
        std::istringstream csv(
            "sku,description,uom,price,currency,unspsc,price_basis_quantity\n"
            "VALVE-20,Ball valve DN20,EA,11.00,EUR,40141600,1\n"
            "PUMP-100,Centrifugal pump 100 l/min,EA,250.00,EUR,40151500,1\n"
            "BOLT-M8,Hex bolt M8x40,EA,12.50,EUR,31161500,100\n");
        auto report = catalog::import_catalog_csv(conn, csv, "test.csv");
        REQUIRE(report.applied);
        catalog::ContractPrice contract;
        contract.sku = "PUMP-100";
        contract.price = amount("240.00");
        contract.currency = "EUR";
        REQUIRE(catalog::set_contract_price(conn, buyer.key, contract).ok());
        REQUIRE(catalog::set_stock(conn, "VALVE-20", "Vaasa", amount("40")).ok());
        REQUIRE(catalog::set_stock(conn, "PUMP-100", "Vaasa", amount("3")).ok());
    }

    catalog::Connection connect() { return db.connect(); }

    /// The buyer as authenticate() names it for a request from its direct sender.
    Authenticated who() {
        auto conn = connect();
        auto sender = catalog::find_sender(conn, "acme-direct");
        REQUIRE(sender.ok());
        Authenticated a{*sender, buyer, {}};
        a.buyer_credential.domain = buyer_domain;
        a.buyer_credential.identity = buyer_identity;
        return a;
    }

    /// The single integer a query returns.
    std::int64_t count(const std::string& sql) {
        auto conn = connect();
        return catalog::test::query_int(conn, sql);
    }
};

/// Escapes text for XML content and attributes.
inline std::string esc(const std::string& s) {
    std::string out;
    for (char c : s) {
        switch (c) {
            case '&':
                out += "&amp;";
                break;
            case '<':
                out += "&lt;";
                break;
            case '>':
                out += "&gt;";
                break;
            case '"':
                out += "&quot;";
                break;
            default:
                out += c;
        }
    }
    return out;
}

/// The Header of a request from the buyer's direct sender.
inline std::string header(const std::string& secret = buyer_secret,
                          const std::string& to_identity = supplier_identity) {
    return std::string("<Header><From><Credential domain=\"") + buyer_domain + "\"><Identity>" +
           buyer_identity + "</Identity></Credential></From>" + "<To><Credential domain=\"" +
           supplier_domain + "\"><Identity>" + to_identity +
           "</Identity></Credential></To><Sender><Credential domain=\"" + buyer_domain +
           "\"><Identity>" + buyer_identity + "</Identity><SharedSecret>" + esc(secret) +
           "</SharedSecret></Credential><UserAgent>tests</UserAgent></Sender></Header>";
}

inline std::string envelope(const std::string& payload_id, const std::string& request,
                            const std::string& head = header()) {
    return "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<cXML payloadID=\"" + esc(payload_id) +
           "\" timestamp=\"2026-12-02T10:00:00+00:00\" xml:lang=\"en-US\">" + head +
           "<Request deploymentMode=\"production\">" + request + "</Request></cXML>";
}

/// One ItemOut (or ItemIn-like edit line) of a request.
struct Line {
    Line(std::string sku_, std::string quantity_ = "1", std::string price_ = {},
         std::string aux_ = {}, std::string currency_ = "EUR", std::string uom_ = "EA",
         std::string price_basis_ = {})
        : sku(std::move(sku_)),
          quantity(std::move(quantity_)),
          price(std::move(price_)),
          aux(std::move(aux_)),
          currency(std::move(currency_)),
          uom(std::move(uom_)),
          price_basis(std::move(price_basis_)) {}

    std::string sku;
    std::string quantity = "1";
    std::string price;  ///< empty: no ItemDetail
    std::string aux;    ///< SupplierPartAuxiliaryID
    std::string currency = "EUR";
    std::string uom = "EA";
    std::string price_basis;  ///< PriceBasisQuantity, when set
};

inline std::string item_out(const Line& l, int number) {
    std::string x = "<ItemOut quantity=\"" + l.quantity + "\" lineNumber=\"" +
                    std::to_string(number) + "\"><ItemID><SupplierPartID>" + esc(l.sku) +
                    "</SupplierPartID>";
    if (!l.aux.empty())
        x += "<SupplierPartAuxiliaryID>" + esc(l.aux) + "</SupplierPartAuxiliaryID>";
    x += "</ItemID>";
    if (!l.price.empty()) {
        x += "<ItemDetail><UnitPrice><Money currency=\"" + l.currency + "\">" + l.price +
             "</Money></UnitPrice><Description xml:lang=\"en\">" + esc(l.sku) +
             "</Description><UnitOfMeasure>" + l.uom + "</UnitOfMeasure>";
        if (!l.price_basis.empty()) {
            x += "<PriceBasisQuantity quantity=\"" + l.price_basis +
                 "\" conversionFactor=\"1\"><UnitOfMeasure>" + l.uom +
                 "</UnitOfMeasure></PriceBasisQuantity>";
        }
        x += "<Classification domain=\"UNSPSC\">40141600</Classification></ItemDetail>";
    }
    return x + "</ItemOut>";
}

inline std::string setup_request(const std::string& payload_id,
                                 const std::string& operation = "create",
                                 const std::vector<Line>& lines = {},
                                 const std::string& url = return_url) {
    std::string items;
    int n = 1;
    for (const auto& l : lines)
        items += item_out(l, n++);
    return envelope(payload_id, "<PunchOutSetupRequest operation=\"" + operation +
                                    "\"><BuyerCookie>cookie-1</BuyerCookie>"
                                    "<BrowserFormPost><URL>" +
                                    esc(url) + "</URL></BrowserFormPost>" + items +
                                    "</PunchOutSetupRequest>");
}

inline std::string order_request(const std::string& payload_id, const std::string& order_id,
                                 const std::vector<Line>& lines, const std::string& total,
                                 const std::string& type = "new",
                                 const std::string& version = "1") {
    std::string items;
    int n = 1;
    for (const auto& l : lines)
        items += item_out(l, n++);
    return envelope(payload_id, "<OrderRequest><OrderRequestHeader orderID=\"" + esc(order_id) +
                                    "\" orderDate=\"2026-12-02T09:00:00+00:00\" type=\"" + type +
                                    "\" orderVersion=\"" + version +
                                    "\"><Total><Money currency=\"EUR\">" + total +
                                    "</Money></Total></OrderRequestHeader>" + items +
                                    "</OrderRequest>");
}

inline std::string order_status_request(const std::string& payload_id,
                                        const std::string& order_id) {
    return envelope(payload_id,
                    "<OrderStatusRequest><OrderStatusRequestHeader orderStatusRequestID=\"OSR-" +
                        esc(payload_id) +
                        "\" orderStatusRequestDate=\"2026-12-02T10:00:00+00:00\"><OrderIDInfo "
                        "orderID=\"" +
                        esc(order_id) + "\"/></OrderStatusRequestHeader></OrderStatusRequest>");
}

/// A document the test wrote, parsed (fails the test when it does not parse).
inline cxml::Document parse(const std::string& text) {
    auto parsed = cxml::parse(text);
    INFO(text);
    REQUIRE(parsed.ok());
    return std::move(parsed).value();
}

/// Skips nothing: a test that needs the hook fails loudly in a build without it.
inline void require_fault_injection() {
    REQUIRE(catalog::testing::fault_injection_available());
}

}  // namespace punchout::gateway::test
