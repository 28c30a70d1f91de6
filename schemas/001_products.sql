-- Products and the category tree they sit in.
-- Money is INTEGER in 1/10,000 of the currency unit; quantities likewise (10000 = 1);
-- times are INTEGER unix seconds, UTC. Optional text is '' rather than NULL.

CREATE TABLE category (
    id        INTEGER PRIMARY KEY,
    parent_id INTEGER REFERENCES category (id),
    name      TEXT NOT NULL,
    -- Names from the root joined by ' > ', e.g. 'Tools > Power tools > Drills'. A subtree
    -- is the path itself plus the range [path || ' > ', path || ' ?').
    path      TEXT NOT NULL UNIQUE
);
CREATE INDEX category_parent ON category (parent_id);

CREATE TABLE product (
    id                   INTEGER PRIMARY KEY,
    sku                  TEXT    NOT NULL UNIQUE,   -- cXML SupplierPartID
    description          TEXT    NOT NULL,
    short_name           TEXT    NOT NULL DEFAULT '',
    long_description     TEXT    NOT NULL DEFAULT '',
    unspsc               TEXT    NOT NULL CHECK (length(unspsc) = 8 AND unspsc NOT GLOB '*[^0-9]*'),
    uom                  TEXT    NOT NULL,          -- UN/CEFACT Rec. 20 code, e.g. EA, PK, MTR
    price_basis_quantity INTEGER NOT NULL DEFAULT 10000 CHECK (price_basis_quantity > 0),
    list_price           INTEGER NOT NULL CHECK (list_price >= 0),
    currency             TEXT    NOT NULL CHECK (length(currency) = 3),
    manufacturer         TEXT    NOT NULL DEFAULT '',
    manufacturer_part    TEXT    NOT NULL DEFAULT '',
    lead_time_days       INTEGER CHECK (lead_time_days >= 0),  -- NULL: not known
    category_id          INTEGER REFERENCES category (id),
    image_url            TEXT    NOT NULL DEFAULT '',
    datasheet_url        TEXT    NOT NULL DEFAULT '',
    -- The spec table: a JSON object of name -> value (both strings), in file order.
    attributes           TEXT    NOT NULL DEFAULT '{}',
    created_at           INTEGER NOT NULL,
    updated_at           INTEGER NOT NULL
);
CREATE INDEX product_category ON product (category_id);
