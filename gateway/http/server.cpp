#include "gateway/http/server.hpp"

#include "gateway/http/tls_context.hpp"

#include <algorithm>
#include <thread>

#include <boost/asio/post.hpp>
#include <boost/asio/signal_set.hpp>
#include <boost/asio/steady_timer.hpp>

namespace punchout::gateway {
namespace net = boost::asio;
using tcp = net::ip::tcp;

namespace {

unsigned thread_count(const Config& config) {
    if (config.threads != 0)
        return config.threads;
    const unsigned cores = std::thread::hardware_concurrency();
    return cores == 0 ? 1 : cores;
}

}  // namespace

Server::Server(const Config& config, Logger& logger)
    : config_(config),
      logger_(logger),
      state_{config_, router_, metrics_, logger_, {}, {}},
      ioc_(static_cast<int>(thread_count(config))) {
    router_.not_found().metrics_index = metrics_.add_route(router_.not_found().name);

    Route health;
    health.name = "healthz";
    health.path = "/healthz";
    health.methods = {http::verb::get, http::verb::head};
    health.handler = [this](RequestInfo&, Request&& req, Responder respond) {
        const char* state = stopping() ? "stopping" : ready() ? "ready" : "starting";
        const bool ok = ready() && !stopping();
        respond(make_response(req, ok ? http::status::ok : http::status::service_unavailable,
                              "application/json", std::string("{\"status\":\"") + state + "\"}\n"));
    };
    add_route(std::move(health));

    Route metrics;
    metrics.name = "metrics";
    metrics.path = "/metrics";
    metrics.handler = [this](RequestInfo&, Request&& req, Responder respond) {
        respond(make_response(req, http::status::ok, "text/plain; version=0.0.4; charset=utf-8",
                              metrics_.render()));
    };
    add_route(std::move(metrics));
}

Server::~Server() = default;

void Server::add_route(Route route) {
    route.metrics_index = metrics_.add_route(route.name);
    router_.add(std::move(route));
}

std::vector<std::string> Server::listen() {
    std::vector<std::string> urls;
    const auto same = [](const ListenAddress& a, const ListenAddress& b) {
        return a.host == b.host && a.port == b.port && a.tls == b.tls && a.port != 0;
    };
    auto bind = [&](const ListenAddress& addr) {
        if (addr.tls && !tls_) {
            tls_.emplace(make_server_tls_context(config_.tls_certificate, config_.tls_private_key,
                                                 config_.tls_request_client_certificate));
        }
        boost::system::error_code ec;
        auto ip = net::ip::make_address(addr.host == "localhost" ? "127.0.0.1" : addr.host, ec);
        if (ec)
            throw ConfigError("listen address '" + addr.host + "' is not an IP address");
        auto listener = std::make_shared<Listener>(ioc_, addr.tls ? &*tls_ : nullptr,
                                                   tcp::endpoint(ip, addr.port), state_);
        auto ep = listener->local_endpoint();
        std::string host =
            ep.address().is_v6() ? "[" + ep.address().to_string() + "]" : ep.address().to_string();
        urls.push_back((addr.tls ? "https://" : "http://") + host + ":" +
                       std::to_string(ep.port()));
        listeners_.push_back(std::move(listener));
        return ep.address().to_string() + ":" + std::to_string(ep.port());
    };
    std::vector<std::string> locals;
    for (const auto& addr : config_.listen)
        locals.push_back(bind(addr));
    for (const auto& api : config_.api_listen) {
        std::string local;
        for (std::size_t i = 0; i < config_.listen.size() && local.empty(); ++i) {
            if (same(api, config_.listen[i]))
                local = locals[i];
        }
        api_locals_.push_back(local.empty() ? bind(api) : local);
    }
    return urls;
}

bool Server::api_reachable(std::string_view local) const {
    return api_locals_.empty() ||
           std::find(api_locals_.begin(), api_locals_.end(), local) != api_locals_.end();
}

void Server::run() {
    for (auto& l : listeners_)
        l->run();

    net::signal_set signals(ioc_, SIGINT, SIGTERM);
    signals.async_wait([this](boost::system::error_code ec, int sig) {
        if (ec)
            return;
        logger_.write(
            LogLine("info", "signal").add("signal", sig == SIGTERM ? "SIGTERM" : "SIGINT"));
        stop();
    });

    const unsigned n = thread_count(config_);
    std::vector<std::thread> threads;
    threads.reserve(n - 1);
    for (unsigned i = 1; i < n; ++i)
        threads.emplace_back([this] { ioc_.run(); });
    ioc_.run();
    for (auto& t : threads)
        t.join();
}

void Server::stop() {
    if (stop_requested_.exchange(true))
        return;
    net::post(ioc_, [this] {
        logger_.write(
            LogLine("info", "stopping")
                .add("open_connections", static_cast<std::int64_t>(metrics_.open_connections())));
        state_.stopping = true;
        for (auto& l : listeners_)
            l->stop();
        state_.connections.stop_all();
        for (auto& fn : on_stop_)
            fn();
        wait_for_drain(std::chrono::steady_clock::now() + config_.shutdown_grace);
    });
}

void Server::wait_for_drain(std::chrono::steady_clock::time_point deadline) {
    const bool drained = state_.connections.size() == 0 && !(busy_check_ && busy_check_());
    if (drained || std::chrono::steady_clock::now() >= deadline) {
        if (!drained) {
            logger_.write(
                LogLine("warn", "shutdown_grace_expired")
                    .add("open_connections", static_cast<std::int64_t>(state_.connections.size())));
        }
        ioc_.stop();
        return;
    }
    auto timer = std::make_shared<net::steady_timer>(ioc_, std::chrono::milliseconds(20));
    timer->async_wait(
        [this, timer, deadline](boost::system::error_code) { wait_for_drain(deadline); });
}

}  // namespace punchout::gateway
