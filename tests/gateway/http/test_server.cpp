// The transport on its own: a real Server on a loopback port with test routes, driven by a
// Beast client. The cXML and storefront routes are tested end to end through the binary.
#include "gateway/http/server.hpp"

#include <cstdio>
#include <future>
#include <thread>

#include <boost/asio/connect.hpp>
#include <boost/asio/ip/tcp.hpp>
#include <boost/beast/core.hpp>
#include <boost/beast/http.hpp>
#include <catch2/catch.hpp>

namespace {

using namespace punchout::gateway;
namespace beast = boost::beast;
namespace net = boost::asio;
using tcp = net::ip::tcp;

struct TestServer {
    Config config;
    Logger logger{std::tmpfile()};
    std::unique_ptr<Server> server;
    std::thread thread;
    unsigned short port = 0;

    explicit TestServer(Config c = {}) : config(std::move(c)) {
        config.listen = {ListenAddress::parse("127.0.0.1:0", false)};
        config.threads = 2;
        server = std::make_unique<Server>(config, logger);
    }
    void start() {
        auto urls = server->listen();
        port = static_cast<unsigned short>(
            std::stoi(urls.front().substr(urls.front().rfind(':') + 1)));
        thread = std::thread([this] { server->run(); });
    }
    ~TestServer() {
        server->stop();
        if (thread.joinable())
            thread.join();
    }
};

struct Client {
    net::io_context ioc;
    beast::tcp_stream stream{ioc};
    beast::flat_buffer buffer;

    explicit Client(unsigned short port) {
        stream.connect(tcp::endpoint(net::ip::make_address("127.0.0.1"), port));
    }
    http::response<http::string_body> send(http::request<http::string_body> req) {
        req.prepare_payload();
        http::write(stream, req);
        return receive();
    }
    http::response<http::string_body> receive() {
        http::response<http::string_body> res;
        http::read(stream, buffer, res);
        return res;
    }
    bool closed_by_peer() {
        char c;
        beast::error_code ec;
        stream.socket().read_some(net::buffer(&c, 1), ec);
        return ec == net::error::eof || ec == net::error::connection_reset;
    }
};

http::request<http::string_body> request(http::verb verb, std::string target,
                                         std::string body = {}) {
    http::request<http::string_body> req{verb, target, 11};
    req.set(http::field::host, "127.0.0.1");
    req.body() = std::move(body);
    return req;
}

Route echo_route(std::size_t limit) {
    Route r;
    r.name = "echo";
    r.path = "/echo";
    r.methods = {http::verb::post};
    r.body_limit = limit;
    r.handler = [](RequestInfo&, Request&& req, Responder respond) {
        respond(make_response(req, http::status::ok, "text/plain", req.body()));
    };
    r.error = [](unsigned version, http::status status, std::string_view message) {
        return make_response(version, false, status, "text/x-echo-error", std::string(message));
    };
    return r;
}

}  // namespace

TEST_CASE("healthz answers 503 until the application says it is ready") {
    TestServer ts;
    ts.start();
    Client c(ts.port);
    auto res = c.send(request(http::verb::get, "/healthz"));
    CHECK(res.result() == http::status::service_unavailable);
    CHECK(res.body().find("starting") != std::string::npos);
    ts.server->set_ready();
    res = c.send(request(http::verb::get, "/healthz"));
    CHECK(res.result() == http::status::ok);
    CHECK(res.body().find("ready") != std::string::npos);
}

TEST_CASE("keep-alive serves several requests on one connection") {
    TestServer ts;
    ts.server->add_route(echo_route(1024));
    ts.start();
    Client c(ts.port);
    for (int i = 0; i < 5; ++i) {
        auto res = c.send(request(http::verb::post, "/echo", "hello " + std::to_string(i)));
        INFO(res.body());
        REQUIRE(res.result() == http::status::ok);
        CHECK(res.body() == "hello " + std::to_string(i));
        CHECK(res.keep_alive());
    }
}

TEST_CASE("a body over the route's limit is refused with 413 in the route's language") {
    TestServer ts;
    ts.server->add_route(echo_route(1024));
    ts.start();

    SECTION("announced by Content-Length: refused before the body is read") {
        Client c(ts.port);
        auto req = request(http::verb::post, "/echo");
        req.set(http::field::content_length, "104857600");  // 100 MB, never sent
        http::write(c.stream, req);
        auto res = c.receive();
        CHECK(res.result() == http::status::payload_too_large);
        CHECK(res[http::field::content_type] == "text/x-echo-error");
        CHECK(res.body().find("1024 bytes") != std::string::npos);
        CHECK_FALSE(res.keep_alive());
    }
    SECTION("chunked: refused once the limit is crossed") {
        Client c(ts.port);
        http::request<http::string_body> req =
            request(http::verb::post, "/echo", std::string(4096, 'x'));
        req.chunked(true);
        http::write(c.stream, req);
        auto res = c.receive();
        CHECK(res.result() == http::status::payload_too_large);
    }
    SECTION("exactly at the limit is fine") {
        Client c(ts.port);
        auto res = c.send(request(http::verb::post, "/echo", std::string(1024, 'y')));
        CHECK(res.result() == http::status::ok);
        CHECK(res.body().size() == 1024);
    }
}

TEST_CASE("Expect: 100-continue gets an interim answer before the body is sent") {
    TestServer ts;
    ts.server->add_route(echo_route(1024));
    ts.start();
    Client c(ts.port);
    auto req = request(http::verb::post, "/echo");
    req.set(http::field::expect, "100-continue");
    req.set(http::field::content_length, "5");
    http::request_serializer<http::string_body> sr{req};
    http::write_header(c.stream, sr);
    http::response<http::empty_body> interim;
    http::response_parser<http::empty_body> p;
    http::read_header(c.stream, c.buffer, p);
    CHECK(p.get().result() == http::status::continue_);
    net::write(c.stream, net::buffer("hello", 5));
    auto res = c.receive();
    CHECK(res.result() == http::status::ok);
    CHECK(res.body() == "hello");
}

TEST_CASE("unknown paths get 404 and wrong methods 405 with Allow") {
    TestServer ts;
    ts.server->add_route(echo_route(1024));
    ts.start();
    Client c(ts.port);
    auto res = c.send(request(http::verb::get, "/nothing-here"));
    CHECK(res.result() == http::status::not_found);
    res = c.send(request(http::verb::get, "/echo"));
    CHECK(res.result() == http::status::method_not_allowed);
    CHECK(res[http::field::allow] == "POST");
}

TEST_CASE("malformed HTTP gets 400 and the connection is closed") {
    TestServer ts;
    ts.start();
    Client c(ts.port);
    const std::string garbage = "THIS IS NOT HTTP\r\n\r\n";
    net::write(c.stream, net::buffer(garbage));
    auto res = c.receive();
    CHECK(res.result() == http::status::bad_request);
    CHECK(c.closed_by_peer());
}

TEST_CASE("an oversize header gets 431") {
    TestServer ts;
    ts.start();
    Client c(ts.port);
    auto req = request(http::verb::get, "/healthz");
    req.set("X-Padding", std::string(20000, 'p'));
    auto res = c.send(req);
    CHECK(res.result() == http::status::request_header_fields_too_large);
}

TEST_CASE("a silent client is disconnected after the header timeout") {
    Config config;
    config.header_timeout = std::chrono::seconds(1);
    TestServer ts(config);
    ts.start();
    Client c(ts.port);
    const auto start = std::chrono::steady_clock::now();
    CHECK(c.closed_by_peer());
    CHECK(std::chrono::steady_clock::now() - start < std::chrono::seconds(10));
}

TEST_CASE("a client trickling a header is cut off by the header timeout too") {
    Config config;
    config.header_timeout = std::chrono::seconds(1);
    TestServer ts(config);
    ts.start();
    Client c(ts.port);
    const std::string start_line = "GET /healthz HTTP/1.1\r\n";
    net::write(c.stream, net::buffer(start_line));
    bool closed = false;
    for (int i = 0; i < 40 && !closed; ++i) {
        beast::error_code ec;
        net::write(c.stream, net::buffer("X-A: b\r\n", 8), ec);
        if (ec)
            closed = true;
        std::this_thread::sleep_for(std::chrono::milliseconds(100));
    }
    CHECK((closed || c.closed_by_peer()));
}

TEST_CASE("metrics count requests by route and status") {
    TestServer ts;
    ts.server->add_route(echo_route(1024));
    ts.start();
    Client c(ts.port);
    c.send(request(http::verb::post, "/echo", "a"));
    c.send(request(http::verb::post, "/echo", "b"));
    c.send(request(http::verb::get, "/missing"));
    auto res = c.send(request(http::verb::get, "/metrics"));
    REQUIRE(res.result() == http::status::ok);
    const auto& text = res.body();
    CHECK(text.find("punchout_http_requests_total{route=\"echo\",status=\"200\"} 2") !=
          std::string::npos);
    CHECK(text.find("punchout_http_requests_total{route=\"other\",status=\"404\"} 1") !=
          std::string::npos);
    CHECK(text.find("punchout_http_request_duration_seconds_count{route=\"echo\"} 2") !=
          std::string::npos);
    CHECK(text.find("punchout_http_connections 1") != std::string::npos);
}

TEST_CASE("stop finishes the request in flight, closes idle connections, and run returns") {
    TestServer ts;
    Route slow;
    slow.name = "slow";
    slow.path = "/slow";
    slow.handler = [&ts](RequestInfo&, Request&& req, Responder respond) {
        // Answer from another thread after the stop has begun.
        std::thread([&ts, respond, req = std::move(req)]() mutable {
            while (!ts.server->stopping())
                std::this_thread::sleep_for(std::chrono::milliseconds(5));
            std::this_thread::sleep_for(std::chrono::milliseconds(200));
            respond(make_response(req, http::status::ok, "text/plain", "finished"));
        }).detach();
    };
    ts.server->add_route(std::move(slow));
    ts.start();

    Client idle(ts.port);
    idle.send(request(http::verb::get, "/healthz"));
    Client busy(ts.port);
    http::write(busy.stream, [] {
        auto r = request(http::verb::get, "/slow");
        r.prepare_payload();
        return r;
    }());
    std::this_thread::sleep_for(std::chrono::milliseconds(100));
    ts.server->stop();

    auto res = busy.receive();
    CHECK(res.result() == http::status::ok);
    CHECK(res.body() == "finished");
    CHECK_FALSE(res.keep_alive());
    CHECK(idle.closed_by_peer());
    ts.thread.join();
}
