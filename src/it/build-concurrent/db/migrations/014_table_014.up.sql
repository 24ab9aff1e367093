CREATE TABLE t014 (id BIGINT PRIMARY KEY, name TEXT);
CREATE INDEX idx_t014_name ON t014 (name);
INSERT INTO applied_log (version) VALUES ('014');
