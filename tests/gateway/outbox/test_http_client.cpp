#include "gateway/http/server.hpp"
#include "gateway/http/tls_context.hpp"
#include "gateway/outbox/http_client.hpp"

#include <cstdio>
#include <future>
#include <thread>

#include <boost/asio/ip/tcp.hpp>
#include <catch2/catch.hpp>

using namespace punchout::gateway;
namespace net = boost::asio;
using tcp = net::ip::tcp;

namespace {

HttpResult post_sync(const std::string& url, std::string body,
                     std::chrono::milliseconds timeout = std::chrono::seconds(5)) {
    net::io_context ioc;
    auto tls = make_client_tls_context("", true);
    HttpResult out;
    async_post(ioc, tls, *Url::parse(url), std::move(body), "text/xml", timeout,
               [&](HttpResult r) { out = std::move(r); });
    ioc.run();
    return out;
}

}  // namespace

TEST_CASE("URLs: what an outbound endpoint may look like") {
    auto u = Url::parse("https://buyer.example.com/cxml/inbound?x=1");
    REQUIRE(u);
    CHECK(u->tls);
    CHECK(u->host == "buyer.example.com");
    CHECK(u->port == "443");
    CHECK(u->target == "/cxml/inbound?x=1");
    CHECK(u->authority() == "buyer.example.com");

    auto v = Url::parse("http://[::1]:8080");
    REQUIRE(v);
    CHECK(v->host == "::1");
    CHECK(v->port == "8080");
    CHECK(v->target == "/");
    CHECK(v->authority() == "[::1]:8080");

    CHECK_FALSE(Url::parse("ftp://x/"));
    CHECK_FALSE(Url::parse("javascript:alert(1)"));
    CHECK_FALSE(Url::parse("https://user:pw@host/"));
    CHECK_FALSE(Url::parse("http://host:99999/"));
    CHECK_FALSE(Url::parse("http:///nohost"));
}

TEST_CASE("a POST reaches a real server and returns its answer") {
    Config config;
    config.listen = {ListenAddress::parse("127.0.0.1:0", false)};
    config.threads = 1;
    Logger logger{std::tmpfile()};
    Server server(config, logger);
    Route r;
    r.name = "inbound";
    r.path = "/inbound";
    r.methods = {http::verb::post};
    r.handler = [](RequestInfo&, Request&& req, Responder respond) {
        respond(make_response(req, http::status::accepted, "text/xml", "got " + req.body()));
    };
    server.add_route(std::move(r));
    auto url = server.listen().front();
    std::thread t([&] { server.run(); });

    auto res = post_sync(url + "/inbound", "<doc/>");
    CHECK_FALSE(res.transport_failed());
    CHECK(res.status == 202);
    CHECK(res.body == "got <doc/>");
    CHECK(res.content_type == "text/xml");

    server.stop();
    t.join();
}

TEST_CASE("transport failures say which step failed") {
    SECTION("nobody listening") {
        // Bind and close to find a port that is free.
        net::io_context ioc;
        tcp::acceptor a(ioc, tcp::endpoint(net::ip::make_address("127.0.0.1"), 0));
        auto port = a.local_endpoint().port();
        a.close();
        auto res = post_sync("http://127.0.0.1:" + std::to_string(port) + "/", "x");
        CHECK(res.transport_failed());
        CHECK(res.failed_step == "connect");
    }
    SECTION("a peer that accepts and never answers: the timeout ends it") {
        net::io_context server_ioc;
        tcp::acceptor a(server_ioc, tcp::endpoint(net::ip::make_address("127.0.0.1"), 0));
        auto port = a.local_endpoint().port();
        tcp::socket held(server_ioc);
        std::thread t([&] { a.accept(held); });
        const auto start = std::chrono::steady_clock::now();
        auto res = post_sync("http://127.0.0.1:" + std::to_string(port) + "/", "x",
                             std::chrono::milliseconds(500));
        CHECK(res.transport_failed());
        CHECK(res.failed_step == "receive");
        CHECK(std::chrono::steady_clock::now() - start < std::chrono::seconds(5));
        t.join();
    }
    SECTION("TLS to a plain server fails in the handshake") {
        Config config;
        config.listen = {ListenAddress::parse("127.0.0.1:0", false)};
        config.threads = 1;
        Logger logger{std::tmpfile()};
        Server server(config, logger);
        auto url = server.listen().front();
        std::thread t([&] { server.run(); });
        auto res = post_sync("https://" + url.substr(7) + "/", "x");
        CHECK(res.transport_failed());
        CHECK(res.failed_step == "tls");
        server.stop();
        t.join();
    }
}
