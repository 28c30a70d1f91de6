#include "gateway/application.hpp"

#include "catalog/idempotency.hpp"
#include "catalog/inventory.hpp"
#include "catalog/order.hpp"
#include "catalog/outbox.hpp"
#include "catalog/session.hpp"
#include "gateway/inbound/cxml_reply.hpp"

#include <thread>

namespace punchout::gateway {

Application::Application(const Config& config, Server& server, Logger& logger)
    : config_(config), server_(server), logger_(logger) {
    register_routes();
    // A stopping gateway takes no new outbound documents; those in flight finish (the
    // server's busy check waits for them) or are given back in close().
    server_.on_stop([this] {
        if (ready())
            outbox_->drain();
    });
}

Application::~Application() {
    close();
}

void Application::register_routes() {
    server_.add_route(
        cxml_route(config_, logger_, [this] { return ready() ? cxml_.get() : nullptr; }));

    // The storefront (start URL, /shop pages, stylesheet) and SAP OCI (/oci).
    for (auto& route : storefront::storefront_routes(
             config_, [this] { return ready() ? storefront_.get() : nullptr; })) {
        server_.add_route(std::move(route));
    }
    server_.add_route(oci_route(config_, [this] { return ready() ? oci_.get() : nullptr; }));
    server_.add_route(
        api_route([this] { return ready() ? api_.get() : nullptr; },
                  [this](const RequestInfo& info) { return server_.api_reachable(info.local); }));
}

void Application::register_gauges() {
    auto& metrics = server_.metrics();
    metrics.gauge("punchout_sessions_open", "Punchout sessions open (not expired, not closed).",
                  [this]() -> std::vector<Metrics::Sample> {
                      auto conn = db_->connect();
                      auto n = catalog::count_open_sessions(conn, catalog::now());
                      return {{"", n ? static_cast<double>(*n) : -1}};
                  });
    metrics.gauge(
        "punchout_orders", "Orders stored, by status.", [this]() -> std::vector<Metrics::Sample> {
            auto conn = db_->connect();
            std::vector<Metrics::Sample> out;
            if (auto counts = catalog::count_orders_by_status(conn)) {
                for (const auto& [status, n] : *counts) {
                    out.push_back({"status=\"" + std::string(catalog::to_string(status)) + "\"",
                                   static_cast<double>(n)});
                }
            }
            return out;
        });
    metrics.gauge("punchout_outbox_documents",
                  "Outbound documents (confirmations, ship notices, invoices) by status.",
                  [this]() -> std::vector<Metrics::Sample> {
                      auto conn = db_->connect();
                      std::vector<Metrics::Sample> out;
                      if (auto counts = catalog::count_outbox_by_status(conn)) {
                          for (const auto& [status, n] : *counts) {
                              out.push_back({"status=\"" + status + "\"", static_cast<double>(n)});
                          }
                      }
                      return out;
                  });
    metrics.gauge(
        "punchout_stock_oldest_report_age_seconds",
        "Age of the least recently reported stock figure (none without stock).",
        [this]() -> std::vector<Metrics::Sample> {
            auto conn = db_->connect();
            auto oldest = catalog::oldest_stock_report(conn);
            if (!oldest || !*oldest)
                return {};
            return {{"", std::chrono::duration<double>(catalog::now() - **oldest).count()}};
        });
    metrics.gauge(
        "punchout_api_last_write_age_seconds",
        "Seconds since a write through the integration API last changed the store "
        "(none since start: no sample).",
        [this]() -> std::vector<Metrics::Sample> {
            auto at = api_->last_write();
            if (!at)
                return {};
            return {
                {"",
                 std::chrono::duration<double>(std::chrono::system_clock::now() - *at).count()}};
        });
    metrics.gauge("punchout_outbox_in_flight", "Outbound deliveries in progress.",
                  [this]() -> std::vector<Metrics::Sample> {
                      return {{"", static_cast<double>(outbox_->in_flight())}};
                  });
    metrics.gauge("punchout_api_calls_pending",
                  "Integration API calls waiting for or running on the API's threads.",
                  [this]() -> std::vector<Metrics::Sample> {
                      return {{"", static_cast<double>(api_->pending())}};
                  });
    metrics.gauge("punchout_commit_queue_depth", "Durable writes waiting for their group commit.",
                  [this]() -> std::vector<Metrics::Sample> {
                      return {{"", static_cast<double>(commits_->pending())}};
                  });
}

void Application::open() {
    catalog::DatabaseOptions options;
    // Every I/O thread, the commit thread, the outbox sender (it keeps one), the background
    // work, a scrape and the API's threads at once.
    const unsigned threads =
        config_.threads ? config_.threads : std::thread::hardware_concurrency();
    options.pool_size = std::max(4u, threads) + 5 + config_.api_workers;
    db_.emplace(catalog::Database::open(config_.db_path, options));
    commits_ = std::make_unique<CommitQueue>(*db_);
    orders_ = std::make_unique<OrderIntake>(*db_, *commits_, write_accepted);
    outbox_ = std::make_unique<OutboxWorker>(config_, *db_, logger_, server_.metrics());
    status_ = std::make_unique<OrderStatusService>(config_, *db_, *commits_, write_accepted,
                                                   [this] { outbox_->notify(); });
    cxml_ = std::make_unique<CxmlEndpoint>(config_, *db_, *orders_, *status_, logger_);
    storefront_ = std::make_unique<storefront::Storefront>(config_, *db_, logger_);
    oci_ = std::make_unique<OciEndpoint>(config_, *db_, logger_);
    api_ = std::make_unique<ApiEndpoint>(config_, *db_, logger_);
    register_gauges();
    server_.set_busy_check([this] {
        return commits_->pending() > 0 || outbox_->in_flight() > 0 || api_->pending() > 0;
    });
    outbox_->start();
    maintenance_ = std::thread([this] { maintenance_loop(); });
    ready_.store(true, std::memory_order_release);
    logger_.write(LogLine("info", "database_ready")
                      .add("db", config_.db_path)
                      .add("schema_version", static_cast<std::int64_t>(db_->schema_version())));
}

void Application::close() {
    {
        std::lock_guard lock(maintenance_mutex_);
        stopping_ = true;
    }
    maintenance_wake_.notify_all();
    if (maintenance_.joinable())
        maintenance_.join();
    // The API calls being answered finish (their writes may queue outbox documents); those
    // still waiting past the server's grace are dropped, their clients retry.
    if (api_)
        api_->stop();
    if (outbox_)
        outbox_->drain();
    // Queued durable writes (orders, status answers) finish before the sender stops.
    if (commits_)
        commits_->stop();
    // The server already gave in-flight deliveries the shutdown grace; what is left now is
    // given back to the outbox for the next start.
    if (outbox_)
        outbox_->stop(std::chrono::seconds(1));
}

void Application::maintenance_loop() {
    std::unique_lock lock(maintenance_mutex_);
    while (!stopping_) {
        lock.unlock();
        try {
            auto conn = db_->connect();
            // Sessions that ended a day ago are of no further use (carts that went back
            // stay: orders are checked against them).
            auto purged = catalog::purge_sessions(conn, catalog::now() - std::chrono::hours(24));
            if (purged && *purged > 0) {
                logger_.write(LogLine("info", "sessions_purged").add("count", *purged));
            }
            // A client retries a lost answer within minutes; a day is ample.
            auto forgotten =
                catalog::purge_idempotent_answers(conn, catalog::now() - std::chrono::hours(24));
            if (forgotten && *forgotten > 0) {
                logger_.write(LogLine("info", "idempotency_keys_purged").add("count", *forgotten));
            }
        } catch (const std::exception& e) {
            logger_.write(LogLine("warn", "maintenance_failed").add("what", e.what()));
        }
        lock.lock();
        maintenance_wake_.wait_for(lock, std::chrono::minutes(10), [this] { return stopping_; });
    }
}

}  // namespace punchout::gateway
