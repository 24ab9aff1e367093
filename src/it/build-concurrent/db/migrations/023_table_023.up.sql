CREATE TABLE t023 (id BIGINT PRIMARY KEY, name TEXT);
CREATE INDEX idx_t023_name ON t023 (name);
INSERT INTO applied_log (version) VALUES ('023');
