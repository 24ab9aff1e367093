CREATE TABLE orders (id bigint PRIMARY KEY, customer text, total numeric(10,2));
