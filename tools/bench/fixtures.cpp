// bench-fixtures: the requests the gateway benchmarks send, made from a database that
// catalog-gen loaded, so every request is one a real buyer could send:
//
//   bench-fixtures files --db DB --out DIR ...   setup request, order and status templates
//                                                priced with the buyers' own prices, product
//                                                SKUs and search texts
//   bench-fixtures carts --db DB --count K ...   K started storefront sessions, each with a
//                                                cart of --lines lines, as the storefront's
//                                                "add" makes them; prints one transfer
//                                                request per session (PATH<TAB>BODY)
//
// Templates carry {{run}} and {{seq}} (bench-load fills them) in payloadIDs and orderIDs.
#include "catalog/buyer.hpp"
#include "catalog/cart.hpp"
#include "catalog/database.hpp"
#include "catalog/inventory.hpp"
#include "catalog/price.hpp"
#include "catalog/product.hpp"
#include "catalog/session.hpp"
#include "catalog/timestamp.hpp"
#include "catalog/write_transaction.hpp"
#include "gateway/service/tokens.hpp"
#include "tools/catalog-gen/generator.hpp"

#include <algorithm>
#include <filesystem>
#include <fstream>
#include <iostream>
#include <random>
#include <set>
#include <sstream>

#include <boost/program_options.hpp>

namespace punchout::tools {
namespace {

namespace fs = std::filesystem;
namespace po = boost::program_options;
using catalog::Amount;

constexpr const char* doctype =
    "<!DOCTYPE cXML SYSTEM \"http://xml.cxml.org/schemas/cXML/1.2.071/cXML.dtd\">";

std::string esc(std::string_view text) {
    std::string out;
    out.reserve(text.size());
    for (char c : text) {
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

template <class T>
T must(catalog::Result<T> r, const std::string& what) {
    if (!r)
        throw std::runtime_error(what + ": " + r.error().message);
    return std::move(*r);
}

void write_text(const fs::path& path, const std::string& text) {
    std::ofstream out(path, std::ios::binary);
    out << text;
    if (!out)
        throw std::runtime_error("cannot write " + path.string());
}

std::pair<std::string, std::string> split_credential(const std::string& text) {
    const auto colon = text.find(':');
    if (colon == std::string::npos || colon == 0 || colon + 1 == text.size()) {
        throw std::invalid_argument("credential '" + text + "' must be DOMAIN:IDENTITY");
    }
    return {text.substr(0, colon), text.substr(colon + 1)};
}

std::string read_secret(const std::string& path) {
    std::ifstream in(path, std::ios::binary);
    std::string s((std::istreambuf_iterator<char>(in)), {});
    while (!s.empty() && (s.back() == '\n' || s.back() == '\r'))
        s.pop_back();
    if (s.empty())
        throw std::runtime_error("secret file " + path + " is missing or empty");
    return s;
}

/// Who sends and who receives: the same for every document of a run.
struct Parties {
    std::pair<std::string, std::string> supplier;  // To
    std::pair<std::string, std::string> sender;    // the hub that sends for every buyer
    std::string secret;
};

std::string header(const Parties& p, const catalog::Credential& from) {
    std::string h;
    h += "  <Header>\n    <From>\n      <Credential domain=\"" + esc(from.domain) +
         "\">\n        <Identity>" + esc(from.identity) + "</Identity>\n      </Credential>\n";
    h += "      <Credential domain=\"SystemID\">\n        <Identity>ERP-PRD-100</Identity>\n"
         "      </Credential>\n    </From>\n";
    h += "    <To>\n      <Credential domain=\"" + esc(p.supplier.first) +
         "\">\n        <Identity>" + esc(p.supplier.second) +
         "</Identity>\n      </Credential>\n    </To>\n";
    h += "    <Sender>\n      <Credential domain=\"" + esc(p.sender.first) +
         "\">\n        <Identity>" + esc(p.sender.second) + "</Identity>\n        <SharedSecret>" +
         esc(p.secret) + "</SharedSecret>\n      </Credential>\n";
    h +=
        "      <UserAgent>Procurement Suite 24.2 (bench)</UserAgent>\n    </Sender>\n  </Header>\n";
    return h;
}

std::string envelope_start(const std::string& payload_id) {
    return std::string("<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n") + doctype +
           "\n<cXML payloadID=\"" + payload_id +
           "\" timestamp=\"2026-03-02T09:30:00+02:00\" version=\"1.2.071\" xml:lang=\"en-US\">\n";
}

std::string ship_to() {
    return "        <ShipTo>\n"
           "          <Address isoCountryCode=\"FI\" addressID=\"FI-VAA-01\">\n"
           "            <Name xml:lang=\"fi-FI\">Buyer Oy, Vaasa plant</Name>\n"
           "            <PostalAddress name=\"default\">\n"
           "              <DeliverTo>Goods receiving, gate 3</DeliverTo>\n"
           "              <DeliverTo>Attn. Maintenance stores</DeliverTo>\n"
           "              <Street>Teollisuuskatu 21</Street>\n"
           "              <City>Vaasa</City>\n"
           "              <PostalCode>65100</PostalCode>\n"
           "              <Country isoCountryCode=\"FI\">Finland</Country>\n"
           "            </PostalAddress>\n"
           "            <Email name=\"default\">receiving@buyer.example</Email>\n"
           "          </Address>\n"
           "        </ShipTo>\n";
}

/// A PunchOutSetupRequest of about 3 KB, shaped like what SAP Ariba sends: several From
/// credentials, a dozen extrinsics, a contact and a ship-to address.
std::string setup_request(const Parties& p, const catalog::Credential& from) {
    std::string d = envelope_start("setup.{{run}}.{{seq}}@buyer.example");
    d += header(p, from);
    d += "  <Request deploymentMode=\"production\">\n"
         "    <PunchOutSetupRequest operation=\"create\">\n"
         "      <BuyerCookie>c0ffee{{seq}}-{{run}}-2b9d7e1f</BuyerCookie>\n";
    const std::pair<const char*, const char*> extrinsics[] = {
        {"UniqueName", "pat.buyer"},
        {"UserEmail", "pat.buyer@buyer.example"},
        {"UserFullName", "Pat Buyer"},
        {"UserPhoneNumber", "+358 40 123 4567"},
        {"CostCenter", "4100-Maintenance"},
        {"Department", "Plant maintenance"},
        {"CompanyCode", "FI01"},
        {"PurchasingOrganization", "FI10"},
        {"PurchasingGroup", "M04"},
        {"Plant", "VAA1"},
        {"BusinessUnit", "Industrial services"},
        {"Ariba.Requisition.Title", "Maintenance supplies week 10"}};
    for (const auto& [name, value] : extrinsics) {
        d += "      <Extrinsic name=\"" + std::string(name) + "\">" + value + "</Extrinsic>\n";
    }
    d += "      <BrowserFormPost>\n        <URL>https://procurement.buyer.example/punchout/"
         "return?session=7f3a9c2e&amp;realm=buyer-prod</URL>\n      </BrowserFormPost>\n"
         "      <Contact role=\"endUser\">\n        <Name xml:lang=\"en\">Pat Buyer</Name>\n"
         "        <Email>pat.buyer@buyer.example</Email>\n      </Contact>\n"
         "      <SupplierSetup>\n        <URL>https://punchout.supplier.example/cxml</URL>\n"
         "      </SupplierSetup>\n";
    std::string st = ship_to();
    // The ship-to sits two levels less deep here than in an order header.
    for (std::size_t pos = 0; (pos = st.find("\n        ", pos)) != std::string::npos; ++pos) {
        st.erase(pos + 1, 2);
    }
    d += st.substr(2);
    d += "    </PunchOutSetupRequest>\n  </Request>\n</cXML>\n";
    return d;
}

struct OrderLine {
    catalog::Product product;
    Amount quantity;
    catalog::ResolvedPrice price;
};

Amount line_total(const OrderLine& l) {
    __extension__ using wide = __int128;
    const wide num = static_cast<wide>(l.quantity.units()) * l.price.price.units();
    const wide den = l.product.price_basis_quantity.units() > 0
                         ? l.product.price_basis_quantity.units()
                         : Amount::scale;
    const wide q = (num + den / 2) / den;  // positive amounts: half up
    return Amount::from_units(static_cast<std::int64_t>(q));
}

/// A `new` OrderRequest with the buyer's prices, Ariba-like: a Distribution per line and
/// extrinsics in the header.
std::string order_request(const Parties& p, const catalog::Credential& from,
                          const std::vector<OrderLine>& lines) {
    std::int64_t total = 0;
    for (const auto& l : lines)
        total += line_total(l).units();
    std::string d = envelope_start("order.{{run}}.{{seq}}@buyer.example");
    d += header(p, from);
    d += "  <Request deploymentMode=\"production\">\n    <OrderRequest>\n"
         "      <OrderRequestHeader orderID=\"PO-{{run}}-{{seq}}\" "
         "orderDate=\"2026-03-02T09:30:00+02:00\" type=\"new\">\n";
    d += "        <Total>\n          <Money currency=\"EUR\">" +
         Amount::from_units(total).to_string(2) + "</Money>\n        </Total>\n";
    d += ship_to();
    d += "        <BillTo>\n          <Address isoCountryCode=\"FI\" addressID=\"FI-AP\">\n"
         "            <Name xml:lang=\"fi-FI\">Buyer Oy, Accounts payable</Name>\n"
         "            <PostalAddress>\n              <Street>PL 100</Street>\n"
         "              <City>Vaasa</City>\n              <PostalCode>65101</PostalCode>\n"
         "              <Country isoCountryCode=\"FI\">Finland</Country>\n"
         "            </PostalAddress>\n          </Address>\n        </BillTo>\n"
         "        <Contact role=\"purchasingAgent\">\n"
         "          <Name xml:lang=\"en\">Pat Buyer</Name>\n"
         "          <Email>pat.buyer@buyer.example</Email>\n        </Contact>\n"
         "        <Comments xml:lang=\"en\">Deliver to gate 3 between 7 and 15.</Comments>\n"
         "        <Extrinsic name=\"CompanyCode\">FI01</Extrinsic>\n"
         "        <Extrinsic name=\"PurchaseGroup\">M04</Extrinsic>\n"
         "      </OrderRequestHeader>\n";
    int n = 0;
    for (const auto& l : lines) {
        ++n;
        const auto& pr = l.product;
        d += "      <ItemOut quantity=\"" + l.quantity.to_string() + "\" lineNumber=\"" +
             std::to_string(n) + "\" requestedDeliveryDate=\"2026-03-16\">\n";
        d += "        <ItemID>\n          <SupplierPartID>" + esc(pr.sku) +
             "</SupplierPartID>\n          <BuyerPartID>MAT-" + std::to_string(100000 + n) +
             "</BuyerPartID>\n        </ItemID>\n";
        d += "        <ItemDetail>\n          <UnitPrice>\n            <Money currency=\"" +
             esc(l.price.currency) + "\">" + l.price.price.to_string(2) +
             "</Money>\n          </UnitPrice>\n";
        d += "          <Description xml:lang=\"en\">" + esc(pr.description) +
             "</Description>\n          <UnitOfMeasure>" + esc(pr.uom) + "</UnitOfMeasure>\n";
        if (pr.price_basis_quantity.units() != Amount::scale) {
            d += "          <PriceBasisQuantity quantity=\"" + pr.price_basis_quantity.to_string() +
                 "\" conversionFactor=\"1\">\n            <UnitOfMeasure>" + esc(pr.uom) +
                 "</UnitOfMeasure>\n          </PriceBasisQuantity>\n";
        }
        d +=
            "          <Classification domain=\"UNSPSC\">" + esc(pr.unspsc) + "</Classification>\n";
        if (!pr.manufacturer_part.empty()) {
            d += "          <ManufacturerPartID>" + esc(pr.manufacturer_part) +
                 "</ManufacturerPartID>\n";
        }
        if (!pr.manufacturer.empty()) {
            d += "          <ManufacturerName>" + esc(pr.manufacturer) + "</ManufacturerName>\n";
        }
        d += "        </ItemDetail>\n";
        d += "        <Distribution>\n          <Accounting name=\"DistributionCharge\">\n"
             "            <AccountingSegment id=\"4100\">\n"
             "              <Name xml:lang=\"en\">Cost Center</Name>\n"
             "              <Description xml:lang=\"en\">Maintenance</Description>\n"
             "            </AccountingSegment>\n          </Accounting>\n"
             "          <Charge>\n            <Money currency=\"" +
             esc(l.price.currency) + "\">" + line_total(l).to_string(2) +
             "</Money>\n          </Charge>\n        </Distribution>\n";
        d += "      </ItemOut>\n";
    }
    d += "    </OrderRequest>\n  </Request>\n</cXML>\n";
    return d;
}

/// An OrderStatusRequest for the order the same template number made.
std::string status_request(const Parties& p, const catalog::Credential& from) {
    std::string d = envelope_start("status.{{run}}.{{seq}}@buyer.example");
    d += header(p, from);
    d += "  <Request deploymentMode=\"production\">\n    <OrderStatusRequest>\n"
         "      <OrderStatusRequestHeader orderStatusRequestID=\"OSR-{{run}}-{{seq}}\" "
         "orderStatusRequestDate=\"2026-03-02T10:00:00+02:00\">\n"
         "        <OrderIDInfo orderID=\"PO-{{run}}-{{seq}}\"/>\n"
         "        <Contact role=\"buyer\">\n          <Name xml:lang=\"en\">Pat Buyer</Name>\n"
         "        </Contact>\n      </OrderStatusRequestHeader>\n"
         "    </OrderStatusRequest>\n  </Request>\n</cXML>\n";
    return d;
}

std::string percent_encode(std::string_view text) {
    static const char* hex = "0123456789ABCDEF";
    std::string out;
    for (unsigned char c : text) {
        if (std::isalnum(c) || c == '-' || c == '_' || c == '.' || c == '~') {
            out += static_cast<char>(c);
        } else {
            out += '%';
            out += hex[c >> 4];
            out += hex[c & 15];
        }
    }
    return out;
}

/// The buyers the benchmarks act for: the first `count` buyers with a contract price list
/// (catalog-gen gives lists to the first half).
std::vector<catalog::Buyer> bench_buyers(catalog::Connection& conn, std::size_t all,
                                         std::size_t count) {
    const std::size_t with_lists = std::max<std::size_t>(1, all / 2);
    count = std::clamp<std::size_t>(count, 1, with_lists);
    std::vector<catalog::Buyer> out;
    for (std::size_t i = 0; i < count; ++i) {
        out.push_back(must(catalog::find_buyer(conn, buyer_id(i)), "buyer " + buyer_id(i)));
        if (out.back().credentials.empty()) {
            throw std::runtime_error("buyer " + buyer_id(i) + " has no credential");
        }
    }
    return out;
}

int files(int argc, char** argv) {
    GeneratorOptions g;
    std::string db_path, out_dir, supplier = "DUNS:555000111", sender, secret_file;
    std::size_t order_templates = 64, order_lines = 20, order_buyers = 16;
    std::size_t product_skus = 10000, queries = 2000;
    po::options_description desc(
        "usage: bench-fixtures files --db DB --out DIR --sender DOMAIN:ID --secret-file F\n\n"
        "Writes setup.xml, orders/order-NNN.xml, orders/status-NNN.xml, product-skus.txt,\n"
        "search-queries.txt and buyers.txt. --skus/--buyers/--seed must be those catalog-gen\n"
        "loaded the database with.\n\nOptions");
    desc.add_options()("help,h", "this help")("db", po::value(&db_path), "database (required)")(
        "out", po::value(&out_dir), "output folder (required)")(
        "seed", po::value(&g.seed)->default_value(g.seed), "catalog-gen seed")(
        "skus", po::value(&g.skus)->default_value(g.skus), "catalog-gen --skus")(
        "buyers", po::value(&g.buyers)->default_value(g.buyers), "catalog-gen --buyers")(
        "supplier", po::value(&supplier)->default_value(supplier), "our credential (To)")(
        "sender", po::value(&sender), "the sending hub's credential (required)")(
        "secret-file", po::value(&secret_file), "the hub's shared secret (required)")(
        "order-templates", po::value(&order_templates)->default_value(order_templates),
        "different orders")("order-lines", po::value(&order_lines)->default_value(order_lines),
                            "lines per order")(
        "order-buyers", po::value(&order_buyers)->default_value(order_buyers),
        "buyers the orders come from")("product-skus",
                                       po::value(&product_skus)->default_value(product_skus),
                                       "SKUs for product pages")(
        "queries", po::value(&queries)->default_value(queries), "search texts");
    po::variables_map vm;
    po::store(po::parse_command_line(argc, argv, desc), vm);
    po::notify(vm);
    if (vm.count("help")) {
        std::cout << desc << '\n';
        return 0;
    }
    if (db_path.empty() || out_dir.empty() || sender.empty() || secret_file.empty() ||
        order_lines == 0 || g.skus == 0) {
        std::cerr << "bench-fixtures files: --db, --out, --sender and --secret-file are required"
                     "\nTry 'bench-fixtures files --help'.\n";
        return 2;
    }
    const Parties parties{split_credential(supplier), split_credential(sender),
                          read_secret(secret_file)};
    auto db = catalog::Database::open(db_path);
    auto conn = db.connect();
    const auto buyers = bench_buyers(conn, g.buyers, order_buyers);
    const fs::path out(out_dir);
    fs::create_directories(out / "orders");
    std::mt19937_64 rng(g.seed * 7 + 1);
    auto below = [&](std::size_t n) { return static_cast<std::size_t>(rng() % n); };

    write_text(out / "setup.xml", setup_request(parties, buyers.front().credentials.front()));

    // Orders: about a quarter of the lines are SKUs from the buyer's contract, the rest
    // anywhere in the catalog; prices are what the buyer pays today for that quantity.
    const auto now = catalog::now();
    for (std::size_t t = 0; t < order_templates; ++t) {
        const auto& buyer = buyers[t % buyers.size()];
        const auto contract = must(catalog::list_contract_prices(conn, buyer.key), "contract");
        std::vector<OrderLine> lines;
        std::set<std::string> used;
        while (lines.size() < order_lines) {
            std::string sku = !contract.empty() && below(4) == 0
                                  ? contract[below(contract.size())].sku
                                  : sku_for(g.seed, below(g.skus));
            if (!used.insert(sku).second)
                continue;
            OrderLine l;
            l.product = must(catalog::find_product(conn, sku), "product " + sku);
            l.quantity = *Amount::from_integer(static_cast<std::int64_t>(1 + below(24)));
            l.price = must(catalog::resolve_price(conn, buyer.key, sku, l.quantity, now),
                           "price of " + sku);
            lines.push_back(std::move(l));
        }
        char name[32];
        std::snprintf(name, sizeof name, "order-%03zu.xml", t);
        write_text(out / "orders" / name, order_request(parties, buyer.credentials.front(), lines));
        std::snprintf(name, sizeof name, "status-%03zu.xml", t);
        write_text(out / "orders" / name, status_request(parties, buyer.credentials.front()));
    }

    std::ostringstream skus;
    for (std::size_t i = 0; i < product_skus; ++i) {
        skus << percent_encode(sku_for(g.seed, below(g.skus))) << '\n';
    }
    write_text(out / "product-skus.txt", skus.str());

    std::ostringstream q;
    for (const auto& s : sample_queries(g, queries))
        q << percent_encode(s.text) << '\n';
    write_text(out / "search-queries.txt", q.str());

    std::ostringstream b;
    for (const auto& buyer : buyers) {
        b << buyer.id << '\t' << buyer.credentials.front().to_string() << '\n';
    }
    write_text(out / "buyers.txt", b.str());
    std::cout << "bench-fixtures: wrote " << order_templates << " orders of " << order_lines
              << " lines for " << buyers.size() << " buyers, " << product_skus << " SKUs, "
              << queries << " searches into " << out_dir << '\n';
    return 0;
}

int carts(int argc, char** argv) {
    GeneratorOptions g;
    std::string db_path, out_file;
    std::size_t count = 1000, lines_per_cart = 50, cart_buyers = 16;
    double ttl_hours = 8;
    po::options_description desc(
        "usage: bench-fixtures carts --db DB --out FILE [options]\n\n"
        "Creates --count started punchout sessions with a cart of --lines lines each (priced\n"
        "and stocked as the storefront's add does) and writes one transfer request per\n"
        "session to FILE: /shop/KEY/transfer<TAB>csrf=TOKEN.\n\nOptions");
    desc.add_options()("help,h", "this help")("db", po::value(&db_path), "database (required)")(
        "out", po::value(&out_file), "requests file (required)")(
        "seed", po::value(&g.seed)->default_value(g.seed), "catalog-gen seed")(
        "skus", po::value(&g.skus)->default_value(g.skus), "catalog-gen --skus")(
        "buyers", po::value(&g.buyers)->default_value(g.buyers), "catalog-gen --buyers")(
        "count", po::value(&count)->default_value(count), "sessions")(
        "lines", po::value(&lines_per_cart)->default_value(lines_per_cart), "lines per cart")(
        "cart-buyers", po::value(&cart_buyers)->default_value(cart_buyers),
        "buyers the sessions belong to")(
        "ttl-hours", po::value(&ttl_hours)->default_value(ttl_hours), "session lifetime");
    po::variables_map vm;
    po::store(po::parse_command_line(argc, argv, desc), vm);
    po::notify(vm);
    if (vm.count("help")) {
        std::cout << desc << '\n';
        return 0;
    }
    if (db_path.empty() || out_file.empty() || g.skus == 0 || lines_per_cart == 0) {
        std::cerr << "bench-fixtures carts: --db and --out are required\n"
                     "Try 'bench-fixtures carts --help'.\n";
        return 2;
    }
    auto db = catalog::Database::open(db_path);
    auto conn = db.connect();
    const auto buyers = bench_buyers(conn, g.buyers, cart_buyers);
    std::mt19937_64 rng(g.seed * 13 + 5);
    auto below = [&](std::size_t n) { return static_cast<std::size_t>(rng() % n); };
    const auto now = catalog::now();

    // Each buyer's carts draw from a pool of products priced once (price and stock as the
    // storefront would look them up when the user adds the line).
    struct Item {
        catalog::Product product;
        catalog::ResolvedPrice price;
        std::optional<Amount> stock;
        Amount quantity;
    };
    std::vector<std::vector<Item>> pools(buyers.size());
    for (std::size_t b = 0; b < buyers.size(); ++b) {
        std::set<std::string> used;
        while (pools[b].size() < lines_per_cart * 4) {
            const auto sku = sku_for(g.seed, below(g.skus));
            if (!used.insert(sku).second)
                continue;
            Item it;
            it.product = must(catalog::find_product(conn, sku), "product " + sku);
            it.quantity = *Amount::from_integer(static_cast<std::int64_t>(1 + below(12)));
            it.price = must(catalog::resolve_price(conn, buyers[b].key, sku, it.quantity, now),
                            "price of " + sku);
            const auto stock = must(catalog::stock_for_sku(conn, sku), "stock of " + sku);
            if (!stock.warehouses.empty())
                it.stock = stock.total;
            pools[b].push_back(std::move(it));
        }
    }

    std::ofstream out(out_file, std::ios::binary);
    auto tx = must(catalog::WriteTransaction::begin(conn), "begin");
    for (std::size_t s = 0; s < count; ++s) {
        const std::size_t b = s % buyers.size();
        const auto& buyer = buyers[b];
        catalog::PunchoutSession session;
        session.start_key = gateway::random_key();
        session.session_key = gateway::random_key();
        session.csrf_token = gateway::random_key();
        session.buyer = buyer.key;
        session.operation = catalog::SessionOperation::create;
        session.buyer_cookie = "bench-cart-" + std::to_string(s);
        session.return_url = "https://procurement.buyer.example/punchout/return";
        session.cxml_version = buyer.cxml_version;
        session.buyer_credential = buyer.credentials.front();
        session.user_email = "pat.buyer@buyer.example";
        session.user_name = "Pat Buyer";
        session.created_at = now;
        session.start_expires_at = now + std::chrono::minutes(5);
        session.expires_at =
            now + std::chrono::seconds(static_cast<std::int64_t>(ttl_hours * 3600));
        const auto stored = must(catalog::create_session(conn, session), "session");
        const auto started = must(catalog::start_session(conn, session.start_key, now), "start");
        if (!started.session)
            throw std::runtime_error("a fresh session did not start");
        // A different window of the pool for each cart, so carts are not all alike.
        const auto& pool = pools[b];
        const std::size_t first = below(pool.size());
        for (std::size_t i = 0; i < lines_per_cart; ++i) {
            const auto& it = pool[(first + i) % pool.size()];
            catalog::CartLine line;
            line.token = gateway::line_token();
            line.sku = it.product.sku;
            line.known = true;
            line.quantity = it.quantity;
            line.unit_price = it.price.price;
            line.currency = it.price.currency;
            line.price_source = it.price.source;
            line.price_basis_quantity = it.product.price_basis_quantity;
            line.uom = it.product.uom;
            line.description = it.product.description;
            line.stock_at_add = it.stock;
            line.origin = catalog::CartLineOrigin::added;
            line.added_at = now;
            must(catalog::add_cart_line(conn, stored.id, line), "cart line");
        }
        out << "/shop/" << session.session_key << "/transfer\tcsrf=" << session.csrf_token << '\n';
    }
    if (auto r = tx.commit(); !r)
        throw std::runtime_error("commit: " + r.error().message);
    if (!out)
        throw std::runtime_error("cannot write " + out_file);
    std::cout << "bench-fixtures: " << count << " sessions with " << lines_per_cart
              << " cart lines each for " << buyers.size() << " buyers\n";
    return 0;
}

int run(int argc, char** argv) {
    const std::string command = argc > 1 ? argv[1] : "";
    try {
        if (command == "files")
            return files(argc - 1, argv + 1);
        if (command == "carts")
            return carts(argc - 1, argv + 1);
    } catch (const po::error& e) {
        std::cerr << "bench-fixtures " << command << ": " << e.what() << '\n';
        return 2;
    }
    if (command == "--help" || command == "-h") {
        std::cout << "usage: bench-fixtures files|carts [options]; --help after either\n";
        return 0;
    }
    std::cerr << "usage: bench-fixtures files|carts [options]; --help after either\n";
    return 2;
}

}  // namespace
}  // namespace punchout::tools

int main(int argc, char** argv) {
    try {
        return punchout::tools::run(argc, argv);
    } catch (const std::exception& e) {
        std::cerr << "bench-fixtures: " << e.what() << '\n';
        return 1;
    }
}
