-- A buyer's catalog view: the categories (with their subtrees) and pre-approved SKUs it may
-- see. A buyer with neither sees everything. Both are stored as text, not ids, so a view
-- survives a full catalog reload that removes and re-adds products or categories.

CREATE TABLE buyer_view_category (
    buyer_id INTEGER NOT NULL REFERENCES buyer (id) ON DELETE CASCADE,
    path     TEXT    NOT NULL,
    PRIMARY KEY (buyer_id, path)
) WITHOUT ROWID;

CREATE TABLE buyer_view_sku (
    buyer_id INTEGER NOT NULL REFERENCES buyer (id) ON DELETE CASCADE,
    sku      TEXT    NOT NULL,
    PRIMARY KEY (buyer_id, sku)
) WITHOUT ROWID;
