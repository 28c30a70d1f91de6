#pragma once

// POST /cxml in process: the real CxmlEndpoint with the real commit queue, intake and
// status services on a TestStore, a request object in and the parsed answer out.
#include "gateway/inbound/cxml_endpoint.hpp"
#include "gateway/inbound/cxml_reply.hpp"
#include "tests/gateway/support/store.hpp"

#include <cstdio>
#include <future>

namespace punchout::gateway::test {

/// What /cxml answered.
struct Answer {
    http::status http;
    unsigned code = 0;
    std::string message;
    std::string body;
    std::string reference;  ///< the request's id
};

/// The endpoint and everything behind it; the log goes to a temporary file.
struct Endpoint {
    TestStore store;
    std::FILE* log_file = std::tmpfile();
    Logger logger{log_file};
    CommitQueue queue{store.db};
    OrderIntake intake{store.db, queue, write_accepted};
    OrderStatusService status{store.config, store.db, queue, write_accepted, nullptr};
    CxmlEndpoint endpoint{store.config, store.db, intake, status, logger};
    int next_id = 0;

    ~Endpoint() {
        queue.stop();
        logger.flush();
        std::fclose(log_file);
    }

    Answer post(const std::string& body, const std::string& content_type = "text/xml") {
        Request req{http::verb::post, "/cxml", 11};
        req.set(http::field::content_type, content_type);
        req.body() = body;
        req.prepare_payload();
        RequestInfo info;
        info.id = "req" + std::to_string(++next_id);
        std::promise<Response> answered;
        endpoint.handle(info, std::move(req),
                        [&](Response r) { answered.set_value(std::move(r)); });
        auto res = answered.get_future().get();
        Answer a{res.result(), 0, {}, res.body(), info.id};
        auto parsed = cxml::parse(res.body());
        INFO(res.body());
        REQUIRE(parsed.ok());
        const auto& response = std::get<cxml::Response>(parsed.value().body);
        a.code = response.status().code;
        a.message = response.status().message;
        return a;
    }

    std::string log() {
        logger.flush();
        std::string out;
        std::rewind(log_file);
        char buf[4096];
        while (std::size_t n = std::fread(buf, 1, sizeof buf, log_file))
            out.append(buf, n);
        return out;
    }
};

}  // namespace punchout::gateway::test
