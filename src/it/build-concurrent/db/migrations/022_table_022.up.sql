CREATE TABLE t022 (id BIGINT PRIMARY KEY, name TEXT);
CREATE INDEX idx_t022_name ON t022 (name);
INSERT INTO applied_log (version) VALUES ('022');
