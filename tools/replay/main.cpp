// punchout-replay: posts cXML fixtures to a gateway (or any cXML endpoint) and prints the
// Status each one got, for integration engineers. See gateway/README-outbox.md.
#include "catalog/json_text.hpp"
#include "cxml/parse.hpp"
#include "cxml/payload_id.hpp"
#include "cxml/write.hpp"
#include "gateway/http/tls_context.hpp"
#include "gateway/outbox/http_client.hpp"
#include "gateway/service/build_info.hpp"

#include <algorithm>
#include <filesystem>
#include <fstream>
#include <iostream>
#include <iterator>
#include <optional>
#include <sstream>
#include <string>
#include <vector>

#include <boost/asio/io_context.hpp>
#include <boost/program_options.hpp>

namespace po = boost::program_options;
namespace fs = std::filesystem;
using namespace punchout;

namespace {

using catalog::json_string;

constexpr const char* usage =
    "usage: punchout-replay --url URL [--secret S | --secret-file F] [--fresh-payload-ids]\n"
    "                       [--ca-file F] [--insecure] [--timeout SECONDS] [--json] "
    "DIR|FILE...\n\n"
    "Posts each cXML file (a folder: its *.xml files, recursively, in name order) to URL,\n"
    "one after the other, and prints the HTTP status and the cXML Status code, text and\n"
    "message each one got. The files are sent as they are, unless --secret (the Sender's\n"
    "SharedSecret) or --fresh-payload-ids (a new payloadID, so a replayed order is new\n"
    "rather than an idempotent repeat) asks for a change; a file that is not readable\n"
    "cXML is then still sent as it is.\n\n"
    "Exit codes: 0 every file got a 2xx Status, 1 any did not (or no cXML answer came),\n"
    "2 usage error.\n\n";

struct Outcome {
    std::string file;
    std::string note;  // what was changed, or why it could not be
    unsigned http = 0;
    std::optional<unsigned> code;
    std::string text;
    std::string message;
    std::string error;  // transport error or unreadable answer

    bool ok() const { return error.empty() && code && *code >= 200 && *code < 300; }
};

std::vector<std::string> collect(const std::vector<std::string>& inputs) {
    std::vector<std::string> files;
    for (const auto& input : inputs) {
        std::error_code ec;
        if (fs::is_directory(input, ec)) {
            std::vector<std::string> found;
            for (const auto& entry : fs::recursive_directory_iterator(input, ec)) {
                if (entry.is_regular_file() && entry.path().extension() == ".xml")
                    found.push_back(entry.path().string());
            }
            std::sort(found.begin(), found.end());
            files.insert(files.end(), found.begin(), found.end());
        } else {
            files.push_back(input);
        }
    }
    return files;
}

std::string one_line(std::string s, std::size_t limit) {
    std::replace_if(
        s.begin(), s.end(), [](char c) { return c == '\n' || c == '\r' || c == '\t'; }, ' ');
    if (s.size() > limit) {
        std::size_t cut = limit - 3;
        while (cut > 0 && (static_cast<unsigned char>(s[cut]) & 0xC0) == 0x80)
            --cut;
        s = s.substr(0, cut) + "...";
    }
    return s;
}

// The document with the requested changes, or the bytes as they are.
std::string prepare(const std::string& bytes, const std::optional<std::string>& secret,
                    bool fresh_ids, std::string& note) {
    if (!secret && !fresh_ids)
        return bytes;
    auto parsed = cxml::parse(bytes);
    if (!parsed) {
        note = "sent as is (not readable cXML: " + parsed.error().message + ")";
        return bytes;
    }
    cxml::Document doc = parsed.value();
    std::vector<std::string> changes;
    if (secret) {
        for (auto& c : doc.header.sender.credentials) {
            c.shared_secret = *secret;
            c.mac.reset();
        }
        changes.push_back("secret replaced");
    }
    if (fresh_ids) {
        doc.payload_id = cxml::make_payload_id();
        changes.push_back("payloadID " + doc.payload_id);
    }
    cxml::WriteOptions options;
    if (!doc.version.empty())
        options.version = doc.version;
    try {
        std::string out = cxml::write(doc, options);
        for (const auto& c : changes)
            note += (note.empty() ? "" : "; ") + c;
        return out;
    } catch (const std::exception& e) {
        // A version the writer does not take: write it in the default version instead.
        try {
            std::string out = cxml::write(doc);
            note = "written as cXML " + std::string(cxml::default_version) + " (" + e.what() + ")";
            return out;
        } catch (const std::exception& e2) {
            note = std::string("sent as is (") + e2.what() + ")";
            return bytes;
        }
    }
}

}  // namespace

int main(int argc, char** argv) {
    std::string url_text, secret_file, ca_file;
    std::optional<std::string> secret;
    std::vector<std::string> inputs;
    unsigned timeout_s = 30;
    po::options_description options("Options");
    options.add_options()("help,h", "this help")("url", po::value(&url_text),
                                                 "where to post, e.g. https://host:8443/cxml")(
        "secret", po::value<std::string>(), "the Sender SharedSecret to put in each document")(
        "secret-file", po::value(&secret_file), "read the SharedSecret from a file")(
        "fresh-payload-ids", "give each document a new payloadID")(
        "ca-file", po::value(&ca_file), "extra CA bundle to verify the server with")(
        "insecure", "do not verify the server certificate (test servers only)")(
        "timeout", po::value(&timeout_s), "seconds per post (default 30)")(
        "json", "print JSON instead of a table");
    po::options_description hidden;
    hidden.add_options()("input", po::value(&inputs));
    po::options_description all;
    all.add(options).add(hidden);
    po::positional_options_description positional;
    positional.add("input", -1);
    po::variables_map vm;
    try {
        po::store(po::command_line_parser(argc, argv).options(all).positional(positional).run(),
                  vm);
        po::notify(vm);
    } catch (const po::error& e) {
        std::cerr << "punchout-replay: " << e.what() << "\nTry 'punchout-replay --help'.\n";
        return 2;
    }
    if (vm.count("help")) {
        std::cout << usage << options;
        return 0;
    }
    auto fail_usage = [](const std::string& message) {
        std::cerr << "punchout-replay: " << message << "\nTry 'punchout-replay --help'.\n";
        return 2;
    };
    if (url_text.empty())
        return fail_usage("--url URL is required");
    const auto url = gateway::Url::parse(url_text);
    if (!url)
        return fail_usage("--url '" + url_text + "' is not an http(s) URL");
    if (inputs.empty())
        return fail_usage("give at least one FILE or DIR");
    if (vm.count("secret"))
        secret = vm["secret"].as<std::string>();
    if (!secret_file.empty()) {
        std::ifstream in(secret_file, std::ios::binary);
        if (!in)
            return fail_usage("cannot read --secret-file " + secret_file);
        std::string s((std::istreambuf_iterator<char>(in)), std::istreambuf_iterator<char>());
        while (!s.empty() && (s.back() == '\n' || s.back() == '\r'))
            s.pop_back();
        secret = s;
    }
    const bool fresh = vm.count("fresh-payload-ids") != 0;
    const bool json = vm.count("json") != 0;
    const auto files = collect(inputs);
    if (files.empty())
        return fail_usage("no .xml files found");

    std::optional<boost::asio::ssl::context> tls;
    try {
        tls.emplace(gateway::make_client_tls_context(ca_file, vm.count("insecure") == 0));
    } catch (const std::exception& e) {
        std::cerr << "punchout-replay: " << e.what() << '\n';
        return 2;
    }

    std::vector<Outcome> outcomes;
    for (const auto& file : files) {
        Outcome o;
        o.file = file;
        std::ifstream in(file, std::ios::binary);
        if (!in) {
            o.error = "cannot read the file";
            outcomes.push_back(std::move(o));
            continue;
        }
        const std::string bytes((std::istreambuf_iterator<char>(in)),
                                std::istreambuf_iterator<char>());
        std::string body = prepare(bytes, secret, fresh, o.note);
        boost::asio::io_context ioc;
        gateway::HttpResult answer;
        gateway::async_post(ioc, *tls, *url, std::move(body), "text/xml; charset=UTF-8",
                            std::chrono::seconds(timeout_s),
                            [&](gateway::HttpResult r) { answer = std::move(r); });
        ioc.run();
        if (answer.transport_failed()) {
            o.error = answer.describe();
        } else {
            o.http = answer.status;
            auto parsed = cxml::parse(answer.body);
            const cxml::Response* r =
                parsed ? std::get_if<cxml::Response>(&parsed.value().body) : nullptr;
            if (r) {
                o.code = r->status().code;
                o.text = r->status().text;
                o.message = r->status().message;
            } else {
                o.error = "the answer is not a cXML Response: " + one_line(answer.body, 80);
            }
        }
        outcomes.push_back(std::move(o));
    }

    std::size_t ok = 0;
    for (const auto& o : outcomes)
        ok += o.ok();
    if (json) {
        std::cout << "{\n  \"url\": " << json_string(url_text) << ",\n  \"files\": [";
        for (std::size_t i = 0; i < outcomes.size(); ++i) {
            const auto& o = outcomes[i];
            std::cout << (i ? "," : "") << "\n    {\"file\": " << json_string(o.file)
                      << ", \"http_status\": " << (o.http ? std::to_string(o.http) : "null")
                      << ", \"code\": " << (o.code ? std::to_string(*o.code) : "null")
                      << ", \"text\": " << json_string(o.text)
                      << ", \"message\": " << json_string(o.message)
                      << ", \"error\": " << (o.error.empty() ? "null" : json_string(o.error))
                      << ", \"note\": " << (o.note.empty() ? "null" : json_string(o.note))
                      << ", \"ok\": " << (o.ok() ? "true" : "false") << "}";
        }
        std::cout << "\n  ],\n  \"ok\": " << ok << ",\n  \"failed\": " << outcomes.size() - ok
                  << "\n}\n";
    } else {
        std::size_t width = 4;
        for (const auto& o : outcomes)
            width = std::max(width, o.file.size());
        std::cout << "FILE" << std::string(width - 4 + 2, ' ') << "HTTP  STATUS  TEXT / MESSAGE\n";
        for (const auto& o : outcomes) {
            std::cout << o.file << std::string(width - o.file.size() + 2, ' ');
            const std::string http = o.http ? std::to_string(o.http) : "-";
            std::cout << http << std::string(6 - std::min<std::size_t>(http.size(), 5), ' ');
            if (o.code) {
                const std::string code = std::to_string(*o.code);
                std::cout << code << std::string(8 - code.size(), ' ') << o.text;
                if (!o.message.empty())
                    std::cout << ": " << one_line(o.message, 160);
            } else {
                std::cout << "-       " << o.error;
            }
            std::cout << '\n';
            if (!o.note.empty())
                std::cout << "  (" << o.note << ")\n";
        }
        std::cout << '\n' << ok << " of " << outcomes.size() << " got a 2xx Status\n";
    }
    return ok == outcomes.size() ? 0 : 1;
}
