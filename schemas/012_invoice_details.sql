-- Invoices Coupa and Ariba accept: tax per line, credit memos against an invoice, and the
-- cancellation of an invoice (InvoiceDetailRequest operation="delete"). Enough is stored to
-- write each document again. Credit memos are invoice rows with positive amounts and
-- quantities; the document writes them negative, as cXML wants.
ALTER TABLE invoice ADD COLUMN purpose TEXT NOT NULL DEFAULT 'standard'
    CHECK (purpose IN ('standard', 'creditMemo', 'lineLevelCreditMemo'));
-- The invoice a credit memo credits (NULL for invoices).
ALTER TABLE invoice ADD COLUMN credits_invoice_pk INTEGER
    REFERENCES invoice (id) ON DELETE CASCADE;
-- 1: tax rounded and written per line (isTaxInLine); 0: once, on the total.
ALTER TABLE invoice ADD COLUMN tax_in_line INTEGER NOT NULL DEFAULT 0
    CHECK (tax_in_line IN (0, 1));
ALTER TABLE invoice ADD COLUMN reason TEXT NOT NULL DEFAULT '';       -- a credit memo's
-- payloadID of the document that sent it ('' when recorded without one): a cancellation
-- names it as DocumentReference.
ALTER TABLE invoice ADD COLUMN payload_id TEXT NOT NULL DEFAULT '';
ALTER TABLE invoice ADD COLUMN cancelled_at INTEGER;                  -- unix seconds, or NULL
CREATE INDEX invoice_credits ON invoice (credits_invoice_pk)
    WHERE credits_invoice_pk IS NOT NULL;

-- The line's tax when the invoice has tax in line (0 otherwise).
ALTER TABLE invoice_line ADD COLUMN tax INTEGER NOT NULL DEFAULT 0;
