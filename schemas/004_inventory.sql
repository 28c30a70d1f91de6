-- Stock per SKU per warehouse, each row with the time it was last reported.

CREATE TABLE inventory (
    product_id INTEGER NOT NULL REFERENCES product (id) ON DELETE CASCADE,
    warehouse  TEXT    NOT NULL,
    quantity   INTEGER NOT NULL CHECK (quantity >= 0),  -- 1/10,000 units
    updated_at INTEGER NOT NULL,
    PRIMARY KEY (product_id, warehouse)
) WITHOUT ROWID;
