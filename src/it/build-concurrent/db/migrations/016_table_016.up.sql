CREATE TABLE t016 (id BIGINT PRIMARY KEY, name TEXT);
CREATE INDEX idx_t016_name ON t016 (name);
INSERT INTO applied_log (version) VALUES ('016');
