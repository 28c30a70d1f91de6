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
      }
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
    }
  }
}
)json";
}

}  // namespace punchout::gateway
