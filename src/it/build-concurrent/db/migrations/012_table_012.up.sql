CREATE TABLE t012 (id BIGINT PRIMARY KEY, name TEXT);
CREATE INDEX idx_t012_name ON t012 (name);
INSERT INTO applied_log (version) VALUES ('012');
