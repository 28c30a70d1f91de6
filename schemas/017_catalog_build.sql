-- A large catalog import builds the next catalog beside the serving one (`product_next`,
-- `product_fts_next`) in short transactions and swaps it in with one more
-- (catalog/README-import-swap.md). This row says a build is under way, so writers that
-- change products meanwhile (API product and list-price batches, small imports, deletes)
-- are refused instead of being lost at the swap. A build that stops refreshing
-- `heartbeat_at` (its process died) counts as abandoned after a minute; the next import
-- removes what it left.
CREATE TABLE catalog_build (
    id           INTEGER PRIMARY KEY CHECK (id = 1),  -- at most one build at a time
    token        TEXT    NOT NULL,                    -- which process owns it
    source       TEXT    NOT NULL,                    -- the file being imported
    -- building: the next catalog is being written, product writers are refused;
    -- clearing: swapped in, the old tables are being emptied (writers go ahead).
    phase        TEXT    NOT NULL CHECK (phase IN ('building', 'clearing')),
    started_at   INTEGER NOT NULL,
    heartbeat_at INTEGER NOT NULL
);
