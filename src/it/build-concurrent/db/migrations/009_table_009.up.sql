CREATE TABLE t009 (id BIGINT PRIMARY KEY, name TEXT);
CREATE INDEX idx_t009_name ON t009 (name);
INSERT INTO applied_log (version) VALUES ('009');
