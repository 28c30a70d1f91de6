#pragma once

// The bodies of POST /api/v1/orders/{id}/confirm|ship|invoice|status, read into what
// the service layer's order actions take (the same as punchoutctl orders confirm, ship,
// invoice and status-update). Fields and defaults mirror the command-line options;
// gateway/inbound/README.md lists them. An empty body is `{}`.
#include "catalog/invoice.hpp"
#include "catalog/shipment.hpp"
#include "gateway/inbound/api_body_fields.hpp"
#include "gateway/service/order_actions.hpp"

#include <string>
#include <string_view>
#include <variant>

namespace punchout::gateway {

/// A status update for the buyer: a cXML status code and a message.
struct StatusUpdateBody {
    unsigned code = 200;
    std::string message;
};

std::variant<ConfirmationDecision, ApiBodyError> read_confirm_body(std::string_view body);
std::variant<catalog::NewShipment, ApiBodyError> read_ship_body(std::string_view body);
std::variant<catalog::NewInvoice, ApiBodyError> read_invoice_body(std::string_view body);
std::variant<StatusUpdateBody, ApiBodyError> read_status_body(std::string_view body);

}  // namespace punchout::gateway
