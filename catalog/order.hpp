#pragma once

#include "catalog/amount.hpp"
#include "catalog/buyer.hpp"
#include "catalog/connection.hpp"
#include "catalog/deployment_mode.hpp"
#include "catalog/order_status.hpp"
#include "catalog/result.hpp"
#include "catalog/timestamp.hpp"

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace punchout::catalog {

/// One line of a purchase order as received.
struct OrderLine {
    int line_number = 0;
    std::string sku;
    std::string token;  ///< SupplierPartAuxiliaryID as sent (our cart token, if it is ours)
    std::string buyer_part_id;
    Amount quantity;
    Amount unit_price;
    std::string currency;
    Amount price_basis_quantity = Amount::from_units(Amount::scale);
    std::string uom;
    std::string description;
    std::string requested_delivery;  ///< as sent
    Amount tax;                      ///< the line's own Tax, if it has one
    Amount shipping;                 ///< the line's own Shipping, if it has one
    bool is_return = false;          ///< isReturn: counted negative in the total
    bool non_catalog = false;        ///< names no product of this buyer's catalog
};

/// What the order accuracy check compares (gateway/service/order_check.hpp).
enum class DifferenceKind {
    price_drift,            ///< the unit price differs from the cart's line
    contract_price,         ///< the unit price differs from the buyer's price now
    uom_changed,            ///< the unit differs from the one we sent
    quantity_scaled,        ///< the quantity changed with the unit (a conversion)
    currency_changed,       ///< the currency differs from the cart's line
    sku_changed,            ///< our token came back on another SupplierPartID
    description_truncated,  ///< the description is a cut of ours
    non_catalog,            ///< a free-form line, or a SKU not in this buyer's catalog
    attachment_missing,     ///< a cid: URL that names no part of the request
};

/// "price-drift", "contract-price", ...
std::string_view to_string(DifferenceKind kind) noexcept;
std::optional<DifferenceKind> parse_difference_kind(std::string_view text) noexcept;

/// What a buyer's ControlKeys say about a document we may send about an order.
/// ("" when the order did not say, "allowed", "notAllowed", "requiredBeforeASN".)
enum class DocumentRule { unstated, allowed, not_allowed, required_before_ship_notice };
std::string_view to_string(DocumentRule rule) noexcept;
std::optional<DocumentRule> parse_document_rule(std::string_view text) noexcept;

/// A file that came with an order version (multipart/related), byte-exact.
struct OrderAttachment {
    int version = 1;  ///< the order version it came with
    std::string content_id;
    std::string content_type;
    std::string filename;
    std::int64_t size = 0;
    std::string sha256;   ///< hex
    std::string content;  ///< the bytes; empty when listed without them
};

/// Something the order accuracy check found on a line.
struct OrderDifference {
    int line_number = 0;
    DifferenceKind kind = DifferenceKind::price_drift;
    std::string expected;
    std::string actual;
    std::string message;  ///< for people
};

/// A purchase order: the version in force, its lines and what the accuracy check found.
struct Order {
    std::int64_t pk = 0;  ///< our id
    BuyerKey buyer;
    std::string order_id;  ///< the buyer's orderID
    int version = 1;       ///< our count of accepted versions
    std::string order_version;
    std::string order_type;
    std::string order_date;
    OrderStatus status = OrderStatus::received;
    std::string currency;
    Amount total;
    Amount subtotal;
    Amount tax;
    Amount shipping;
    DeploymentMode deployment_mode = DeploymentMode::production;
    std::string payload_id;
    std::string ship_to;
    std::string document;
    Timestamp received_at{};
    Timestamp updated_at{};
    std::vector<OrderLine> lines;
    std::vector<OrderDifference> differences;                 ///< of the version in force
    DocumentRule confirmation_rule = DocumentRule::unstated;  ///< OCInstruction
    DocumentRule ship_notice_rule = DocumentRule::unstated;   ///< ASNInstruction
    /// The files of the version being stored (insert/change); not loaded by find_order.
    std::vector<OrderAttachment> attachments;
};

/// An inbound request already answered, by payloadID (idempotent replays).
struct InboundRecord {
    BuyerKey buyer;
    std::string payload_id;
    std::string fingerprint;  ///< of the document answered ('' for records before it was kept)
    std::string document_type;
    unsigned status_code = 200;
    std::string response;  ///< the cXML Response we gave
    std::optional<std::int64_t> order_pk;
    Timestamp received_at{};
};

/// The answers already given to this buyer's payloadID, one per distinct document.
Result<std::vector<InboundRecord>> find_inbound(Connection& conn, BuyerKey buyer,
                                                std::string_view payload_id);
/// Of `seen`, the record of the same document (same fingerprint, or one kept before
/// fingerprints were), if any.
const InboundRecord* same_document(const std::vector<InboundRecord>& seen,
                                   std::string_view fingerprint) noexcept;
/// Records an answer (Errc::constraint when this payloadID and fingerprint are recorded).
Result<void> record_inbound(Connection& conn, const InboundRecord& record);

/// The buyer's order with this orderID in this deployment mode (test realms number their
/// orders on their own), or Errc::not_found.
Result<Order> find_order(Connection& conn, BuyerKey buyer, DeploymentMode mode,
                         std::string_view order_id);
/// By our id, or Errc::not_found.
Result<Order> find_order(Connection& conn, std::int64_t pk);

/// Stores a new order (version 1) with its lines, differences, attachments, version record
/// and a "received" event. Errc::constraint when the buyer already has this orderID in this
/// deployment mode.
Result<Order> insert_order(Connection& conn, const Order& order);

/// What an update or a delete changes.
enum class OrderChange { update, cancel };

/// Applies a new version to an existing order: an update replaces the header figures,
/// the lines and the differences; a cancel sets the status to cancelled and keeps the
/// lines. Both bump the version, store the document as a version record and log an event.
Result<Order> change_order(Connection& conn, std::int64_t pk, OrderChange change,
                           const Order& next);

/// Sets the status and logs `event` with `detail`.
Result<void> set_order_status(Connection& conn, std::int64_t pk, OrderStatus status,
                              std::string_view event, std::string_view detail, Timestamp at);

/// Which orders to list.
struct OrderFilter {
    std::optional<BuyerKey> buyer;
    std::optional<OrderStatus> status;   ///< empty: any
    std::string order_id;                ///< the buyer's orderID; empty: any
    std::optional<DeploymentMode> mode;  ///< empty: both
    std::size_t limit = 200;
};
/// Orders newest first, without lines and differences (but with difference counts).
struct OrderSummary {
    std::int64_t pk = 0;
    BuyerKey buyer;
    std::string order_id;
    int version = 1;
    OrderStatus status = OrderStatus::received;
    std::string currency;
    Amount total;
    std::int64_t line_count = 0;
    std::int64_t difference_count = 0;
    std::int64_t non_catalog_count = 0;  ///< lines flagged non-catalog
    std::int64_t attachment_count = 0;   ///< of the version in force
    DeploymentMode deployment_mode = DeploymentMode::production;
    Timestamp received_at{};
    Timestamp updated_at{};
};
Result<std::vector<OrderSummary>> list_orders(Connection& conn, const OrderFilter& filter);

/// The files of every version of an order, oldest version first, without their bytes.
Result<std::vector<OrderAttachment>> order_attachments(Connection& conn, std::int64_t pk);
/// One file with its bytes: of the newest version that has this content id, or
/// Errc::not_found.
Result<OrderAttachment> find_attachment(Connection& conn, std::int64_t pk,
                                        std::string_view content_id);

/// An entry of an order's history.
struct OrderEvent {
    Timestamp at{};
    std::string kind;
    std::string detail;
};
Result<std::vector<OrderEvent>> order_events(Connection& conn, std::int64_t pk);
Result<void> add_order_event(Connection& conn, std::int64_t pk, std::string_view kind,
                             std::string_view detail, Timestamp at);

/// Orders per status, for the metrics gauge.
Result<std::vector<std::pair<OrderStatus, std::int64_t>>> count_orders_by_status(Connection& conn);

}  // namespace punchout::catalog
