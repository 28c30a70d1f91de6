#include "gateway/outbox/outbox_worker.hpp"

#include "cxml/redaction.hpp"
#include "gateway/http/tls_context.hpp"
#include "gateway/service/order_webhooks.hpp"
#include "gateway/service/tokens.hpp"

#include <cerrno>
#include <signal.h>
#include <sys/resource.h>
#include <unistd.h>

#include <boost/asio/post.hpp>

namespace punchout::gateway {
namespace net = boost::asio;

namespace {

constexpr auto tick = std::chrono::milliseconds(250);

// Leases outlive an attempt (whose timeout starts after name resolution) by a wide margin:
// a lease that ran out mid-attempt would let a second sender start the same document.
constexpr auto lease_margin = std::chrono::seconds(60);

// "pid:1234:abcd...": the pid says whether the owner still runs, the random part tells a
// reused pid apart.
std::optional<pid_t> owner_pid(const std::string& owner) {
    if (owner.rfind("pid:", 0) != 0)
        return std::nullopt;
    pid_t pid = 0;
    std::size_t i = 4;
    for (; i < owner.size() && owner[i] >= '0' && owner[i] <= '9'; ++i)
        pid = pid * 10 + (owner[i] - '0');
    if (i == 4 || i >= owner.size() || owner[i] != ':')
        return std::nullopt;
    return pid;
}

// The part of a URL that is safe to log: no query (buyers put tokens there).
std::string loggable_url(const std::string& url) {
    return url.substr(0, url.find_first_of("?#"));
}

}  // namespace

OutboxWorker::OutboxWorker(const Config& config, catalog::Database& db, Logger& logger,
                           Metrics& metrics)
    : config_(config),
      db_(db),
      logger_(logger),
      policy_{config.outbox_max_attempts, config.outbox_initial_backoff, config.outbox_max_backoff},
      lease_for_(config.outbox_timeout + lease_margin),
      owner_("pid:" + std::to_string(::getpid()) + ":" + random_key().substr(0, 12)),
      timer_(ioc_),
      rng_(std::random_device{}()),
      delivered_(metrics.counter("punchout_outbox_deliveries_total",
                                 "Outbound documents the buyer accepted (cXML 2xx).")),
      transient_failures_(metrics.counter(
          "punchout_outbox_failures_total",
          "Failed delivery attempts: transient (retried later) or permanent (the document is "
          "failed: refused with a cXML 4xx, or out of attempts).",
          "kind=\"transient\"")),
      permanent_failures_(
          metrics.counter("punchout_outbox_failures_total", "", "kind=\"permanent\"")) {}

OutboxWorker::~OutboxWorker() {
    stop(std::chrono::milliseconds(0));
}

void OutboxWorker::start() {
    tls_.emplace(make_client_tls_context(config_.outbox_ca_file, config_.outbox_verify_peer));
    work_.emplace(net::make_work_guard(ioc_));
    net::post(ioc_, [this] {
        conn_.emplace(db_.connect());
        reclaim_dead_leases();
        poll(true);
        schedule_tick();
    });
    thread_ = std::thread([this] {
        // Background work: when the CPU is short, requests go first (Linux nice is per thread).
        (void)::setpriority(PRIO_PROCESS, static_cast<id_t>(::gettid()), 10);
        for (;;) {
            try {
                ioc_.run();
                return;
            } catch (const std::exception& e) {
                // A broken invariant in one step must not end deliveries for good.
                logger_.write(LogLine("error", "outbox_worker_failed").add("what", e.what()));
            }
        }
    });
    logger_.write(LogLine("info", "outbox_started")
                      .add("owner", owner_)
                      .add("concurrency", static_cast<std::int64_t>(config_.outbox_concurrency))
                      .add("max_attempts", static_cast<std::int64_t>(policy_.max_attempts)));
}

void OutboxWorker::notify() {
    net::post(ioc_, [this] { poll(true); });
}

void OutboxWorker::drain() {
    draining_.store(true, std::memory_order_release);
}

void OutboxWorker::stop(std::chrono::milliseconds grace) {
    draining_.store(true, std::memory_order_release);
    if (stopped_.exchange(true) || !thread_.joinable())
        return;
    const auto deadline = std::chrono::steady_clock::now() + grace;
    while (in_flight() > 0 && std::chrono::steady_clock::now() < deadline)
        std::this_thread::sleep_for(std::chrono::milliseconds(20));
    net::post(ioc_, [this] {
        timer_.cancel();
        if (conn_) {
            // What is still in flight is given back: the next sender starts it again (same
            // document, same payloadID).
            auto released = catalog::release_leases(*conn_, owner_, catalog::now());
            if (released && *released > 0) {
                logger_.write(LogLine("warn", "outbox_leases_released").add("count", *released));
            }
            conn_.reset();
        }
        work_.reset();
        ioc_.stop();
    });
    thread_.join();
}

void OutboxWorker::schedule_tick() {
    timer_.expires_after(tick);
    timer_.async_wait([this](boost::system::error_code ec) {
        if (ec || stopped_.load(std::memory_order_acquire))
            return;
        poll(false);
        schedule_tick();
    });
}

void OutboxWorker::reclaim_dead_leases() {
    auto owners = catalog::outbox_lease_owners(*conn_);
    if (!owners) {
        logger_.write(
            LogLine("warn", "outbox_lease_check_failed").add("error", owners.error().message));
        return;
    }
    for (const auto& owner : *owners) {
        if (owner == owner_)
            continue;
        const auto pid = owner_pid(owner);
        if (!pid)
            continue;  // not ours to judge: the lease runs out by itself
        const bool dead = *pid == ::getpid() || (::kill(*pid, 0) == -1 && errno == ESRCH);
        if (!dead)
            continue;
        auto released = catalog::release_leases(*conn_, owner, catalog::now());
        if (released && *released > 0) {
            logger_.write(LogLine("info", "outbox_leases_reclaimed")
                              .add("from", owner)
                              .add("count", *released));
        }
    }
}

void OutboxWorker::poll(bool force) {
    if (draining_.load(std::memory_order_acquire) || !conn_)
        return;
    try {
        const std::size_t busy = in_flight();
        if (busy >= config_.outbox_concurrency)
            return;  // a finishing delivery looks again
        std::int64_t version = -1;
        {
            auto st = conn_->prepare("PRAGMA data_version");
            auto row = st.step();
            if (row && *row)
                version = st.int64(0);
        }
        const auto now = catalog::now();
        const bool changed = version != data_version_ || version < 0;
        data_version_ = version;
        // The steady state reads only: the write lock is taken to lease, and only when
        // something is due.
        if (force || changed || !next_due_known_) {
            auto next = catalog::next_outbox_wakeup(*conn_);
            if (!next) {
                next_due_known_ = false;
                logger_.write(
                    LogLine("warn", "outbox_poll_failed").add("error", next.error().message));
                return;
            }
            next_due_ = *next;
            next_due_known_ = true;
        }
        if (!next_due_ || *next_due_ > now)
            return;

        auto leased = catalog::lease_due_documents(*conn_, owner_, now, lease_for_,
                                                   config_.outbox_concurrency - busy);
        if (!leased) {
            logger_.write(
                LogLine("warn", "outbox_lease_failed").add("error", leased.error().message));
            return;  // next_due_ stays due: the next tick tries again
        }
        const bool full = leased->size() == config_.outbox_concurrency - busy;
        for (auto& entry : *leased) {
            // Our own lease that ran out while the attempt is still going: it is ours again,
            // and the attempt in flight will record the outcome.
            if (sending_.count(entry.id) != 0)
                continue;
            deliver(std::move(entry));
        }
        if (full) {
            // More may be due: the next finished delivery leases again without a lookup.
            next_due_ = now;
            next_due_known_ = true;
        } else {
            auto next = catalog::next_outbox_wakeup(*conn_);
            next_due_known_ = next.ok();
            if (next)
                next_due_ = *next;
        }
    } catch (const std::exception& e) {
        logger_.write(LogLine("error", "outbox_poll_failed").add("what", e.what()));
    }
}

void OutboxWorker::deliver(catalog::OutboxEntry entry) {
    auto url = Url::parse(entry.target_url);
    if (!url) {
        catalog::AttemptOutcome outcome;
        outcome.status = catalog::OutboxStatus::failed;
        outcome.error = "the target URL '" + entry.target_url + "' is not an http(s) URL";
        permanent_failures_.add();
        record(entry, outcome);
        return;
    }
    if (config_.log_documents) {
        logger_.write(LogLine("debug", "outbox_document")
                          .add("id", entry.id)
                          .add("document", cxml::redact_secrets(entry.body)));
    }
    std::string content_type = "text/xml; charset=UTF-8";
    HttpHeaders headers;
    if (entry.api_client) {
        // Signed with the secret the client has now, so a rotation covers retries too.
        auto client = catalog::find_api_client(*conn_, *entry.api_client);
        std::string refused;
        if (!client)
            refused = "the API client is gone: " + client.error().message;
        else if (!client->enabled)
            refused = "API client '" + client->id + "' is disabled";
        else if (client->webhook_secret.empty())
            refused = "API client '" + client->id + "' has no webhook secret";
        if (!refused.empty()) {
            catalog::AttemptOutcome outcome;
            outcome.status = catalog::OutboxStatus::failed;
            outcome.error = refused + " (punchoutctl outbox retry " + std::to_string(entry.id) +
                            " sends it once that is mended)";
            permanent_failures_.add();
            record(entry, outcome);
            return;
        }
        content_type = "application/json";
        headers = {
            {std::string(webhook_event_id_header),
             entry.payload_id.substr(0, entry.payload_id.find('.'))},
            {std::string(webhook_event_header), entry.document_type},
            {std::string(webhook_signature_header),
             sign_webhook(client->webhook_secret, entry.body)},
            {"Punchout-Delivery-Attempt", std::to_string(entry.attempts)},
        };
    }
    sending_.insert(entry.id);
    in_flight_.fetch_add(1, std::memory_order_acq_rel);
    std::string body = std::move(entry.body);
    const auto started = std::chrono::steady_clock::now();
    async_post(
        ioc_, *tls_, *url, std::move(body), std::move(content_type),
        std::chrono::duration_cast<std::chrono::milliseconds>(config_.outbox_timeout),
        [this, entry = std::move(entry), started](HttpResult answer) {
            finish(entry, answer, started);
        },
        headers);
}

void OutboxWorker::finish(const catalog::OutboxEntry& entry, const HttpResult& answer,
                          std::chrono::steady_clock::time_point started) {
    const auto verdict =
        entry.api_client ? classify_webhook_answer(answer) : classify_answer(answer);
    catalog::AttemptOutcome outcome;
    outcome.http_status = verdict.http_status;
    outcome.cxml_status = verdict.cxml_status;
    const auto now = catalog::now();
    const unsigned attempts = entry.attempts > 0 ? static_cast<unsigned>(entry.attempts) : 1u;
    const char* result = "delivered";
    switch (verdict.verdict) {
        case DeliveryVerdict::delivered:
            outcome.status = catalog::OutboxStatus::delivered;
            delivered_.add();
            break;
        case DeliveryVerdict::rejected:
            outcome.status = catalog::OutboxStatus::failed;
            outcome.error = (entry.api_client ? "refused by the webhook receiver: "
                                              : "refused by the buyer: ") +
                            verdict.message;
            permanent_failures_.add();
            result = "rejected";
            break;
        case DeliveryVerdict::retry:
            if (policy_.exhausted(attempts)) {
                outcome.status = catalog::OutboxStatus::failed;
                outcome.error = "gave up after " + std::to_string(attempts) +
                                " attempts; the last: " + verdict.message;
                permanent_failures_.add();
                result = "gave-up";
            } else {
                std::uniform_real_distribution<double> jitter(0.0, 1.0);
                const auto wait = policy_.backoff(attempts, jitter(rng_));
                // Stored to the second, rounded up so a retry never comes early.
                outcome.next_attempt_at = now + std::chrono::ceil<std::chrono::seconds>(wait);
                outcome.status = catalog::OutboxStatus::pending;
                outcome.error = verdict.message;
                transient_failures_.add();
                result = "retry";
            }
            break;
    }
    record(entry, outcome);

    LogLine line(outcome.status == catalog::OutboxStatus::delivered ? "info" : "warn",
                 "outbox_delivery");
    line.add("id", entry.id)
        .add("payload_id", entry.payload_id)
        .add("type", entry.document_type)
        .add("url", loggable_url(entry.target_url))
        .add("attempt", static_cast<std::int64_t>(attempts))
        .add("result", result)
        .add("ms", static_cast<std::int64_t>(std::chrono::duration_cast<std::chrono::milliseconds>(
                                                 std::chrono::steady_clock::now() - started)
                                                 .count()));
    if (verdict.http_status)
        line.add("http_status", static_cast<std::int64_t>(*verdict.http_status));
    if (verdict.cxml_status)
        line.add("cxml_status", static_cast<std::int64_t>(*verdict.cxml_status));
    if (!outcome.error.empty())
        line.add("error", outcome.error);
    if (outcome.status == catalog::OutboxStatus::pending)
        line.add("next_attempt_at", catalog::format_timestamp(outcome.next_attempt_at));
    logger_.write(line);

    sending_.erase(entry.id);
    in_flight_.fetch_sub(1, std::memory_order_acq_rel);
    // A slot is free: lease the next document if one is due (what this attempt recorded
    // is known here, so nothing needs reading first).
    if (outcome.status == catalog::OutboxStatus::pending &&
        (!next_due_ || outcome.next_attempt_at < *next_due_)) {
        next_due_ = outcome.next_attempt_at;
    }
    poll(false);
}

void OutboxWorker::record(const catalog::OutboxEntry& entry,
                          const catalog::AttemptOutcome& outcome) {
    try {
        auto r = catalog::record_attempt(*conn_, entry.id, owner_, outcome, catalog::now());
        if (!r) {
            // The lease stays and runs out; the document is then sent again, unchanged.
            logger_.write(LogLine("error", "outbox_record_failed")
                              .add("id", entry.id)
                              .add("error", r.error().message));
        } else if (!*r) {
            logger_.write(LogLine("warn", "outbox_lease_lost").add("id", entry.id));
        }
    } catch (const std::exception& e) {
        logger_.write(
            LogLine("error", "outbox_record_failed").add("id", entry.id).add("what", e.what()));
    }
}

}  // namespace punchout::gateway
