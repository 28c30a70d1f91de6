// storefront-seed DB SPEC.json: sets up a store for the storefront and OCI tests through the
// catalog library (catalog import, buyers with their storefront settings and OCI login,
// senders, contract prices, stock). A test helper, not an admin tool: punchoutctl is that.
//
// SPEC (JSON; every value a string):
//   {"catalog": ["file.csv"],
//    "buyers": [{"id", "name", "credentials": ["DOMAIN:ID"], "currency", "cxml_version",
//                "cart_transport", "unit_map": {"EA": "ST"}, "frame_origins": [...],
//                "postback_hosts": [...], "view_categories": [...], "enabled",
//                "oci_username", "oci_password",
//                "prices": [{"sku", "price", "currency", "min_qty", "from", "to"}]}],
//    "senders": [{"id", "credential", "secret", "buyers": [...], "any_buyer"}],
//    "prices": [{"buyer", "sku", "price", "currency", "min_qty"}],
//    "stock": [{"sku", "warehouse", "quantity", "at"}]}
#include "catalog/buyer.hpp"
#include "catalog/catalog_import.hpp"
#include "catalog/database.hpp"
#include "catalog/inventory.hpp"
#include "catalog/price.hpp"
#include "catalog/sender.hpp"

#include <iostream>
#include <stdexcept>
#include <string>
#include <vector>

#include <boost/property_tree/json_parser.hpp>
#include <boost/property_tree/ptree.hpp>

namespace pt = boost::property_tree;
using namespace punchout::catalog;

namespace {

template <class T>
T check(Result<T> r, const std::string& what) {
    if (!r)
        throw std::runtime_error(what + ": " + r.error().message);
    return std::move(*r);
}

void check(Result<void> r, const std::string& what) {
    if (!r)
        throw std::runtime_error(what + ": " + r.error().message);
}

std::vector<std::string> strings(const pt::ptree& node, const std::string& key) {
    std::vector<std::string> out;
    if (auto child = node.get_child_optional(key)) {
        for (const auto& [k, v] : *child)
            out.push_back(v.data());
    }
    return out;
}

Credential credential(const std::string& text) {
    const auto colon = text.find(':');
    if (colon == std::string::npos)
        throw std::runtime_error("credential needs DOMAIN:ID: " + text);
    return Credential{text.substr(0, colon), text.substr(colon + 1)};
}

Amount amount(const std::string& text, const std::string& what) {
    return check(Amount::parse(text), what);
}

void seed(Database& db, const pt::ptree& spec) {
    auto conn = db.connect();
    for (const auto& file : strings(spec, "catalog")) {
        auto report = import_catalog_file(conn, file);
        if (!report.applied) {
            std::string issues;
            for (const auto& i : report.issues)
                issues += "\n  " + i.to_string();
            throw std::runtime_error("catalog import failed: " + file + issues);
        }
    }
    if (auto buyers = spec.get_child_optional("buyers")) {
        for (const auto& [k, b] : *buyers) {
            Buyer buyer;
            buyer.id = b.get<std::string>("id");
            buyer.name = b.get<std::string>("name", buyer.id);
            for (const auto& c : strings(b, "credentials"))
                buyer.credentials.push_back(credential(c));
            buyer.default_currency = b.get<std::string>("currency", "EUR");
            buyer.cxml_version = b.get<std::string>("cxml_version", "1.2.071");
            buyer.cart_transport =
                parse_cart_transport(b.get<std::string>("cart_transport", "cxml-base64"))
                    .value_or(CartTransport::cxml_base64);
            if (auto units = b.get_child_optional("unit_map")) {
                for (const auto& [ours, theirs] : *units)
                    buyer.unit_map.emplace_back(ours, theirs.data());
            }
            buyer.frame_origins = strings(b, "frame_origins");
            buyer.postback_hosts = strings(b, "postback_hosts");
            buyer.view_categories = strings(b, "view_categories");
            buyer.enabled = b.get<std::string>("enabled", "true") == "true";
            buyer.oci_username = b.get<std::string>("oci_username", "");
            auto stored = check(add_buyer(conn, buyer), "buyer " + buyer.id);
            if (auto password = b.get_optional<std::string>("oci_password")) {
                check(set_oci_password(conn, stored.key, std::string_view(*password)),
                      "OCI password of " + buyer.id);
            }
            if (auto prices = b.get_child_optional("prices")) {
                for (const auto& [pk, p] : *prices) {
                    ContractPrice entry;
                    entry.sku = p.get<std::string>("sku");
                    entry.price = amount(p.get<std::string>("price"), "price");
                    entry.currency = p.get<std::string>("currency", "");
                    entry.min_qty = amount(p.get<std::string>("min_qty", "1"), "min_qty");
                    if (auto from = p.get_optional<std::string>("from")) {
                        entry.valid_from = check(parse_timestamp(*from), "from");
                    }
                    if (auto to = p.get_optional<std::string>("to")) {
                        entry.valid_to = check(parse_timestamp(*to), "to");
                    }
                    check(set_contract_price(conn, stored.key, entry), "price " + entry.sku);
                }
            }
        }
    }
    if (auto senders = spec.get_child_optional("senders")) {
        for (const auto& [k, s] : *senders) {
            NewSender sender;
            sender.id = s.get<std::string>("id");
            sender.credential = credential(s.get<std::string>("credential"));
            sender.shared_secret = s.get<std::string>("secret");
            sender.any_buyer = s.get<std::string>("any_buyer", "false") == "true";
            sender.buyer_ids = strings(s, "buyers");
            check(add_sender(conn, sender), "sender " + sender.id);
        }
    }
    // Contract prices for buyers that exist already (a price change while a test runs).
    if (auto prices = spec.get_child_optional("prices")) {
        for (const auto& [k, p] : *prices) {
            auto buyer = check(find_buyer(conn, p.get<std::string>("buyer")), "buyer");
            ContractPrice entry;
            entry.sku = p.get<std::string>("sku");
            entry.price = amount(p.get<std::string>("price"), "price");
            entry.currency = p.get<std::string>("currency", "");
            entry.min_qty = amount(p.get<std::string>("min_qty", "1"), "min_qty");
            check(set_contract_price(conn, buyer.key, entry), "price " + entry.sku);
        }
    }
    if (auto stock = spec.get_child_optional("stock")) {
        for (const auto& [k, s] : *stock) {
            std::optional<Timestamp> at;
            if (auto text = s.get_optional<std::string>("at"))
                at = check(parse_timestamp(*text), "at");
            check(set_stock(conn, s.get<std::string>("sku"), s.get<std::string>("warehouse"),
                            amount(s.get<std::string>("quantity"), "quantity"), at),
                  "stock " + s.get<std::string>("sku"));
        }
    }
}

}  // namespace

int main(int argc, char** argv) {
    if (argc != 3) {
        std::cerr << "usage: storefront-seed DB SPEC.json\n";
        return 2;
    }
    try {
        pt::ptree spec;
        pt::read_json(argv[2], spec);
        auto db = Database::open(argv[1]);
        seed(db, spec);
    } catch (const std::exception& e) {
        std::cerr << "storefront-seed: " << e.what() << '\n';
        return 1;
    }
    return 0;
}
