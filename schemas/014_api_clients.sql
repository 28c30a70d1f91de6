-- Clients of the integration API (/api/v1/): the supplier's ERP, warehouse or PIM system.
-- A client presents "Authorization: Bearer pgw.<token_id>.<secret>": token_id finds the
-- row, the whole token is checked against token_hash ('sha256$salt$hash'); the token
-- itself is shown once, when it is made, and never stored.
CREATE TABLE api_client (
    id         INTEGER PRIMARY KEY,
    code       TEXT    NOT NULL UNIQUE,   -- the admin's name (`punchoutctl api-client add erp`)
    scopes     TEXT    NOT NULL,          -- comma-separated: stock,prices,catalog,orders,fulfilment
    enabled    INTEGER NOT NULL DEFAULT 1 CHECK (enabled IN (0, 1)),
    token_id   TEXT    NOT NULL UNIQUE,
    token_hash TEXT    NOT NULL,
    rate_limit INTEGER NOT NULL DEFAULT 100 CHECK (rate_limit > 0),  -- requests per second
    created_at INTEGER NOT NULL,
    updated_at INTEGER NOT NULL,
    rotated_at INTEGER                    -- when the token was last replaced (NULL: never)
);
