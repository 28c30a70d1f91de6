-- punchout: foreign-keys-off
-- Real buyer systems, round two. The first line asks the migration runner to switch
-- foreign keys off around this step (SQLite's documented way to rebuild a table that
-- others reference: with them on, dropping purchase_order would cascade into every child);
-- it checks PRAGMA foreign_key_check before committing.

-- A payloadID is a replay only when it carries the same document: the fingerprint is the
-- SHA-256 of the request as we read it (gateway/service/order_fingerprint.hpp). Records
-- from before this step have '' and are matched by payloadID alone, as they were.
CREATE TABLE inbound_document_next (
    buyer_id      INTEGER NOT NULL REFERENCES buyer (id) ON DELETE CASCADE,
    payload_id    TEXT    NOT NULL,
    fingerprint   TEXT    NOT NULL DEFAULT '',
    document_type TEXT    NOT NULL,
    status_code   INTEGER NOT NULL,
    response      TEXT    NOT NULL,
    order_pk      INTEGER,
    received_at   INTEGER NOT NULL,
    PRIMARY KEY (buyer_id, payload_id, fingerprint)
) WITHOUT ROWID;
INSERT INTO inbound_document_next (buyer_id, payload_id, fingerprint, document_type,
                                   status_code, response, order_pk, received_at)
    SELECT buyer_id, payload_id, '', document_type, status_code, response, order_pk, received_at
    FROM inbound_document;
DROP TABLE inbound_document;
ALTER TABLE inbound_document_next RENAME TO inbound_document;

-- Test realms restart their numbering: an orderID is unique per buyer and deployment mode.
-- ControlKeys say which documents the buyer takes about the order ('' = not stated).
CREATE TABLE purchase_order_next (
    id              INTEGER PRIMARY KEY,
    buyer_id        INTEGER NOT NULL REFERENCES buyer (id) ON DELETE CASCADE,
    order_id        TEXT    NOT NULL,
    version         INTEGER NOT NULL DEFAULT 1,
    order_version   TEXT    NOT NULL DEFAULT '',
    order_type      TEXT    NOT NULL DEFAULT '',
    order_date      TEXT    NOT NULL DEFAULT '',
    status          TEXT    NOT NULL DEFAULT 'received',
    currency        TEXT    NOT NULL,
    total           INTEGER NOT NULL,
    subtotal        INTEGER NOT NULL,
    tax             INTEGER NOT NULL DEFAULT 0,   -- header and line tax
    shipping        INTEGER NOT NULL DEFAULT 0,   -- header and line shipping
    deployment_mode TEXT    NOT NULL DEFAULT 'production',
    payload_id      TEXT    NOT NULL,
    ship_to         TEXT    NOT NULL DEFAULT '',
    document        TEXT    NOT NULL,
    difference_count INTEGER NOT NULL DEFAULT 0,
    received_at     INTEGER NOT NULL,
    updated_at      INTEGER NOT NULL,
    confirmation_rule TEXT  NOT NULL DEFAULT '',  -- OCInstruction: allowed, notAllowed, requiredBeforeASN
    ship_notice_rule  TEXT  NOT NULL DEFAULT '',  -- ASNInstruction: allowed, notAllowed
    UNIQUE (buyer_id, deployment_mode, order_id)
);
INSERT INTO purchase_order_next (id, buyer_id, order_id, version, order_version, order_type,
                                 order_date, status, currency, total, subtotal, tax, shipping,
                                 deployment_mode, payload_id, ship_to, document,
                                 difference_count, received_at, updated_at)
    SELECT id, buyer_id, order_id, version, order_version, order_type, order_date, status,
           currency, total, subtotal, tax, shipping, deployment_mode, payload_id, ship_to,
           document, difference_count, received_at, updated_at
    FROM purchase_order;
DROP TABLE purchase_order;
ALTER TABLE purchase_order_next RENAME TO purchase_order;
CREATE INDEX purchase_order_status ON purchase_order (status, received_at);
CREATE INDEX purchase_order_received ON purchase_order (received_at);

-- Lines as buyers send them: line-level tax and shipping, returns (counted negative in the
-- total), and free-form lines that name no product of ours (flagged for review).
ALTER TABLE order_line ADD COLUMN tax INTEGER NOT NULL DEFAULT 0;
ALTER TABLE order_line ADD COLUMN shipping INTEGER NOT NULL DEFAULT 0;
ALTER TABLE order_line ADD COLUMN is_return INTEGER NOT NULL DEFAULT 0;
ALTER TABLE order_line ADD COLUMN non_catalog INTEGER NOT NULL DEFAULT 0;

-- The files that came with an order version (a multipart/related OrderRequest), byte-exact.
CREATE TABLE order_attachment (
    order_pk     INTEGER NOT NULL REFERENCES purchase_order (id) ON DELETE CASCADE,
    version      INTEGER NOT NULL,
    content_id   TEXT    NOT NULL,               -- without angle brackets
    content_type TEXT    NOT NULL,
    filename     TEXT    NOT NULL DEFAULT '',
    size         INTEGER NOT NULL,
    sha256       TEXT    NOT NULL,               -- hex, of the decoded bytes
    content      BLOB    NOT NULL,
    PRIMARY KEY (order_pk, version, content_id)
) WITHOUT ROWID;

-- Identities compare as the networks do (catalog/credential.hpp identity_key): network ids
-- without case, DUNS by its digits, others exactly. The key is written with every
-- credential; these statements give existing rows the same key.
ALTER TABLE buyer_credential ADD COLUMN identity_key TEXT NOT NULL DEFAULT '';
ALTER TABLE sender ADD COLUMN identity_key TEXT NOT NULL DEFAULT '';
UPDATE buyer_credential SET identity_key = CASE
    WHEN lower(trim(domain)) IN ('networkid', 'networkuserid', 'aribanetworkuserid',
                                 'aribanetworkid') THEN lower(trim(identity))
    WHEN lower(trim(domain)) IN ('duns', 'duns+4')
         AND replace(replace(replace(trim(identity), '-', ''), ' ', ''), '.', '') <> ''
        THEN replace(replace(replace(trim(identity), '-', ''), ' ', ''), '.', '')
    ELSE trim(identity) END;
UPDATE sender SET identity_key = CASE
    WHEN lower(trim(domain)) IN ('networkid', 'networkuserid', 'aribanetworkuserid',
                                 'aribanetworkid') THEN lower(trim(identity))
    WHEN lower(trim(domain)) IN ('duns', 'duns+4')
         AND replace(replace(replace(trim(identity), '-', ''), ' ', ''), '.', '') <> ''
        THEN replace(replace(replace(trim(identity), '-', ''), ' ', ''), '.', '')
    ELSE trim(identity) END;
CREATE INDEX buyer_credential_key ON buyer_credential (domain, identity_key);
CREATE INDEX sender_key ON sender (domain, identity_key);

-- Per-buyer outbound identity: Ariba wants the supplier's ANID (its -T twin on test
-- documents) with the Ariba secret; each Coupa customer configures its own supplier
-- identity and secret. '' falls back to the gateway's [supplier] settings. The secret is
-- sent, so it is kept in clear (the file is created 0600), like the CredentialMac key.
ALTER TABLE buyer ADD COLUMN outbound_domain TEXT NOT NULL DEFAULT '';
ALTER TABLE buyer ADD COLUMN outbound_identity TEXT NOT NULL DEFAULT '';
ALTER TABLE buyer ADD COLUMN outbound_test_identity TEXT NOT NULL DEFAULT '';
ALTER TABLE buyer ADD COLUMN outbound_secret TEXT NOT NULL DEFAULT '';

-- Rotating an inbound shared secret with overlap: the old hash stays valid beside the new
-- one until the admin retires it ('' = none).
ALTER TABLE sender ADD COLUMN previous_secret_hash TEXT NOT NULL DEFAULT '';

-- The OCI field that carries the return URL, as the buyer's SAP system names it
-- ('' = HOOK_URL). OCI parameter names match without regard to case.
ALTER TABLE buyer ADD COLUMN oci_hook_field TEXT NOT NULL DEFAULT '';

-- Certificate authentication: a sender may require the TLS client certificate with this
-- SHA-256 fingerprint (lower-case hex, '' = none); with it, no SharedSecret is needed.
ALTER TABLE sender ADD COLUMN client_certificate_sha256 TEXT NOT NULL DEFAULT '';
