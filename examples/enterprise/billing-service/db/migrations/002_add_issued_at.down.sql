DROP INDEX invoices_open_idx;
ALTER TABLE invoices DROP COLUMN issued_at;
