// outbox-bench: what the outbox costs, measured in one run on this machine.
//
//  1. Delivery throughput. N confirmations are queued in a real store and delivered by the
//     real gateway (its OutboxWorker, `concurrency` in flight) to a loopback buyer that
//     answers a cXML 200. Baseline: the same N bodies POSTed to the same buyer with
//     gateway::async_post and the same concurrency, with no database at all. The ratio is
//     the price of the durable bookkeeping (a lease and an outcome per document).
//  2. The request path. Sequential ProfileRequests to the same gateway (authenticated, so
//     they read the database), first with an idle outbox, then while it delivers N more
//     documents. p50 and p99 side by side: the sender must not slow requests down.
//
// Loopback HTTP; one process; figures vary with the machine, ratios much less.
#include "catalog/buyer.hpp"
#include "catalog/database.hpp"
#include "catalog/outbox.hpp"
#include "catalog/sender.hpp"
#include "catalog/write_transaction.hpp"
#include "cxml/payload_id.hpp"
#include "gateway/application.hpp"
#include "gateway/http/server.hpp"
#include "gateway/http/tls_context.hpp"
#include "gateway/outbox/http_client.hpp"

#include <algorithm>
#include <atomic>
#include <chrono>
#include <condition_variable>
#include <cstdio>
#include <filesystem>
#include <iostream>
#include <mutex>
#include <string>
#include <thread>
#include <vector>

#include <boost/asio/io_context.hpp>
#include <boost/program_options.hpp>

namespace po = boost::program_options;
namespace fs = std::filesystem;
using namespace punchout;
using Clock = std::chrono::steady_clock;

namespace {

constexpr const char* buyer_secret = "bench-buyer-secret";

std::string confirmation(const std::string& payload_id) {
    // The size and shape of a real accept confirmation with its envelope.
    return R"(<?xml version="1.0" encoding="UTF-8"?>
<!DOCTYPE cXML SYSTEM "http://xml.cxml.org/schemas/cXML/1.2.071/Fulfill.dtd">
<cXML payloadID=")" +
           payload_id +
           R"(" timestamp="2026-11-23T10:00:00+00:00" version="1.2.071" xml:lang="en-US">
  <Header>
    <From><Credential domain="DUNS"><Identity>555000111</Identity></Credential></From>
    <To><Credential domain="DUNS"><Identity>100200300</Identity></Credential></To>
    <Sender><Credential domain="DUNS"><Identity>555000111</Identity>
      <SharedSecret>bench-outbound-secret</SharedSecret></Credential>
      <UserAgent>punchout-gateway bench</UserAgent></Sender>
  </Header>
  <Request deploymentMode="production">
    <ConfirmationRequest>
      <ConfirmationHeader confirmID="CNF-1" operation="new" type="accept" noticeDate="2026-11-23T10:00:00+00:00">
        <Total><Money currency="EUR">186.50</Money></Total>
      </ConfirmationHeader>
      <OrderReference orderID="PO-1"><DocumentReference payloadID="order@buyer"/></OrderReference>
    </ConfirmationRequest>
  </Request>
</cXML>
)";
}

std::string profile_request() {
    return R"(<?xml version="1.0" encoding="UTF-8"?>
<cXML payloadID=")" +
           cxml::make_payload_id("bench") + R"(" timestamp="2026-11-23T10:00:00+00:00">
  <Header>
    <From><Credential domain="DUNS"><Identity>100200300</Identity></Credential></From>
    <To><Credential domain="DUNS"><Identity>555000111</Identity></Credential></To>
    <Sender><Credential domain="DUNS"><Identity>100200300</Identity>
      <SharedSecret>)" +
           std::string(buyer_secret) + R"(</SharedSecret></Credential>
      <UserAgent>bench</UserAgent></Sender>
  </Header>
  <Request><ProfileRequest/></Request>
</cXML>
)";
}

// A buyer endpoint on loopback: answers every POST with a cXML 200 and counts them.
struct FakeBuyer {
    gateway::Config config;
    gateway::Logger logger{std::tmpfile()};
    std::optional<gateway::Server> server;
    std::string url;
    std::atomic<std::uint64_t> posts{0};
    std::thread thread;

    explicit FakeBuyer(unsigned threads) {
        config.listen = {gateway::ListenAddress::parse("127.0.0.1:0", false)};
        config.threads = threads;
        config.access_log = false;
        server.emplace(config, logger);
        gateway::Route r;
        r.name = "inbound";
        r.path = "/in";
        r.methods = {gateway::http::verb::post};
        r.body_limit = 1u << 20;
        const std::string answer =
            "<?xml version=\"1.0\"?><cXML payloadID=\"1@buyer\" "
            "timestamp=\"2026-11-23T10:00:00+00:00\"><Response><Status code=\"200\" "
            "text=\"OK\"/></Response></cXML>";
        r.handler = [this, answer](gateway::RequestInfo&, gateway::Request&& req,
                                   gateway::Responder respond) {
            posts.fetch_add(1, std::memory_order_relaxed);
            respond(gateway::make_response(req, gateway::http::status::ok, "text/xml", answer));
        };
        server->add_route(std::move(r));
        url = server->listen().front() + "/in";
        server->set_ready();
        thread = std::thread([this] { server->run(); });
    }
    ~FakeBuyer() {
        server->stop();
        thread.join();
    }
};

double seconds_since(Clock::time_point t) {
    return std::chrono::duration<double>(Clock::now() - t).count();
}

// N posts with at most `concurrency` in flight, no database: the baseline.
double bare_posts(const std::string& url, std::size_t n, unsigned concurrency) {
    boost::asio::io_context ioc;
    auto tls = gateway::make_client_tls_context("", true);
    const auto target = *gateway::Url::parse(url);
    std::size_t started = 0, done = 0;
    std::function<void()> next = [&] {
        if (started == n)
            return;
        ++started;
        gateway::async_post(ioc, tls, target, confirmation(cxml::make_payload_id("bench")),
                            "text/xml; charset=UTF-8", std::chrono::seconds(30),
                            [&](gateway::HttpResult r) {
                                if (r.transport_failed() || r.status != 200) {
                                    std::cerr << "baseline post failed: " << r.describe() << '\n';
                                }
                                ++done;
                                next();
                            });
    };
    const auto t0 = Clock::now();
    for (unsigned i = 0; i < concurrency; ++i)
        next();
    ioc.run();
    return static_cast<double>(done) / seconds_since(t0);
}

void queue_documents(catalog::Database& db, catalog::BuyerKey buyer, const std::string& url,
                     std::size_t n) {
    auto conn = db.connect();
    auto tx = catalog::WriteTransaction::begin(conn, catalog::Durability::full);
    for (std::size_t i = 0; i < n; ++i) {
        catalog::NewOutboxDocument d;
        d.buyer = buyer;
        d.document_type = "ConfirmationRequest";
        d.payload_id = cxml::make_payload_id("bench");
        d.target_url = url;
        d.body = confirmation(d.payload_id);
        if (!catalog::enqueue_document(conn, d, catalog::now()))
            throw std::runtime_error("enqueue failed");
    }
    if (!tx || !tx->commit())
        throw std::runtime_error("commit failed");
}

std::int64_t delivered(catalog::Database& db) {
    auto conn = db.connect();
    const auto counts = catalog::count_outbox_by_status(conn);
    if (!counts)
        return 0;
    for (const auto& [status, n] : *counts) {
        if (status == "delivered")
            return n;
    }
    return 0;
}

struct Latency {
    double p50_us = 0, p99_us = 0;
    std::size_t samples = 0;
    std::size_t failed = 0;
};

Latency profile_requests(const std::string& url, std::size_t m,
                         const std::function<bool()>& keep_going = {}) {
    boost::asio::io_context ioc;
    auto tls = gateway::make_client_tls_context("", true);
    const auto target = *gateway::Url::parse(url);
    std::vector<double> us;
    Latency out;
    for (std::size_t i = 0; i < m && (!keep_going || keep_going()); ++i) {
        const auto t0 = Clock::now();
        gateway::HttpResult answer;
        gateway::async_post(ioc, tls, target, profile_request(), "text/xml",
                            std::chrono::seconds(30), [&](gateway::HttpResult r) { answer = r; });
        ioc.run();
        ioc.restart();
        us.push_back(seconds_since(t0) * 1e6);
        if (answer.transport_failed() || answer.status != 200 ||
            answer.body.find("code=\"200\"") == std::string::npos) {
            ++out.failed;
        }
    }
    std::sort(us.begin(), us.end());
    out.samples = us.size();
    if (!us.empty()) {
        out.p50_us = us[us.size() / 2];
        out.p99_us = us[std::min(us.size() - 1, us.size() * 99 / 100)];
    }
    return out;
}

}  // namespace

int main(int argc, char** argv) {
    std::size_t documents = 3000, requests = 1000;
    unsigned concurrency = 8, threads = 2;
    po::options_description options("outbox-bench");
    options.add_options()("help,h", "this help")(
        "documents", po::value(&documents)->default_value(documents), "documents to deliver")(
        "requests", po::value(&requests)->default_value(requests),
        "ProfileRequests per latency phase")("concurrency",
                                             po::value(&concurrency)->default_value(concurrency),
                                             "deliveries in flight (outbox.concurrency)")(
        "threads", po::value(&threads)->default_value(threads), "gateway I/O threads")(
        "quick", "a small run that only proves the tool works");
    po::variables_map vm;
    try {
        po::store(po::parse_command_line(argc, argv, options), vm);
        po::notify(vm);
    } catch (const po::error& e) {
        std::cerr << "outbox-bench: " << e.what() << '\n';
        return 2;
    }
    if (vm.count("help")) {
        std::cout << options;
        return 0;
    }
    if (vm.count("quick")) {
        documents = 50;
        requests = 20;
    }

    const fs::path dir = fs::temp_directory_path() / ("outbox-bench-" + std::to_string(::getpid()));
    fs::create_directories(dir);
    int rc = 0;
    try {
        FakeBuyer buyer(2);

        gateway::Config config;
        config.db_path = (dir / "bench.db").string();
        config.listen = {gateway::ListenAddress::parse("127.0.0.1:0", false)};
        config.threads = threads;
        config.access_log = false;
        config.supplier.credentials = {{"DUNS", "555000111"}};
        config.supplier.outbound_secret = "bench-outbound-secret";
        config.outbox_concurrency = concurrency;

        catalog::BuyerKey buyer_key;
        {
            auto db = catalog::Database::open(config.db_path);
            auto conn = db.connect();
            catalog::Buyer b;
            b.id = "acme";
            b.name = "Acme";
            b.credentials = {{"DUNS", "100200300"}};
            b.document_url = buyer.url;
            buyer_key = catalog::add_buyer(conn, b)->key;
            catalog::NewSender s;
            s.id = "acme";
            s.credential = {"DUNS", "100200300"};
            s.shared_secret = buyer_secret;
            s.buyer_ids = {"acme"};
            if (!catalog::add_sender(conn, s))
                throw std::runtime_error("sender");
        }

        std::printf(
            "outbox-bench: %zu documents, %u in flight, %zu requests per phase, "
            "%u gateway threads\n\n",
            documents, concurrency, requests, threads);

        const double baseline = bare_posts(buyer.url, documents, concurrency);

        gateway::Logger logger{std::tmpfile()};
        gateway::Server server(config, logger);
        gateway::Application app(config, server, logger);
        const auto url = server.listen().front() + "/cxml";
        app.open();
        server.set_ready();
        std::thread io([&] { server.run(); });
        auto db = catalog::Database::open(config.db_path);

        const auto idle = profile_requests(url, requests);

        queue_documents(db, buyer_key, buyer.url, documents);
        const auto queued = Clock::now();
        const auto target = static_cast<std::int64_t>(documents);
        // Requests run while the outbox delivers (stopping early if delivery finishes).
        std::atomic<bool> delivering{true};
        Clock::time_point first{}, last{};
        std::thread watcher([&] {
            for (;;) {
                const auto n = delivered(db);
                if (n > 0 && first == Clock::time_point{})
                    first = Clock::now();
                if (n >= target)
                    break;
                std::this_thread::sleep_for(std::chrono::milliseconds(2));
            }
            last = Clock::now();
            delivering = false;
        });
        const auto busy = profile_requests(url, requests, [&] { return delivering.load(); });
        watcher.join();
        // From the first delivery to the last: the sender's pace once it runs. Noticing a
        // document queued by another process takes up to one 250 ms tick, shown apart.
        const double outbox_rate =
            static_cast<double>(documents) /
            std::max(std::chrono::duration<double>(last - first).count(), 1e-3);
        const double pickup_ms = std::chrono::duration<double, std::milli>(first - queued).count();

        server.stop();
        io.join();
        app.close();

        std::printf("%-44s %12s\n", "delivery", "docs/s");
        std::printf("%-44s %12.0f\n", "bare async_post, no database (baseline)", baseline);
        std::printf("%-44s %12.0f\n", "outbox: lease + POST + record, durable", outbox_rate);
        std::printf("%-44s %12.2f\n", "ratio outbox / baseline", outbox_rate / baseline);
        std::printf("%-44s %12.0f\n\n", "first delivery after queueing (ms)", pickup_ms);
        std::printf("%-44s %10s %10s %8s %8s\n", "ProfileRequest latency (sequential)", "p50 us",
                    "p99 us", "samples", "failed");
        for (const auto& [name, l] :
             {std::pair{"outbox idle", idle}, std::pair{"outbox delivering", busy}}) {
            std::printf("%-44s %10.0f %10.0f %8zu %8zu\n", name, l.p50_us, l.p99_us, l.samples,
                        l.failed);
        }
        if (idle.samples > 0 && busy.samples > 0) {
            std::printf("%-44s %10.2f %10.2f\n", "ratio delivering / idle",
                        busy.p50_us / idle.p50_us, busy.p99_us / idle.p99_us);
        } else {
            std::printf("(delivery finished before a request could run: queue more documents)\n");
        }
        std::printf("\nbuyer received %llu posts (%zu expected)\n",
                    static_cast<unsigned long long>(buyer.posts.load()), 2 * documents);
        if (buyer.posts.load() != 2 * documents || idle.failed || busy.failed)
            rc = 1;
    } catch (const std::exception& e) {
        std::cerr << "outbox-bench: " << e.what() << '\n';
        rc = 1;
    }
    std::error_code ec;
    fs::remove_all(dir, ec);
    return rc;
}
