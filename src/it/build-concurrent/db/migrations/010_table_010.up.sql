CREATE TABLE t010 (id BIGINT PRIMARY KEY, name TEXT);
CREATE INDEX idx_t010_name ON t010 (name);
INSERT INTO applied_log (version) VALUES ('010');
