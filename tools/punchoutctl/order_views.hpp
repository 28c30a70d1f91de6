#pragma once

// Shared by the `orders` and `outbox` command groups: opening the store, resolving an
// order named on the command line, and showing outbox documents as table rows and JSON.
#include "catalog/amount.hpp"
#include "catalog/buyer.hpp"
#include "catalog/database.hpp"
#include "catalog/order.hpp"
#include "catalog/outbox.hpp"
#include "catalog/timestamp.hpp"
#include "gateway/service/config.hpp"
#include "tools/punchoutctl/cli.hpp"
#include "tools/punchoutctl/context.hpp"
#include "tools/punchoutctl/output.hpp"
#include "tools/punchoutctl/view_model.hpp"

#include <cstdint>
#include <map>
#include <optional>
#include <string>
#include <vector>

namespace punchout::tools {

/// Buyer ids by key, looked up once each.
class BuyerNames {
public:
    explicit BuyerNames(catalog::Connection& conn) : conn_(conn) {}
    const std::string& id(catalog::BuyerKey key);

private:
    catalog::Connection& conn_;
    std::map<std::int64_t, std::string> ids_;
};

/// The order with this buyer orderID (and buyer id and deployment mode, when given).
/// OperationError when there is none, or when the orderID exists for several buyers (or in
/// both a test realm and production) and no --buyer (or --mode) says which.
catalog::Order resolve_order(catalog::Connection& conn, const std::string& order_id,
                             const std::optional<std::string>& buyer_id,
                             const std::optional<std::string>& mode = std::nullopt);

/// --mode test|production (UsageError otherwise).
catalog::DeploymentMode parse_mode_option(const std::string& text);

/// The buyer's key for --buyer ID (OperationError when unknown).
catalog::BuyerKey resolve_buyer(catalog::Connection& conn, const std::string& buyer_id);

/// Reads --config FILE (or $PUNCHOUT_CONFIG): the supplier identity and outbound secret
/// documents are written with. A UsageError when neither is given; an OperationError when
/// the file is unusable or sets no outbound secret.
gateway::Config load_supplier_config(const std::optional<std::string>& path,
                                     const std::string& command);

/// The columns of an outbox document in listings (`body` only when asked for).
std::vector<Column> outbox_columns(bool with_body = false);
/// An outbox document's cells for those columns (the body with secrets redacted).
std::vector<Cell> outbox_cells(const catalog::OutboxEntry& e, BuyerNames& buyers,
                               const std::string& order_id, bool with_body = false);
/// One outbox document as a JSON object (`outbox show`, `outbox retry`).
Json outbox_json(const catalog::OutboxEntry& e, BuyerNames& buyers, const std::string& order_id,
                 bool with_body);

/// The buyer orderID of an order pk (cached), for listings.
class OrderNames {
public:
    explicit OrderNames(catalog::Connection& conn) : conn_(conn) {}
    std::string id(const std::optional<std::int64_t>& pk);

private:
    catalog::Connection& conn_;
    std::map<std::int64_t, std::string> ids_;
};

}  // namespace punchout::tools
