-- Buyers (organisations we sell to) and senders (who may authenticate a post).
-- `code` is the admin's identifier (`punchoutctl buyer add acme`); `id` is internal.

CREATE TABLE buyer (
    id                INTEGER PRIMARY KEY,
    code              TEXT    NOT NULL UNIQUE,
    name              TEXT    NOT NULL,
    enabled           INTEGER NOT NULL DEFAULT 1 CHECK (enabled IN (0, 1)),
    default_currency  TEXT    NOT NULL CHECK (length(default_currency) = 3),
    cxml_version      TEXT    NOT NULL DEFAULT '1.2.071',
    cart_transport    TEXT    NOT NULL DEFAULT 'cxml-base64'
                      CHECK (cart_transport IN ('cxml-base64', 'cxml-urlencoded', 'oci')),
    order_policy      TEXT    NOT NULL DEFAULT 'accept-and-flag'
                      CHECK (order_policy IN ('accept-and-flag', 'reject')),
    document_url      TEXT    NOT NULL DEFAULT '',  -- where confirmations etc. are posted
    oci_username      TEXT    UNIQUE,               -- NULL: no OCI login
    oci_password_hash TEXT,                         -- 'pbkdf2-sha256$iterations$salt$hash'
    created_at        INTEGER NOT NULL,
    updated_at        INTEGER NOT NULL
);

-- From credentials naming the buyer. Domains compare case-insensitively, identities exactly.
-- A rowid table: the rowid keeps the admin's order (the first credential is the main one).
CREATE TABLE buyer_credential (
    buyer_id INTEGER NOT NULL REFERENCES buyer (id) ON DELETE CASCADE,
    domain   TEXT    NOT NULL COLLATE NOCASE,
    identity TEXT    NOT NULL,
    UNIQUE (domain, identity)
);
CREATE INDEX buyer_credential_buyer ON buyer_credential (buyer_id);

-- Our UN/CEFACT unit code -> the code the buyer's system wants (EA -> ST for SAP SRM).
CREATE TABLE buyer_unit_map (
    buyer_id   INTEGER NOT NULL REFERENCES buyer (id) ON DELETE CASCADE,
    our_code   TEXT    NOT NULL,
    their_code TEXT    NOT NULL,
    PRIMARY KEY (buyer_id, our_code)
) WITHOUT ROWID;

-- Origins allowed to frame the storefront (CSP frame-ancestors), e.g. https://s1.ariba.com.
CREATE TABLE buyer_frame_origin (
    buyer_id INTEGER NOT NULL REFERENCES buyer (id) ON DELETE CASCADE,
    origin   TEXT    NOT NULL,
    PRIMARY KEY (buyer_id, origin)
) WITHOUT ROWID;

-- Hosts BrowserFormPost / HOOK_URL may point at; none listed: any http(s) URL.
CREATE TABLE buyer_postback_host (
    buyer_id INTEGER NOT NULL REFERENCES buyer (id) ON DELETE CASCADE,
    host     TEXT    NOT NULL COLLATE NOCASE,
    PRIMARY KEY (buyer_id, host)
) WITHOUT ROWID;

CREATE TABLE sender (
    id          INTEGER PRIMARY KEY,
    code        TEXT    NOT NULL UNIQUE,
    domain      TEXT    NOT NULL COLLATE NOCASE,
    identity    TEXT    NOT NULL,
    secret_hash TEXT    NOT NULL,  -- 'sha256$salt$hash', never the secret itself
    mac_key     TEXT,              -- CredentialMac key, in clear (the MAC needs it)
    any_buyer   INTEGER NOT NULL DEFAULT 0 CHECK (any_buyer IN (0, 1)),
    enabled     INTEGER NOT NULL DEFAULT 1 CHECK (enabled IN (0, 1)),
    created_at  INTEGER NOT NULL,
    updated_at  INTEGER NOT NULL,
    UNIQUE (domain, identity)
);

-- The buyers a sender may act for (ignored when any_buyer = 1).
CREATE TABLE sender_buyer (
    sender_id INTEGER NOT NULL REFERENCES sender (id) ON DELETE CASCADE,
    buyer_id  INTEGER NOT NULL REFERENCES buyer (id) ON DELETE CASCADE,
    PRIMARY KEY (sender_id, buyer_id)
) WITHOUT ROWID;
CREATE INDEX sender_buyer_buyer ON sender_buyer (buyer_id);
