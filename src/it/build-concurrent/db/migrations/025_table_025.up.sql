CREATE TABLE t025 (id BIGINT PRIMARY KEY, name TEXT);
CREATE INDEX idx_t025_name ON t025 (name);
INSERT INTO applied_log (version) VALUES ('025');
