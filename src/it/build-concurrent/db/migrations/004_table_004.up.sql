CREATE TABLE t004 (id BIGINT PRIMARY KEY, name TEXT);
CREATE INDEX idx_t004_name ON t004 (name);
INSERT INTO applied_log (version) VALUES ('004');
