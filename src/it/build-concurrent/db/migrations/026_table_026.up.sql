CREATE TABLE t026 (id BIGINT PRIMARY KEY, name TEXT);
CREATE INDEX idx_t026_name ON t026 (name);
INSERT INTO applied_log (version) VALUES ('026');
