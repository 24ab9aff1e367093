CREATE TABLE t002 (id BIGINT PRIMARY KEY, name TEXT);
CREATE INDEX idx_t002_name ON t002 (name);
INSERT INTO applied_log (version) VALUES ('002');
