CREATE TABLE t020 (id BIGINT PRIMARY KEY, name TEXT);
CREATE INDEX idx_t020_name ON t020 (name);
INSERT INTO applied_log (version) VALUES ('020');
