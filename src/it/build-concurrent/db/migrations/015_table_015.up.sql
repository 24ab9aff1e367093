CREATE TABLE t015 (id BIGINT PRIMARY KEY, name TEXT);
CREATE INDEX idx_t015_name ON t015 (name);
INSERT INTO applied_log (version) VALUES ('015');
