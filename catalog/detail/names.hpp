#pragma once

// The stored (and shown) word for each catalog enumeration, in one place for reading rows,
// writing rows, the command line and the logs. Private to catalog/; the public headers
// declare to_string and parse_* for each (catalog/names.cpp).
#include "catalog/api_client.hpp"
#include "catalog/buyer.hpp"
#include "catalog/cart.hpp"
#include "catalog/deployment_mode.hpp"
#include "catalog/fulfilment.hpp"
#include "catalog/order.hpp"
#include "catalog/order_status.hpp"
#include "catalog/outbox.hpp"
#include "catalog/price.hpp"
#include "catalog/session.hpp"

#include <array>
#include <optional>
#include <string_view>
#include <utility>

namespace punchout::catalog::detail {

template <class E, std::size_t N>
using NameTable = std::array<std::pair<E, std::string_view>, N>;

inline constexpr NameTable<OrderStatus, 8> order_status_names{{
    {OrderStatus::received, "received"},
    {OrderStatus::confirmed, "confirmed"},
    {OrderStatus::backordered, "backordered"},
    {OrderStatus::rejected, "rejected"},
    {OrderStatus::partially_shipped, "partially-shipped"},
    {OrderStatus::shipped, "shipped"},
    {OrderStatus::invoiced, "invoiced"},
    {OrderStatus::cancelled, "cancelled"},
}};

inline constexpr NameTable<DeploymentMode, 2> deployment_mode_names{{
    {DeploymentMode::production, "production"},
    {DeploymentMode::test, "test"},
}};

inline constexpr NameTable<DocumentRule, 4> document_rule_names{{
    {DocumentRule::unstated, ""},
    {DocumentRule::allowed, "allowed"},
    {DocumentRule::not_allowed, "notAllowed"},
    {DocumentRule::required_before_ship_notice, "requiredBeforeASN"},
}};

inline constexpr NameTable<DifferenceKind, 9> difference_kind_names{{
    {DifferenceKind::price_drift, "price-drift"},
    {DifferenceKind::contract_price, "contract-price"},
    {DifferenceKind::uom_changed, "uom-changed"},
    {DifferenceKind::quantity_scaled, "quantity-scaled"},
    {DifferenceKind::currency_changed, "currency-changed"},
    {DifferenceKind::sku_changed, "sku-changed"},
    {DifferenceKind::description_truncated, "description-truncated"},
    {DifferenceKind::non_catalog, "non-catalog"},
    {DifferenceKind::attachment_missing, "attachment-missing"},
}};

inline constexpr NameTable<ConfirmationType, 3> confirmation_type_names{{
    {ConfirmationType::accept, "accept"},
    {ConfirmationType::reject, "reject"},
    {ConfirmationType::all_detail, "allDetail"},
}};

inline constexpr NameTable<LineStatus, 3> line_status_names{{
    {LineStatus::accept, "accept"},
    {LineStatus::backordered, "backordered"},
    {LineStatus::reject, "reject"},
}};

inline constexpr NameTable<PriceSource, 4> price_source_names{{
    {PriceSource::contract_tier, "contract-tier"},
    {PriceSource::contract, "contract"},
    {PriceSource::list, "list"},
    {PriceSource::as_sent, "as-sent"},
}};

inline constexpr NameTable<CartLineOrigin, 2> cart_line_origin_names{{
    {CartLineOrigin::added, "added"},
    {CartLineOrigin::edit, "edit"},
}};

inline constexpr NameTable<CartLineFlag, 3> cart_line_flag_names{{
    {CartLineFlag::none, ""},
    {CartLineFlag::unknown_part, "unknown-part"},
    {CartLineFlag::foreign_token, "foreign-token"},
}};

inline constexpr NameTable<TransferKind, 3> transfer_kind_names{{
    {TransferKind::cart, "cart"},
    {TransferKind::cancel, "cancel"},
    {TransferKind::original, "original"},
}};

inline constexpr NameTable<SessionProtocol, 2> session_protocol_names{{
    {SessionProtocol::cxml, "cxml"},
    {SessionProtocol::oci, "oci"},
}};

inline constexpr NameTable<SessionOperation, 3> session_operation_names{{
    {SessionOperation::create, "create"},
    {SessionOperation::edit, "edit"},
    {SessionOperation::inspect, "inspect"},
}};

inline constexpr NameTable<SessionState, 3> session_state_names{{
    {SessionState::open, "open"},
    {SessionState::transferred, "transferred"},
    {SessionState::cancelled, "cancelled"},
}};

inline constexpr NameTable<CartTransport, 3> cart_transport_names{{
    {CartTransport::cxml_base64, "cxml-base64"},
    {CartTransport::cxml_urlencoded, "cxml-urlencoded"},
    {CartTransport::oci, "oci"},
}};

inline constexpr NameTable<OrderPolicy, 2> order_policy_names{{
    {OrderPolicy::accept_and_flag, "accept-and-flag"},
    {OrderPolicy::reject, "reject"},
}};

inline constexpr NameTable<ApiScope, 5> api_scope_names{{
    {ApiScope::stock, "stock"},
    {ApiScope::prices, "prices"},
    {ApiScope::catalog, "catalog"},
    {ApiScope::orders, "orders"},
    {ApiScope::fulfilment, "fulfilment"},
}};

inline constexpr NameTable<HttpStatusRule, 2> http_status_rule_names{{
    {HttpStatusRule::cxml, "cxml"},
    {HttpStatusRule::mirror, "mirror"},
}};

inline constexpr NameTable<OutboxStatus, 3> outbox_status_names{{
    {OutboxStatus::pending, "pending"},
    {OutboxStatus::delivered, "delivered"},
    {OutboxStatus::failed, "failed"},
}};

/// The word for `value`; every enumerator has a row (tests/catalog/test_names.cpp).
template <class E, std::size_t N>
constexpr std::string_view name_of(const NameTable<E, N>& table, E value) noexcept {
    for (const auto& [e, name] : table) {
        if (e == value)
            return name;
    }
    return table.front().second;
}

/// The value named `text` exactly, or nothing.
template <class E, std::size_t N>
constexpr std::optional<E> value_of(const NameTable<E, N>& table, std::string_view text) noexcept {
    for (const auto& [e, name] : table) {
        if (name == text)
            return e;
    }
    return std::nullopt;
}

}  // namespace punchout::catalog::detail
