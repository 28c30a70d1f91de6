-- Full-text search over products (FTS5, external content: the text lives in `product` only).
-- Triggers keep the index in step with every insert, update and delete; an update that
-- touches no indexed column (a price change) leaves the index alone.

CREATE VIRTUAL TABLE product_fts USING fts5 (
    sku, description, short_name, long_description, manufacturer, manufacturer_part, attributes,
    content = 'product', content_rowid = 'id',
    tokenize = 'unicode61 remove_diacritics 2'
);

CREATE TRIGGER product_fts_insert AFTER INSERT ON product BEGIN
    INSERT INTO product_fts (rowid, sku, description, short_name, long_description,
                             manufacturer, manufacturer_part, attributes)
    VALUES (new.id, new.sku, new.description, new.short_name, new.long_description,
            new.manufacturer, new.manufacturer_part, new.attributes);
END;

CREATE TRIGGER product_fts_delete AFTER DELETE ON product BEGIN
    INSERT INTO product_fts (product_fts, rowid, sku, description, short_name, long_description,
                             manufacturer, manufacturer_part, attributes)
    VALUES ('delete', old.id, old.sku, old.description, old.short_name, old.long_description,
            old.manufacturer, old.manufacturer_part, old.attributes);
END;

CREATE TRIGGER product_fts_update
AFTER UPDATE OF sku, description, short_name, long_description, manufacturer,
                manufacturer_part, attributes ON product BEGIN
    INSERT INTO product_fts (product_fts, rowid, sku, description, short_name, long_description,
                             manufacturer, manufacturer_part, attributes)
    VALUES ('delete', old.id, old.sku, old.description, old.short_name, old.long_description,
            old.manufacturer, old.manufacturer_part, old.attributes);
    INSERT INTO product_fts (rowid, sku, description, short_name, long_description,
                             manufacturer, manufacturer_part, attributes)
    VALUES (new.id, new.sku, new.description, new.short_name, new.long_description,
            new.manufacturer, new.manufacturer_part, new.attributes);
END;

-- FTS5 buffers new index entries in memory and writes a segment each time the buffer
-- fills. With the default 1 MB a million-product import leaves hundreds of small segments
-- and searches on common words run several times slower until they are merged; with 32 MB
-- (per writing transaction, at most) the segments come out few and large.
INSERT INTO product_fts (product_fts, rank) VALUES ('hashsize', 33554432);

-- Products that existed before this migration.
INSERT INTO product_fts (product_fts) VALUES ('rebuild');
