CREATE TABLE t021 (id BIGINT PRIMARY KEY, name TEXT);
CREATE INDEX idx_t021_name ON t021 (name);
INSERT INTO applied_log (version) VALUES ('021');
