CREATE TABLE t003 (id BIGINT PRIMARY KEY, name TEXT);
CREATE INDEX idx_t003_name ON t003 (name);
INSERT INTO applied_log (version) VALUES ('003');
