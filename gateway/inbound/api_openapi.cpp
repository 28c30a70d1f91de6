#include "gateway/inbound/api_openapi.hpp"

namespace punchout::gateway {

// Kept by hand beside api_routes(); test_api_openapi fails when the two part ways.
std::string_view api_openapi_document() noexcept {
    return R"json({
  "openapi": "3.1.0",
  "info": {
    "title": "Punchout gateway integration API",
    "version": "1",
    "description": "The supplier's own systems (ERP, warehouse, PIM) keep the gateway's catalog live. Every call but this document needs Authorization: Bearer <token> (punchoutctl api-client add). Errors are RFC 9457 problem documents."
  },
  "components": {
    "securitySchemes": {
      "bearer": {"type": "http", "scheme": "bearer"}
    },
    "schemas": {
      "Problem": {
        "type": "object",
        "properties": {
          "type": {"type": "string"},
          "title": {"type": "string"},
          "status": {"type": "integer"},
          "detail": {"type": "string"},
          "errors": {
            "type": "array",
            "items": {
              "type": "object",
              "properties": {
                "index": {"type": "integer"},
                "field": {"type": "string"},
                "message": {"type": "string"}
              }
            }
          }
        }
      },
      "StockRow": {
        "type": "object",
        "required": ["sku", "warehouse", "quantity", "as_of"],
        "additionalProperties": false,
        "properties": {
          "sku": {"type": "string"},
          "warehouse": {"type": "string", "maxLength": 64},
          "quantity": {"type": ["number", "string"], "description": "not negative; up to 4 decimals"},
          "as_of": {"type": "string", "format": "date-time", "description": "when the figure was true; an older one than stored is ignored and reported"}
        }
      },
      "Order": {
        "type": "object",
        "description": "An order as the buyer's system sent it (the version in force), with what the accuracy check flagged. Money and quantities are decimal strings.",
        "properties": {
          "id": {"type": "integer", "description": "the gateway's id, used in /api/v1/orders/{id}"},
          "href": {"type": "string"},
          "order_id": {"type": "string", "description": "the buyer's orderID"},
          "buyer": {"type": "string"},
          "mode": {"enum": ["production", "test"]},
          "status": {"enum": ["received", "confirmed", "backordered", "rejected", "partially-shipped", "shipped", "invoiced", "cancelled"]},
          "version": {"type": "integer"},
          "currency": {"type": "string"},
          "total": {"type": "string"},
          "lines": {"type": "array", "items": {"type": "object"}},
          "flags": {"type": "array", "items": {"type": "object", "properties": {"line": {"type": "integer"}, "kind": {"type": "string"}, "expected": {"type": "string"}, "actual": {"type": "string"}, "message": {"type": "string"}}}},
          "attachments": {"type": "array", "items": {"type": "object", "properties": {"content_id": {"type": "string"}, "content_type": {"type": "string"}, "size": {"type": "integer"}, "sha256": {"type": "string"}, "href": {"type": "string"}}}}
        }
      },
      "ActionResult": {
        "type": "object",
        "properties": {
          "order": {"type": "object"},
          "action": {"type": "string"},
          "reference": {"type": ["string", "null"], "description": "the confirmID, shipmentID or invoiceID recorded"},
          "queued": {"type": "array", "items": {"type": "object"}, "description": "the cXML documents queued for the buyer"},
          "note": {"type": ["string", "null"]}
        }
      }
    },
    "parameters": {
      "OrderId": {"name": "id", "in": "path", "required": true, "schema": {"type": "integer", "minimum": 1}},
      "IdempotencyKey": {"name": "Idempotency-Key", "in": "header", "required": true, "schema": {"type": "string", "minLength": 1, "maxLength": 255}, "description": "unique per write; sent again unchanged on a retry, which then gets the first answer (Idempotent-Replayed: true) and changes nothing"}
    },
    "responses": {
      "Problem": {
        "description": "What is wrong, and what to do",
        "content": {"application/problem+json": {"schema": {"$ref": "#/components/schemas/Problem"}}}
      }
    }
  },
  "security": [{"bearer": []}],
  "paths": {
    "/api/v1/openapi.json": {
      "get": {
        "summary": "This document",
        "security": [],
        "responses": {"200": {"description": "OpenAPI 3.1"}}
      }
    },
    "/api/v1/stock": {
      "put": {
        "summary": "Report stock per SKU and warehouse (scope: stock)",
        "description": "All rows or none. At most 10,000 rows and 4 MiB. A retry with the same Idempotency-Key and body gets the first answer (Idempotent-Replayed: true) and applies nothing.",
        "parameters": [
          {"name": "Idempotency-Key", "in": "header", "required": true, "schema": {"type": "string", "minLength": 1, "maxLength": 255}}
        ],
        "requestBody": {
          "required": true,
          "content": {
            "application/json": {
              "schema": {
                "type": "object",
                "required": ["items"],
                "additionalProperties": false,
                "properties": {"items": {"type": "array", "items": {"$ref": "#/components/schemas/StockRow"}}}
              }
            }
          }
        },
        "responses": {
          "200": {"description": "Applied: counts, and the rows left out as older than stored"},
          "400": {"$ref": "#/components/responses/Problem"},
          "401": {"$ref": "#/components/responses/Problem"},
          "403": {"$ref": "#/components/responses/Problem"},
          "413": {"$ref": "#/components/responses/Problem"},
          "422": {"$ref": "#/components/responses/Problem"},
          "429": {"$ref": "#/components/responses/Problem"}
        }
      }
    },
    "/api/v1/prices": {
      "put": {
        "summary": "Set list prices and buyers' contract prices (scope: prices)",
        "description": "All rows or none, checked as the price file import checks them (the same messages). A row without buyer sets the product's list price; with one, it adds or replaces the buyer's entry for (sku, min_qty, valid_from). At most 10,000 rows and 4 MiB.",
        "parameters": [{"$ref": "#/components/parameters/IdempotencyKey"}],
        "requestBody": {"required": true, "content": {"application/json": {"schema": {
          "type": "object", "required": ["items"], "additionalProperties": false,
          "properties": {"items": {"type": "array", "items": {
            "type": "object", "required": ["sku", "price"], "additionalProperties": false,
            "properties": {
              "buyer": {"type": "string", "description": "none: the list price"},
              "sku": {"type": "string"},
              "price": {"type": ["number", "string"]},
              "currency": {"type": "string", "description": "ISO 4217; default the buyer's (list price: the product's)"},
              "min_qty": {"type": ["number", "string"], "default": 1},
              "valid_from": {"type": "string", "format": "date-time"},
              "valid_to": {"type": "string", "format": "date-time", "description": "exclusive"}}}}}}}}},
        "responses": {
          "200": {"description": "Applied: inserted, updated, unchanged"},
          "400": {"$ref": "#/components/responses/Problem"},
          "401": {"$ref": "#/components/responses/Problem"},
          "403": {"$ref": "#/components/responses/Problem"},
          "409": {"description": "A catalog import is replacing the products (list prices: rows without a buyer); nothing was changed. Send the same request again after Retry-After seconds", "content": {"application/problem+json": {"schema": {"$ref": "#/components/schemas/Problem"}}}},
          "413": {"$ref": "#/components/responses/Problem"},
          "422": {"$ref": "#/components/responses/Problem"},
          "429": {"$ref": "#/components/responses/Problem"}
        }
      },
      "delete": {
        "summary": "Remove buyers' contract entries (scope: prices)",
        "description": "Each row names one entry by (buyer, sku, min_qty, valid_from). An entry already gone is listed in absent and is not an error; a row that cannot name one (unknown buyer or SKU) refuses the batch.",
        "parameters": [{"$ref": "#/components/parameters/IdempotencyKey"}],
        "requestBody": {"required": true, "content": {"application/json": {"schema": {
          "type": "object", "required": ["items"], "additionalProperties": false,
          "properties": {"items": {"type": "array", "items": {
            "type": "object", "required": ["buyer", "sku"], "additionalProperties": false,
            "properties": {
              "buyer": {"type": "string"},
              "sku": {"type": "string"},
              "min_qty": {"type": ["number", "string"], "default": 1},
              "valid_from": {"type": "string", "format": "date-time"}}}}}}}}},
        "responses": {
          "200": {"description": "deleted, and the rows that named no entry (absent)"},
          "400": {"$ref": "#/components/responses/Problem"},
          "422": {"$ref": "#/components/responses/Problem"}
        }
      }
    },
    "/api/v1/products": {
      "put": {
        "summary": "Add or change products (scope: catalog)",
        "description": "Upserts by sku; all rows or none, checked as the catalog file import checks them (the same messages). sku, description, uom, price, currency and unspsc are required; an optional field a row leaves out keeps its stored value (a new product takes the default), \"\" clears it; attributes, when given, replace the product's spec attributes. At most 1,000 rows and 4 MiB; a whole catalog is a file import.",
        "parameters": [{"$ref": "#/components/parameters/IdempotencyKey"}],
        "requestBody": {"required": true, "content": {"application/json": {"schema": {
          "type": "object", "required": ["items"], "additionalProperties": false,
          "properties": {"items": {"type": "array", "items": {
            "type": "object", "required": ["sku", "description", "uom", "price", "currency", "unspsc"], "additionalProperties": false,
            "properties": {
              "sku": {"type": "string"},
              "description": {"type": "string", "maxLength": 2000},
              "uom": {"type": "string", "description": "UN/CEFACT Recommendation 20 code, e.g. EA"},
              "price": {"type": ["number", "string"], "description": "the list price, not negative"},
              "currency": {"type": "string", "description": "ISO 4217"},
              "unspsc": {"type": ["string", "number"], "description": "8 digits"},
              "short_name": {"type": "string", "maxLength": 255},
              "long_description": {"type": "string", "maxLength": 20000},
              "manufacturer": {"type": "string", "maxLength": 255},
              "manufacturer_part": {"type": "string", "maxLength": 255},
              "lead_time_days": {"type": ["integer", "string"]},
              "category": {"type": "string", "description": "a path, parts separated by ' > '"},
              "price_basis_quantity": {"type": ["number", "string"], "default": 1},
              "image_url": {"type": "string", "format": "uri"},
              "datasheet_url": {"type": "string", "format": "uri"},
              "attributes": {"type": "object", "additionalProperties": {"type": "string", "maxLength": 1000}}}}}}}}}},
        "responses": {
          "200": {"description": "Applied: inserted, updated, unchanged"},
          "400": {"$ref": "#/components/responses/Problem"},
          "401": {"$ref": "#/components/responses/Problem"},
          "403": {"$ref": "#/components/responses/Problem"},
          "409": {"description": "A catalog import is replacing the products (list prices: rows without a buyer); nothing was changed. Send the same request again after Retry-After seconds", "content": {"application/problem+json": {"schema": {"$ref": "#/components/schemas/Problem"}}}},
          "413": {"$ref": "#/components/responses/Problem"},
          "422": {"$ref": "#/components/responses/Problem"},
          "429": {"$ref": "#/components/responses/Problem"}
        }
      }
    },
    "/api/v1/products/{sku}": {
      "delete": {
        "summary": "Remove a product (scope: catalog)",
        "description": "With its stock figures and contract prices; orders and carts keep their own copy of its lines. The SKU is percent-encoded in the path.",
        "parameters": [
          {"name": "sku", "in": "path", "required": true, "schema": {"type": "string"}},
          {"$ref": "#/components/parameters/IdempotencyKey"}
        ],
        "responses": {
          "200": {"description": "deleted: the SKU"},
          "400": {"$ref": "#/components/responses/Problem"},
          "404": {"$ref": "#/components/responses/Problem"},
          "409": {"description": "A catalog import is replacing the products (list prices: rows without a buyer); nothing was changed. Send the same request again after Retry-After seconds", "content": {"application/problem+json": {"schema": {"$ref": "#/components/schemas/Problem"}}}}
        }
      }
    },
    "/api/v1/orders": {
      "get": {
        "summary": "The order feed: orders received, updated and cancelled, in commit order (scope: orders)",
        "description": "Resume from the next_cursor of the page before; a reader that does so misses nothing and sees nothing twice. Each event carries the order as it is now.",
        "parameters": [
          {"name": "after", "in": "query", "schema": {"type": "string"}, "description": "a next_cursor; none: from the first order"},
          {"name": "limit", "in": "query", "schema": {"type": "integer", "minimum": 1, "maximum": 500, "default": 100}},
          {"name": "mode", "in": "query", "schema": {"enum": ["production", "test"]}, "description": "only orders of this deployment mode"}
        ],
        "responses": {
          "200": {
            "description": "A page of events",
            "content": {"application/json": {"schema": {"type": "object", "properties": {
              "events": {"type": "array", "items": {"type": "object", "properties": {
                "cursor": {"type": "string"},
                "event": {"enum": ["order.received", "order.updated", "order.cancelled"]},
                "at": {"type": "string", "format": "date-time"},
                "order": {"$ref": "#/components/schemas/Order"}}}},
              "next_cursor": {"type": "string"},
              "has_more": {"type": "boolean"}}}}}
          },
          "400": {"$ref": "#/components/responses/Problem"},
          "401": {"$ref": "#/components/responses/Problem"},
          "403": {"$ref": "#/components/responses/Problem"},
          "429": {"$ref": "#/components/responses/Problem"}
        }
      }
    },
    "/api/v1/orders/{id}": {
      "get": {
        "summary": "One order (scope: orders)",
        "parameters": [{"$ref": "#/components/parameters/OrderId"}],
        "responses": {
          "200": {"description": "The order", "content": {"application/json": {"schema": {"$ref": "#/components/schemas/Order"}}}},
          "404": {"$ref": "#/components/responses/Problem"}
        }
      }
    },
    "/api/v1/orders/{id}/attachments/{content_id}": {
      "get": {
        "summary": "A file that came with the order, byte-exact (scope: orders)",
        "parameters": [
          {"$ref": "#/components/parameters/OrderId"},
          {"name": "content_id", "in": "path", "required": true, "schema": {"type": "string"}, "description": "the MIME Content-ID, percent-encoded"}
        ],
        "responses": {
          "200": {"description": "The bytes, with the content type the buyer gave"},
          "404": {"$ref": "#/components/responses/Problem"}
        }
      }
    },
    "/api/v1/orders/{id}/confirm": {
      "post": {
        "summary": "Accept, back-order or reject the order and send the buyer a ConfirmationRequest (scope: fulfilment)",
        "description": "As punchoutctl orders confirm: status and delivery_date apply to every line not named in lines; a line named with a quantity takes that much, without one what is left of it.",
        "parameters": [{"$ref": "#/components/parameters/OrderId"}, {"$ref": "#/components/parameters/IdempotencyKey"}],
        "requestBody": {"content": {"application/json": {"schema": {
          "type": "object", "additionalProperties": false,
          "properties": {
            "status": {"enum": ["accept", "backordered", "reject"], "default": "accept"},
            "delivery_date": {"type": "string", "format": "date"},
            "comment": {"type": "string"},
            "confirm_id": {"type": "string", "description": "default CNF-nnnnnn"},
            "lines": {"type": "array", "items": {"type": "object", "additionalProperties": false, "required": ["line"], "properties": {
              "line": {"type": "integer", "minimum": 1},
              "quantity": {"type": ["number", "string"]},
              "status": {"enum": ["accept", "backordered", "reject"]},
              "delivery_date": {"type": "string", "format": "date"}}}}}}}}},
        "responses": {
          "200": {"description": "Recorded and queued", "content": {"application/json": {"schema": {"$ref": "#/components/schemas/ActionResult"}}}},
          "400": {"$ref": "#/components/responses/Problem"},
          "404": {"$ref": "#/components/responses/Problem"},
          "409": {"$ref": "#/components/responses/Problem"},
          "422": {"$ref": "#/components/responses/Problem"}
        }
      }
    },
    "/api/v1/orders/{id}/ship": {
      "post": {
        "summary": "Record a shipment and send a ShipNoticeRequest (scope: fulfilment)",
        "description": "As punchoutctl orders ship: without lines, everything confirmed and not yet shipped.",
        "parameters": [{"$ref": "#/components/parameters/OrderId"}, {"$ref": "#/components/parameters/IdempotencyKey"}],
        "requestBody": {"required": true, "content": {"application/json": {"schema": {
          "type": "object", "additionalProperties": false, "required": ["carrier", "tracking"],
          "properties": {
            "carrier": {"type": "string"},
            "tracking": {"type": "string"},
            "tracking_url": {"type": "string"},
            "delivery_date": {"type": "string", "format": "date"},
            "shipment_id": {"type": "string", "description": "default SHP-nnnnnn"},
            "lines": {"type": "array", "items": {"type": "object", "additionalProperties": false, "required": ["line", "quantity"], "properties": {
              "line": {"type": "integer", "minimum": 1},
              "quantity": {"type": ["number", "string"]}}}}}}}}},
        "responses": {
          "200": {"description": "Recorded and queued", "content": {"application/json": {"schema": {"$ref": "#/components/schemas/ActionResult"}}}},
          "400": {"$ref": "#/components/responses/Problem"},
          "404": {"$ref": "#/components/responses/Problem"},
          "409": {"$ref": "#/components/responses/Problem"},
          "422": {"$ref": "#/components/responses/Problem"}
        }
      }
    },
    "/api/v1/orders/{id}/invoice": {
      "post": {
        "summary": "Invoice what has shipped and send an InvoiceDetailRequest (scope: fulfilment)",
        "description": "As punchoutctl orders invoice: every shipped quantity not invoiced yet.",
        "parameters": [{"$ref": "#/components/parameters/OrderId"}, {"$ref": "#/components/parameters/IdempotencyKey"}],
        "requestBody": {"content": {"application/json": {"schema": {
          "type": "object", "additionalProperties": false,
          "properties": {
            "tax_rate": {"type": ["number", "string"], "description": "percent", "default": 0},
            "tax_category": {"type": "string", "default": "vat"},
            "shipping": {"type": ["number", "string"], "default": 0},
            "due_days": {"type": "integer", "minimum": 0, "maximum": 3650, "default": 30},
            "line_tax": {"type": "boolean", "default": false},
            "invoice_id": {"type": "string", "description": "default INV-nnnnnn"}}}}}},
        "responses": {
          "200": {"description": "Recorded and queued", "content": {"application/json": {"schema": {"$ref": "#/components/schemas/ActionResult"}}}},
          "400": {"$ref": "#/components/responses/Problem"},
          "404": {"$ref": "#/components/responses/Problem"},
          "409": {"$ref": "#/components/responses/Problem"},
          "422": {"$ref": "#/components/responses/Problem"}
        }
      }
    },
    "/api/v1/orders/{id}/status": {
      "post": {
        "summary": "Tell the buyer something about the order: a StatusUpdateRequest (scope: fulfilment)",
        "parameters": [{"$ref": "#/components/parameters/OrderId"}, {"$ref": "#/components/parameters/IdempotencyKey"}],
        "requestBody": {"required": true, "content": {"application/json": {"schema": {
          "type": "object", "additionalProperties": false, "required": ["message"],
          "properties": {
            "code": {"type": "integer", "minimum": 100, "maximum": 999, "default": 200},
            "message": {"type": "string", "minLength": 1}}}}}},
        "responses": {
          "200": {"description": "Queued", "content": {"application/json": {"schema": {"$ref": "#/components/schemas/ActionResult"}}}},
          "400": {"$ref": "#/components/responses/Problem"},
          "404": {"$ref": "#/components/responses/Problem"},
          "422": {"$ref": "#/components/responses/Problem"}
        }
      }
    }
  }
}
)json";
}

}  // namespace punchout::gateway
