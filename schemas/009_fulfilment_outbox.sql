-- What the supplier did with an order (confirmations, shipments, invoices) and the durable
-- outbox of cXML documents that tell the buyer. Each admin action writes its record, the
-- order's new status and its outbound document in one transaction. Money and quantities in
-- 1/10,000; times in unix seconds UTC.

-- A confirmation of one version of an order: what is accepted, back-ordered or rejected.
-- The newest confirmation of the version in force is the one that counts.
CREATE TABLE order_confirmation (
    id          INTEGER PRIMARY KEY,
    order_pk    INTEGER NOT NULL REFERENCES purchase_order (id) ON DELETE CASCADE,
    version     INTEGER NOT NULL,                -- purchase_order.version it confirms
    confirm_id  TEXT    NOT NULL UNIQUE,         -- confirmID we sent
    type        TEXT    NOT NULL,                -- ConfirmationHeader@type: accept, reject, allDetail
    comment     TEXT    NOT NULL DEFAULT '',
    created_at  INTEGER NOT NULL
);
CREATE INDEX order_confirmation_order ON order_confirmation (order_pk, id);

-- Per order line, one or more parts: quantity with a status (a line of 10 may be 6
-- accepted and 4 back-ordered). The parts of a line add up to its ordered quantity.
CREATE TABLE confirmation_line (
    confirmation_id INTEGER NOT NULL REFERENCES order_confirmation (id) ON DELETE CASCADE,
    seq             INTEGER NOT NULL,
    line_number     INTEGER NOT NULL,
    quantity        INTEGER NOT NULL CHECK (quantity > 0),
    status          TEXT    NOT NULL CHECK (status IN ('accept', 'backordered', 'reject')),
    delivery_date   TEXT    NOT NULL DEFAULT '', -- YYYY-MM-DD as the admin gave it, or ''
    PRIMARY KEY (confirmation_id, seq)
) WITHOUT ROWID;

CREATE TABLE shipment (
    id            INTEGER PRIMARY KEY,
    order_pk      INTEGER NOT NULL REFERENCES purchase_order (id) ON DELETE CASCADE,
    shipment_id   TEXT    NOT NULL UNIQUE,       -- shipmentID we sent
    carrier       TEXT    NOT NULL,
    tracking      TEXT    NOT NULL,
    tracking_url  TEXT    NOT NULL DEFAULT '',
    delivery_date TEXT    NOT NULL DEFAULT '',   -- expected, YYYY-MM-DD or ''
    shipped_at    INTEGER NOT NULL
);
CREATE INDEX shipment_order ON shipment (order_pk, id);

CREATE TABLE shipment_line (
    shipment_pk INTEGER NOT NULL REFERENCES shipment (id) ON DELETE CASCADE,
    line_number INTEGER NOT NULL,
    quantity    INTEGER NOT NULL CHECK (quantity > 0),
    PRIMARY KEY (shipment_pk, line_number)
) WITHOUT ROWID;

-- An invoice bills shipped quantities not billed before. The sums are exact and rounded
-- to the currency's minor unit (gateway/README-outbox.md has the rule).
CREATE TABLE invoice (
    id             INTEGER PRIMARY KEY,
    order_pk       INTEGER NOT NULL REFERENCES purchase_order (id) ON DELETE CASCADE,
    invoice_number TEXT    NOT NULL UNIQUE,      -- invoiceID we sent
    currency       TEXT    NOT NULL,
    subtotal       INTEGER NOT NULL,             -- sum of the line amounts
    tax_rate       INTEGER NOT NULL DEFAULT 0,   -- percent, in 1/10,000 (24% = 240000)
    tax_category   TEXT    NOT NULL DEFAULT 'vat',
    tax            INTEGER NOT NULL,
    shipping       INTEGER NOT NULL DEFAULT 0,
    gross          INTEGER NOT NULL,             -- subtotal + tax + shipping
    net            INTEGER NOT NULL,             -- gross less discounts (none yet)
    due            INTEGER NOT NULL,             -- net less prepayments (none yet)
    due_days       INTEGER NOT NULL,             -- payment term
    invoiced_at    INTEGER NOT NULL
);
CREATE INDEX invoice_order ON invoice (order_pk, id);

CREATE TABLE invoice_line (
    invoice_pk           INTEGER NOT NULL REFERENCES invoice (id) ON DELETE CASCADE,
    invoice_line_number  INTEGER NOT NULL,
    line_number          INTEGER NOT NULL,       -- the order line it bills
    quantity             INTEGER NOT NULL CHECK (quantity > 0),
    unit_price           INTEGER NOT NULL,
    price_basis_quantity INTEGER NOT NULL DEFAULT 10000,
    amount               INTEGER NOT NULL,       -- quantity x price / basis, rounded
    PRIMARY KEY (invoice_pk, invoice_line_number)
) WITHOUT ROWID;

-- Outbound cXML documents, exactly as they are sent: the same body (and so the same
-- payloadID) on every attempt, so a buyer that sees a document twice books it once.
CREATE TABLE outbox (
    id               INTEGER PRIMARY KEY,
    buyer_id         INTEGER NOT NULL REFERENCES buyer (id) ON DELETE CASCADE,
    order_pk         INTEGER REFERENCES purchase_order (id) ON DELETE SET NULL,
    document_type    TEXT    NOT NULL,           -- ConfirmationRequest, ShipNoticeRequest, ...
    payload_id       TEXT    NOT NULL UNIQUE,
    target_url       TEXT    NOT NULL,           -- the buyer's document URL
    body             TEXT    NOT NULL,           -- the cXML document
    origin           TEXT    NOT NULL DEFAULT 'admin'
                     CHECK (origin IN ('admin', 'status-request')),
    status           TEXT    NOT NULL DEFAULT 'pending'
                     CHECK (status IN ('pending', 'delivered', 'failed')),
    attempts         INTEGER NOT NULL DEFAULT 0, -- sends started (counted when leased)
    next_attempt_at  INTEGER NOT NULL,
    last_error       TEXT    NOT NULL DEFAULT '',
    last_http_status INTEGER,                    -- of the last answer, if any
    last_cxml_status INTEGER,                    -- Status@code of the last answer, if cXML
    -- A sender holds a lease while a send is in flight, so no two processes send the same
    -- document at once; a lease left by a crashed process runs out at lease_until.
    lease_owner      TEXT,
    lease_until      INTEGER,
    created_at       INTEGER NOT NULL,
    updated_at       INTEGER NOT NULL,
    delivered_at     INTEGER
);
CREATE INDEX outbox_due ON outbox (status, next_attempt_at);
CREATE INDEX outbox_leased ON outbox (lease_until) WHERE lease_until IS NOT NULL;
CREATE INDEX outbox_order ON outbox (order_pk, id);
