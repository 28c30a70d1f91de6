-- The answers to integration API write batches, by the client's Idempotency-Key: a batch
-- sent again with the same key and the same bytes gets the stored answer and is not applied
-- twice; the same key with other bytes is refused. Written in the batch's own transaction,
-- so a batch and its answer are stored together or not at all. Kept for a day.
CREATE TABLE api_idempotency (
    client_id    INTEGER NOT NULL REFERENCES api_client (id) ON DELETE CASCADE,
    key          TEXT    NOT NULL,
    request_hash TEXT    NOT NULL,  -- SHA-256 (hex) of the method, the path and the body
    status       INTEGER NOT NULL,  -- the HTTP status answered
    body         TEXT    NOT NULL,  -- the answer's JSON
    created_at   INTEGER NOT NULL,
    PRIMARY KEY (client_id, key)
) WITHOUT ROWID;
CREATE INDEX api_idempotency_created ON api_idempotency (created_at);
