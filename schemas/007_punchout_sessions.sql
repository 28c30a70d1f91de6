-- Punchout sessions, their carts, and the carts we sent back (what orders are checked
-- against). Money and quantities in 1/10,000; times in unix seconds UTC.

CREATE TABLE punchout_session (
    id               INTEGER PRIMARY KEY,
    -- The one-time StartPage key and the key later storefront URLs carry (both 128-bit
    -- random, made by the gateway). Sessions are never keyed on the BuyerCookie: it changes
    -- between a create and a later edit of the same cart.
    start_key        TEXT    NOT NULL UNIQUE,
    session_key      TEXT    NOT NULL UNIQUE,
    csrf_token       TEXT    NOT NULL,
    buyer_id         INTEGER NOT NULL REFERENCES buyer (id) ON DELETE CASCADE,
    sender_id        INTEGER REFERENCES sender (id) ON DELETE SET NULL,  -- NULL for OCI
    protocol         TEXT    NOT NULL CHECK (protocol IN ('cxml', 'oci')),
    operation        TEXT    NOT NULL CHECK (operation IN ('create', 'edit', 'inspect')),
    buyer_cookie     TEXT    NOT NULL DEFAULT '',
    return_url       TEXT    NOT NULL,           -- BrowserFormPost URL or OCI HOOK_URL
    return_target    TEXT    NOT NULL DEFAULT '',-- OCI ~TARGET (frame to post into)
    deployment_mode  TEXT    NOT NULL DEFAULT 'production'
                     CHECK (deployment_mode IN ('production', 'test')),
    cxml_version     TEXT    NOT NULL DEFAULT '',-- what the cart goes back as
    -- The buyer's From credential of the setup request: To of the PunchOutOrderMessage.
    buyer_domain     TEXT    NOT NULL DEFAULT '',
    buyer_identity   TEXT    NOT NULL DEFAULT '',
    user_email       TEXT    NOT NULL DEFAULT '',
    user_name        TEXT    NOT NULL DEFAULT '',
    selected_item    TEXT    NOT NULL DEFAULT '',-- SupplierPartID to open first, if any
    setup_document   TEXT    NOT NULL DEFAULT '',-- the setup request as received (audit)
    created_at       INTEGER NOT NULL,
    start_expires_at INTEGER NOT NULL,
    started_at       INTEGER,                    -- the start key's one use
    expires_at       INTEGER NOT NULL,
    state            TEXT    NOT NULL DEFAULT 'open'
                     CHECK (state IN ('open', 'transferred', 'cancelled')),
    closed_at        INTEGER
);
CREATE INDEX punchout_session_buyer ON punchout_session (buyer_id, created_at);
CREATE INDEX punchout_session_expiry ON punchout_session (expires_at);

-- Extrinsics of the setup request (UserEmail, UniqueName, CostCenter ...), in order.
CREATE TABLE session_extrinsic (
    session_id INTEGER NOT NULL REFERENCES punchout_session (id) ON DELETE CASCADE,
    position   INTEGER NOT NULL,
    name       TEXT    NOT NULL,
    value      TEXT    NOT NULL,
    PRIMARY KEY (session_id, position)
) WITHOUT ROWID;

CREATE TABLE cart_line (
    id                   INTEGER PRIMARY KEY,
    session_id           INTEGER NOT NULL REFERENCES punchout_session (id) ON DELETE CASCADE,
    -- Our line token, sent as SupplierPartAuxiliaryID; kept across edit round trips.
    token                TEXT    NOT NULL,
    position             INTEGER NOT NULL,
    sku                  TEXT    NOT NULL,
    known                INTEGER NOT NULL DEFAULT 1 CHECK (known IN (0, 1)),
    quantity             INTEGER NOT NULL CHECK (quantity > 0),
    unit_price           INTEGER NOT NULL,
    currency             TEXT    NOT NULL,
    price_source         TEXT    NOT NULL DEFAULT '',
    price_basis_quantity INTEGER NOT NULL DEFAULT 10000,
    uom                  TEXT    NOT NULL DEFAULT '',
    description          TEXT    NOT NULL DEFAULT '',
    buyer_part_id        TEXT    NOT NULL DEFAULT '',
    stock_at_add         INTEGER,                -- total stock when added (NULL: unknown)
    -- 'added' in the storefront, or 'edit': came with an edit/inspect setup request.
    origin               TEXT    NOT NULL DEFAULT 'added' CHECK (origin IN ('added', 'edit')),
    -- Why the line needs a look: '' (fine), 'unknown-part', 'foreign-token'.
    flag                 TEXT    NOT NULL DEFAULT '',
    added_at             INTEGER NOT NULL,
    UNIQUE (session_id, token)
);
CREATE INDEX cart_line_session ON cart_line (session_id, position);

-- Every cart we sent back (or the cancel/original-lines answer), with its lines.
CREATE TABLE cart_transfer (
    id                INTEGER PRIMARY KEY,
    session_id        INTEGER NOT NULL REFERENCES punchout_session (id) ON DELETE CASCADE,
    buyer_id          INTEGER NOT NULL REFERENCES buyer (id) ON DELETE CASCADE,
    payload_id        TEXT    NOT NULL,
    kind              TEXT    NOT NULL CHECK (kind IN ('cart', 'cancel', 'original')),
    operation_allowed TEXT    NOT NULL CHECK (operation_allowed IN ('create', 'edit', 'inspect')),
    currency          TEXT    NOT NULL DEFAULT '',
    total             INTEGER NOT NULL DEFAULT 0,
    document          TEXT    NOT NULL,          -- what went to the browser (audit)
    created_at        INTEGER NOT NULL
);
CREATE INDEX cart_transfer_session ON cart_transfer (session_id);

CREATE TABLE transferred_line (
    transfer_id          INTEGER NOT NULL REFERENCES cart_transfer (id) ON DELETE CASCADE,
    buyer_id             INTEGER NOT NULL,
    token                TEXT    NOT NULL,
    sku                  TEXT    NOT NULL,
    quantity             INTEGER NOT NULL,
    unit_price           INTEGER NOT NULL,
    currency             TEXT    NOT NULL,
    price_basis_quantity INTEGER NOT NULL DEFAULT 10000,
    uom                  TEXT    NOT NULL,       -- ours (UN/CEFACT)
    uom_sent             TEXT    NOT NULL,       -- what the buyer got (unit map applied)
    description          TEXT    NOT NULL,       -- as sent
    PRIMARY KEY (transfer_id, token)
) WITHOUT ROWID;
-- Orders find the cart line they came from by the buyer and our token.
CREATE INDEX transferred_line_token ON transferred_line (buyer_id, token);
