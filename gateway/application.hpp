#pragma once

#include "catalog/database.hpp"
#include "gateway/http/logger.hpp"
#include "gateway/http/server.hpp"
#include "gateway/inbound/api_endpoint.hpp"
#include "gateway/inbound/cxml_endpoint.hpp"
#include "gateway/inbound/oci_endpoint.hpp"
#include "gateway/outbox/outbox_worker.hpp"
#include "gateway/service/commit_queue.hpp"
#include "gateway/service/config.hpp"
#include "gateway/service/order_intake.hpp"
#include "gateway/service/order_status.hpp"
#include "gateway/storefront/storefront.hpp"

#include <atomic>
#include <condition_variable>
#include <memory>
#include <mutex>
#include <optional>
#include <thread>

namespace punchout::gateway {

/// The gateway's application: registers its routes on the server at construction (they
/// answer "starting" until open() has run), opens the database, and runs the background
/// work (session clean-up, outbound delivery).
class Application {
public:
    Application(const Config& config, Server& server, Logger& logger);
    ~Application();

    /// Opens and migrates the database and starts the background work; the routes serve
    /// from then on. Throws on failure (a start-up error).
    void open();
    /// Stops the background work and closes the database (after the server stopped).
    void close();

private:
    bool ready() const { return ready_.load(std::memory_order_acquire); }
    void register_routes();
    void register_gauges();
    void maintenance_loop();

    const Config& config_;
    Server& server_;
    Logger& logger_;
    std::optional<catalog::Database> db_;
    std::unique_ptr<CommitQueue> commits_;
    std::unique_ptr<OrderIntake> orders_;
    std::unique_ptr<OutboxWorker> outbox_;
    std::unique_ptr<OrderStatusService> status_;
    std::unique_ptr<CxmlEndpoint> cxml_;
    std::unique_ptr<storefront::Storefront> storefront_;
    std::unique_ptr<OciEndpoint> oci_;
    std::unique_ptr<ApiEndpoint> api_;
    std::atomic<bool> ready_{false};

    std::mutex maintenance_mutex_;
    std::condition_variable maintenance_wake_;
    bool stopping_ = false;
    std::thread maintenance_;
};

}  // namespace punchout::gateway
