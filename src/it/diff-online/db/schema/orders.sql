CREATE TABLE customers (id bigint PRIMARY KEY, email text);
CREATE TABLE orders (
    id bigint PRIMARY KEY,
    customer_id bigint CONSTRAINT orders_customer_fk REFERENCES customers (id),
    code text CONSTRAINT orders_code_key UNIQUE,
    status text NOT NULL,
    amount numeric CONSTRAINT orders_amount_check CHECK (amount >= 0)
);
CREATE INDEX orders_customer_idx ON orders (customer_id);
