CREATE TABLE invoices (
    id           bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    order_ref    text           NOT NULL,
    status       invoice_status NOT NULL DEFAULT 'draft',
    amount_cents bigint         NOT NULL CHECK (amount_cents >= 0),
    issued_at    timestamptz
);

CREATE INDEX invoices_open_idx ON invoices (status) WHERE status <> 'paid';
