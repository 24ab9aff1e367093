CREATE TYPE invoice_status AS ENUM ('draft', 'issued', 'paid');
