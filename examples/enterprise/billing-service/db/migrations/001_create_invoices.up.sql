CREATE TYPE invoice_status AS ENUM ('draft', 'issued', 'paid');

CREATE TABLE invoices (
    id           bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    order_ref    text           NOT NULL,
    status       invoice_status NOT NULL DEFAULT 'draft',
    amount_cents bigint         NOT NULL CHECK (amount_cents >= 0)
);
