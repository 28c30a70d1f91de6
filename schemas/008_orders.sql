-- Purchase orders as received, exactly once, with their versions and the differences the
-- accuracy check found. Money and quantities in 1/10,000; times in unix seconds UTC.

-- Every inbound cXML request we answered from the database's point of view, by payloadID:
-- the same payloadID again gets the same answer and changes nothing.
CREATE TABLE inbound_document (
    buyer_id      INTEGER NOT NULL REFERENCES buyer (id) ON DELETE CASCADE,
    payload_id    TEXT    NOT NULL,
    document_type TEXT    NOT NULL,
    status_code   INTEGER NOT NULL,
    response      TEXT    NOT NULL,              -- the cXML Response we gave
    order_pk      INTEGER,                       -- the order it created or changed
    received_at   INTEGER NOT NULL,
    PRIMARY KEY (buyer_id, payload_id)
) WITHOUT ROWID;

CREATE TABLE purchase_order (
    id              INTEGER PRIMARY KEY,
    buyer_id        INTEGER NOT NULL REFERENCES buyer (id) ON DELETE CASCADE,
    order_id        TEXT    NOT NULL,            -- the buyer's orderID
    version         INTEGER NOT NULL DEFAULT 1,  -- our count of accepted versions
    order_version   TEXT    NOT NULL DEFAULT '', -- orderVersion as the buyer wrote it
    order_type      TEXT    NOT NULL DEFAULT '', -- orderType (regular, release, ...)
    order_date      TEXT    NOT NULL DEFAULT '', -- orderDate as sent
    -- received -> confirmed / backordered / rejected -> partially-shipped -> shipped ->
    -- invoiced; cancelled by a delete. Maintained by the gateway and punchoutctl.
    status          TEXT    NOT NULL DEFAULT 'received',
    currency        TEXT    NOT NULL,
    total           INTEGER NOT NULL,            -- Total as sent
    subtotal        INTEGER NOT NULL,            -- sum of the lines, as we computed it
    tax             INTEGER NOT NULL DEFAULT 0,
    shipping        INTEGER NOT NULL DEFAULT 0,
    deployment_mode TEXT    NOT NULL DEFAULT 'production',
    payload_id      TEXT    NOT NULL,            -- of the version in force
    ship_to         TEXT    NOT NULL DEFAULT '', -- a one-line summary for people
    document        TEXT    NOT NULL,            -- the OrderRequest in force, as received
    difference_count INTEGER NOT NULL DEFAULT 0,
    received_at     INTEGER NOT NULL,
    updated_at      INTEGER NOT NULL,
    UNIQUE (buyer_id, order_id)
);
CREATE INDEX purchase_order_status ON purchase_order (status, received_at);
CREATE INDEX purchase_order_received ON purchase_order (received_at);

CREATE TABLE order_line (
    order_pk             INTEGER NOT NULL REFERENCES purchase_order (id) ON DELETE CASCADE,
    line_number          INTEGER NOT NULL,
    sku                  TEXT    NOT NULL,
    token                TEXT    NOT NULL DEFAULT '',  -- SupplierPartAuxiliaryID as sent
    buyer_part_id        TEXT    NOT NULL DEFAULT '',
    quantity             INTEGER NOT NULL,
    unit_price           INTEGER NOT NULL,
    currency             TEXT    NOT NULL,
    price_basis_quantity INTEGER NOT NULL DEFAULT 10000,
    uom                  TEXT    NOT NULL DEFAULT '',
    description          TEXT    NOT NULL DEFAULT '',
    requested_delivery   TEXT    NOT NULL DEFAULT '',
    PRIMARY KEY (order_pk, line_number)
) WITHOUT ROWID;

-- What the order accuracy check found, per version.
CREATE TABLE order_difference (
    order_pk    INTEGER NOT NULL REFERENCES purchase_order (id) ON DELETE CASCADE,
    version     INTEGER NOT NULL,
    line_number INTEGER NOT NULL,
    kind        TEXT    NOT NULL,                -- price-drift, uom-changed, ...
    expected    TEXT    NOT NULL DEFAULT '',
    actual      TEXT    NOT NULL DEFAULT '',
    message     TEXT    NOT NULL
);
CREATE INDEX order_difference_order ON order_difference (order_pk, version);

-- Each version of an order as received (new, update, delete), for the audit trail.
CREATE TABLE order_version (
    order_pk      INTEGER NOT NULL REFERENCES purchase_order (id) ON DELETE CASCADE,
    version       INTEGER NOT NULL,
    operation     TEXT    NOT NULL CHECK (operation IN ('new', 'update', 'delete')),
    order_version TEXT    NOT NULL DEFAULT '',
    payload_id    TEXT    NOT NULL,
    document      TEXT    NOT NULL,
    received_at   INTEGER NOT NULL,
    PRIMARY KEY (order_pk, version)
) WITHOUT ROWID;

-- What happened to an order, in order: received, updated, confirmed, shipped, ...
CREATE TABLE order_event (
    id       INTEGER PRIMARY KEY,
    order_pk INTEGER NOT NULL REFERENCES purchase_order (id) ON DELETE CASCADE,
    at       INTEGER NOT NULL,
    kind     TEXT    NOT NULL,
    detail   TEXT    NOT NULL DEFAULT ''
);
CREATE INDEX order_event_order ON order_event (order_pk, id);
