CREATE TABLE customers (id bigint PRIMARY KEY, email text);
CREATE TABLE orders (id bigint PRIMARY KEY, customer_id bigint, code text, status text, amount numeric);
INSERT INTO customers SELECT g, 'c' || g || '@example.com' FROM generate_series(1, 10) g;
INSERT INTO orders SELECT g, 1 + g % 10, 'o' || g, 'new', g FROM generate_series(1, 1000) g;
