#include "gateway/service/order_webhooks.hpp"

#include "catalog/api_client.hpp"
#include "catalog/buyer.hpp"
#include "catalog/order.hpp"
#include "catalog/order_feed.hpp"
#include "catalog/outbox.hpp"
#include "gateway/service/order_json.hpp"
#include "gateway/service/tokens.hpp"

#include <array>
#include <stdexcept>

#include <openssl/evp.h>
#include <openssl/hmac.h>

namespace punchout::gateway {

catalog::Result<std::size_t> queue_order_webhooks(catalog::Connection& conn,
                                                  std::int64_t order_pk) {
    auto receivers = catalog::webhook_receivers(conn);
    if (!receivers)
        return receivers.error();
    if (receivers->empty())
        return std::size_t{0};
    auto entry = catalog::latest_feed_entry(conn, order_pk);
    if (!entry)
        return entry.error();
    auto order = catalog::find_order(conn, order_pk);
    if (!order)
        return order.error();
    auto files = catalog::order_attachments(conn, order_pk);
    if (!files)
        return files.error();
    auto buyer = catalog::find_buyer(conn, order->buyer);
    if (!buyer)
        return buyer.error();
    const auto event = order_event_json(*entry, order_json(*order, buyer->id, *files));
    const std::string body = event.dump() + "\n";
    const std::string event_id = event.at("id").get<std::string>();
    const auto at = catalog::now();
    for (const auto& r : *receivers) {
        catalog::NewOutboxDocument doc;
        doc.buyer = order->buyer;
        doc.order_pk = order_pk;
        doc.document_type = event.at("event").get<std::string>();
        doc.payload_id = event_id + "." + r.id;
        doc.target_url = r.webhook_url;
        doc.body = body;
        doc.origin = "webhook";
        doc.api_client = r.key;
        if (auto queued = catalog::enqueue_document(conn, doc, at); !queued)
            return queued.error();
    }
    return receivers->size();
}

std::string sign_webhook(std::string_view secret, std::string_view body) {
    std::array<unsigned char, EVP_MAX_MD_SIZE> mac{};
    unsigned int size = 0;
    if (!HMAC(EVP_sha256(), secret.data(), static_cast<int>(secret.size()),
              reinterpret_cast<const unsigned char*>(body.data()), body.size(), mac.data(), &size))
        throw std::runtime_error("HMAC-SHA256 failed");
    static constexpr char hex[] = "0123456789abcdef";
    std::string out = "sha256=";
    for (unsigned i = 0; i < size; ++i) {
        out += hex[mac[i] >> 4];
        out += hex[mac[i] & 0xF];
    }
    return out;
}

std::string make_webhook_secret() {
    return "whsec_" + random_key() + random_key();
}

}  // namespace punchout::gateway
