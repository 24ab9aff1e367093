CREATE TABLE t027 (id BIGINT PRIMARY KEY, name TEXT);
CREATE INDEX idx_t027_name ON t027 (name);
INSERT INTO applied_log (version) VALUES ('027');
