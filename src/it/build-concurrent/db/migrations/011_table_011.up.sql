CREATE TABLE t011 (id BIGINT PRIMARY KEY, name TEXT);
CREATE INDEX idx_t011_name ON t011 (name);
INSERT INTO applied_log (version) VALUES ('011');
