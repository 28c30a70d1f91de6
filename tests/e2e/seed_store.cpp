// punchout-test-seed: sets up a store for the end-to-end tests through the catalog library,
// for what punchoutctl cannot do yet (its buyer, sender and catalog commands are being built
// on another branch; switch the tests to them once they land).
//
//   punchout-test-seed --db FILE [--catalog FILE.csv] [--buyer ID --credential D:I ...
//       [--document-url URL] [--cxml-version V] [--currency C]]
//       [--sender ID --sender-credential D:I --secret S (--buyers ID,ID | --any-buyer)]
//       [--set-document-url ID=URL]
//
// Every step is optional; the database is created and migrated first. Exit 1 on failure.
#include "catalog/buyer.hpp"
#include "catalog/catalog_import.hpp"
#include "catalog/database.hpp"
#include "catalog/sender.hpp"

#include <iostream>
#include <sstream>
#include <string>
#include <vector>

#include <boost/program_options.hpp>

namespace po = boost::program_options;
using namespace punchout::catalog;

namespace {

Credential credential(const std::string& text) {
    const auto colon = text.find(':');
    if (colon == std::string::npos || colon == 0)
        throw std::runtime_error("credential '" + text + "' must be DOMAIN:IDENTITY");
    return Credential{text.substr(0, colon), text.substr(colon + 1)};
}

std::vector<std::string> split(const std::string& text) {
    std::vector<std::string> out;
    std::stringstream in(text);
    for (std::string part; std::getline(in, part, ',');) {
        if (!part.empty())
            out.push_back(part);
    }
    return out;
}

template <class T>
T must(Result<T> r, const std::string& what) {
    if (!r)
        throw std::runtime_error(what + ": " + r.error().message);
    return std::move(*r);
}

}  // namespace

int main(int argc, char** argv) {
    std::string db_path, catalog_file, buyer_id, document_url, cxml_version, currency;
    std::string sender_id, sender_credential, secret, buyers;
    std::vector<std::string> credentials, set_urls;
    po::options_description options("punchout-test-seed");
    options.add_options()("db", po::value(&db_path)->required())(
        "catalog", po::value(&catalog_file))("buyer", po::value(&buyer_id))(
        "credential", po::value(&credentials)->composing())(
        "document-url", po::value(&document_url))("cxml-version", po::value(&cxml_version))(
        "currency", po::value(&currency))("sender", po::value(&sender_id))(
        "sender-credential", po::value(&sender_credential))("secret", po::value(&secret))(
        "buyers", po::value(&buyers))("any-buyer", "")("set-document-url",
                                                       po::value(&set_urls)->composing());
    try {
        po::variables_map vm;
        po::store(po::parse_command_line(argc, argv, options), vm);
        po::notify(vm);

        auto db = Database::open(db_path);
        auto conn = db.connect();
        if (!catalog_file.empty()) {
            auto report = import_catalog_file(conn, catalog_file);
            if (!report.applied) {
                std::string issues;
                for (const auto& i : report.issues)
                    issues += "\n" + i.to_string();
                throw std::runtime_error("catalog import failed:" + issues);
            }
        }
        if (!buyer_id.empty()) {
            Buyer b;
            b.id = buyer_id;
            b.name = buyer_id + " Corp";
            for (const auto& c : credentials)
                b.credentials.push_back(credential(c));
            b.document_url = document_url;
            if (!cxml_version.empty())
                b.cxml_version = cxml_version;
            if (!currency.empty())
                b.default_currency = currency;
            must(add_buyer(conn, b), "buyer " + buyer_id);
        }
        if (!sender_id.empty()) {
            NewSender s;
            s.id = sender_id;
            s.credential = credential(sender_credential);
            s.shared_secret = secret;
            s.any_buyer = vm.count("any-buyer") != 0;
            s.buyer_ids = split(buyers);
            must(add_sender(conn, s), "sender " + sender_id);
        }
        for (const auto& text : set_urls) {
            const auto eq = text.find('=');
            if (eq == std::string::npos)
                throw std::runtime_error("--set-document-url takes BUYER=URL");
            auto b = must(find_buyer(conn, text.substr(0, eq)), "buyer " + text.substr(0, eq));
            b.document_url = text.substr(eq + 1);
            must(update_buyer(conn, b), "buyer " + b.id);
        }
    } catch (const std::exception& e) {
        std::cerr << "punchout-test-seed: " << e.what() << '\n';
        return 1;
    }
    return 0;
}
