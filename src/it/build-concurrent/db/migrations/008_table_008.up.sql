CREATE TABLE t008 (id BIGINT PRIMARY KEY, name TEXT);
CREATE INDEX idx_t008_name ON t008 (name);
INSERT INTO applied_log (version) VALUES ('008');
