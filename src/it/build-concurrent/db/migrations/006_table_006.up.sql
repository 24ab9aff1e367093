CREATE TABLE t006 (id BIGINT PRIMARY KEY, name TEXT);
CREATE INDEX idx_t006_name ON t006 (name);
INSERT INTO applied_log (version) VALUES ('006');
