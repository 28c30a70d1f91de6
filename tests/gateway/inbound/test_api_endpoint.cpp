// The integration API in process: what cannot be shown from loopback (plain HTTP from
// another address) and the OpenAPI document against the routes the endpoint answers.
#include "gateway/inbound/api_endpoint.hpp"
#include "gateway/inbound/api_openapi.hpp"
#include "tests/gateway/support/store.hpp"

#include <cstdio>
#include <future>
#include <nlohmann/json.hpp>
#include <set>

using namespace punchout;
using namespace punchout::gateway;

namespace {

const catalog::ApiToken token{"kZ3r9Qm2VbXo1Ld7TpQa4w", "Yh0-Jc_8sWn2PqLr5TvXzA"};

struct Api {
    test::TestStore store;
    std::FILE* log_file = std::tmpfile();
    Logger logger{log_file};
    ApiEndpoint endpoint{store.config, store.db, logger};
    int calls = 0;

    Api() {
        auto conn = store.db.connect();
        REQUIRE(catalog::add_api_client(conn, {"erp", *catalog::ApiScopes::parse("stock"), 100},
                                        token));
    }
    ~Api() {
        logger.flush();
        std::fclose(log_file);
    }

    Response put_stock(const std::string& remote, bool tls) {
        Request req{http::verb::put, "/api/v1/stock", 11};
        req.set(http::field::authorization, "Bearer " + token.text());
        req.set("Idempotency-Key", "key-" + std::to_string(++calls));
        req.body() = R"({"items": [{"sku": "VALVE-20", "warehouse": "VAASA", "quantity": 3,
                          "as_of": "2026-12-01T10:00:00Z"}]})";
        req.prepare_payload();
        RequestInfo info;
        info.id = "r1";
        info.remote = remote;
        info.tls = tls;
        std::promise<Response> answered;
        endpoint.handle(info, std::move(req),
                        [&](Response r) { answered.set_value(std::move(r)); });
        return answered.get_future().get();
    }
};

}  // namespace

TEST_CASE("a bearer token crosses plain HTTP from loopback only", "[api_endpoint]") {
    Api api;
    auto remote = api.put_stock("192.0.2.10", false);
    CHECK(remote.result() == http::status::forbidden);
    CHECK_THAT(remote.body(), Catch::Contains("HTTPS only"));
    CHECK(std::string(remote[http::field::content_type]) == "application/problem+json");
    CHECK(api.put_stock("192.0.2.10", true).result() == http::status::ok);
    CHECK(api.put_stock("127.0.0.1", false).result() == http::status::ok);
    CHECK(api.put_stock("::1", false).result() == http::status::ok);
}

TEST_CASE("the OpenAPI document describes exactly the routes the endpoint answers",
          "[api_endpoint]") {
    const auto doc = nlohmann::json::parse(api_openapi_document());
    CHECK(doc.at("openapi") == "3.1.0");
    std::set<std::pair<std::string, std::string>> described, answered;
    for (const auto& [path, methods] : doc.at("paths").items()) {
        for (const auto& [method, op] : methods.items())
            described.emplace(method, path);
    }
    // OpenAPI names methods in lower case.
    auto method_of = [](const ApiRoute& r) {
        std::string method(http::to_string(r.method));
        for (auto& c : method)
            c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
        return method;
    };
    for (const auto& r : api_routes())
        answered.emplace(method_of(r), std::string(r.path));
    CHECK(described == answered);
    // A public route (no scope) is the one the document marks as needing no token.
    for (const auto& r : api_routes()) {
        const auto& op = doc.at("paths").at(std::string(r.path)).at(method_of(r));
        const bool public_route = op.contains("security") && op.at("security").empty();
        CHECK(public_route == !r.scope.has_value());
    }
}
