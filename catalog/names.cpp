#include "catalog/detail/names.hpp"

// to_string and parse_* of every catalog enumeration, from the tables in detail/names.hpp.
namespace punchout::catalog {

#define PUNCHOUT_CATALOG_NAMES(Enum, table, parse)              \
    std::string_view to_string(Enum value) noexcept {           \
        return detail::name_of(detail::table, value);           \
    }                                                           \
    std::optional<Enum> parse(std::string_view text) noexcept { \
        return detail::value_of(detail::table, text);           \
    }

PUNCHOUT_CATALOG_NAMES(OrderStatus, order_status_names, parse_order_status)
PUNCHOUT_CATALOG_NAMES(DeploymentMode, deployment_mode_names, parse_deployment_mode)
PUNCHOUT_CATALOG_NAMES(DifferenceKind, difference_kind_names, parse_difference_kind)
PUNCHOUT_CATALOG_NAMES(DocumentRule, document_rule_names, parse_document_rule)
PUNCHOUT_CATALOG_NAMES(ConfirmationType, confirmation_type_names, parse_confirmation_type)
PUNCHOUT_CATALOG_NAMES(LineStatus, line_status_names, parse_line_status)
PUNCHOUT_CATALOG_NAMES(PriceSource, price_source_names, parse_price_source)
PUNCHOUT_CATALOG_NAMES(CartLineOrigin, cart_line_origin_names, parse_cart_line_origin)
PUNCHOUT_CATALOG_NAMES(CartLineFlag, cart_line_flag_names, parse_cart_line_flag)
PUNCHOUT_CATALOG_NAMES(TransferKind, transfer_kind_names, parse_transfer_kind)
PUNCHOUT_CATALOG_NAMES(SessionProtocol, session_protocol_names, parse_session_protocol)
PUNCHOUT_CATALOG_NAMES(SessionOperation, session_operation_names, parse_session_operation)
PUNCHOUT_CATALOG_NAMES(SessionState, session_state_names, parse_session_state)
PUNCHOUT_CATALOG_NAMES(CartTransport, cart_transport_names, parse_cart_transport)
PUNCHOUT_CATALOG_NAMES(OrderPolicy, order_policy_names, parse_order_policy)
PUNCHOUT_CATALOG_NAMES(HttpStatusRule, http_status_rule_names, parse_http_status_rule)
PUNCHOUT_CATALOG_NAMES(OutboxStatus, outbox_status_names, parse_outbox_status)

#undef PUNCHOUT_CATALOG_NAMES

}  // namespace punchout::catalog
