-- Webhooks (issue 13): an API client with the orders scope may name a URL that receives
-- every order event (the events of GET /api/v1/orders), signed with HMAC-SHA256 under the
-- client's webhook secret. The secret is kept in clear because signing needs it; it is
-- shown by `punchoutctl api-client set --webhook-url` when made and never logged.
ALTER TABLE api_client ADD COLUMN webhook_url TEXT NOT NULL DEFAULT '';
ALTER TABLE api_client ADD COLUMN webhook_secret TEXT NOT NULL DEFAULT '';

-- The deliveries go through the outbox, with its leases, retries and admin commands:
-- origin 'webhook', api_client_id the receiver, payload_id "<event id>.<client id>", the
-- body the event's JSON exactly as first written (so every retry carries the same bytes and
-- signature). SQLite cannot widen a CHECK in place, so the table is rebuilt; nothing
-- references it.
CREATE TABLE outbox_next (
    id               INTEGER PRIMARY KEY,
    buyer_id         INTEGER NOT NULL REFERENCES buyer (id) ON DELETE CASCADE,
    order_pk         INTEGER REFERENCES purchase_order (id) ON DELETE SET NULL,
    document_type    TEXT    NOT NULL,           -- ConfirmationRequest, ..., order.received
    payload_id       TEXT    NOT NULL UNIQUE,
    target_url       TEXT    NOT NULL,           -- the buyer's document URL, or the webhook URL
    body             TEXT    NOT NULL,           -- the cXML document, or the event's JSON
    origin           TEXT    NOT NULL DEFAULT 'admin'
                     CHECK (origin IN ('admin', 'status-request', 'webhook')),
    api_client_id    INTEGER REFERENCES api_client (id) ON DELETE CASCADE,
    status           TEXT    NOT NULL DEFAULT 'pending'
                     CHECK (status IN ('pending', 'delivered', 'failed')),
    attempts         INTEGER NOT NULL DEFAULT 0,
    next_attempt_at  INTEGER NOT NULL,
    last_error       TEXT    NOT NULL DEFAULT '',
    last_http_status INTEGER,
    last_cxml_status INTEGER,
    lease_owner      TEXT,
    lease_until      INTEGER,
    created_at       INTEGER NOT NULL,
    updated_at       INTEGER NOT NULL,
    delivered_at     INTEGER,
    CHECK ((origin = 'webhook') = (api_client_id IS NOT NULL))
);
INSERT INTO outbox_next (id, buyer_id, order_pk, document_type, payload_id, target_url, body,
                         origin, status, attempts, next_attempt_at, last_error,
                         last_http_status, last_cxml_status, lease_owner, lease_until,
                         created_at, updated_at, delivered_at)
SELECT id, buyer_id, order_pk, document_type, payload_id, target_url, body, origin, status,
       attempts, next_attempt_at, last_error, last_http_status, last_cxml_status, lease_owner,
       lease_until, created_at, updated_at, delivered_at
FROM outbox;
DROP TABLE outbox;
ALTER TABLE outbox_next RENAME TO outbox;
CREATE INDEX outbox_due ON outbox (status, next_attempt_at);
CREATE INDEX outbox_leased ON outbox (lease_until) WHERE lease_until IS NOT NULL;
CREATE INDEX outbox_order ON outbox (order_pk, id);
