-- Buyer-specific contract prices with quantity tiers and half-open validity [from, to).
-- Precedence is implemented in catalog/price.cpp and documented in catalog/README.md.

CREATE TABLE contract_price (
    id         INTEGER PRIMARY KEY,
    buyer_id   INTEGER NOT NULL REFERENCES buyer (id) ON DELETE CASCADE,
    product_id INTEGER NOT NULL REFERENCES product (id) ON DELETE CASCADE,
    price      INTEGER NOT NULL CHECK (price >= 0),
    currency   TEXT    NOT NULL CHECK (length(currency) = 3),
    min_qty    INTEGER NOT NULL DEFAULT 10000 CHECK (min_qty > 0),
    valid_from INTEGER,  -- NULL: since ever
    valid_to   INTEGER,  -- NULL: no end; exclusive
    created_at INTEGER NOT NULL,
    CHECK (valid_from IS NULL OR valid_to IS NULL OR valid_from < valid_to)
);
CREATE INDEX contract_price_lookup ON contract_price (buyer_id, product_id, min_qty);
-- Deleting a product cascades here; without this index each delete scans the table.
CREATE INDEX contract_price_product ON contract_price (product_id);
