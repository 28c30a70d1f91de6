-- Which HTTP status carries a cXML answer to the buyer's requests: 'cxml' (HTTP 200 with
-- the cXML Status, as the specification, SAP Ariba and Coupa want) or 'mirror' (a refusal
-- also as HTTP 4xx or 5xx, for platforms that read only the HTTP status, such as
-- BuyerQuest). `punchoutctl buyer set --http-status` takes the names.
ALTER TABLE buyer ADD COLUMN http_status TEXT NOT NULL DEFAULT 'cxml'
    CHECK (http_status IN ('cxml', 'mirror'));
