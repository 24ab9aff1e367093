ALTER TABLE invoices ADD COLUMN issued_at timestamptz;
CREATE INDEX CONCURRENTLY invoices_open_idx ON invoices (status) WHERE status <> 'paid';
