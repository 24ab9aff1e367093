CREATE TABLE t013 (id BIGINT PRIMARY KEY, name TEXT);
CREATE INDEX idx_t013_name ON t013 (name);
INSERT INTO applied_log (version) VALUES ('013');
