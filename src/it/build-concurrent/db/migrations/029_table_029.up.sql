CREATE TABLE t029 (id BIGINT PRIMARY KEY, name TEXT);
CREATE INDEX idx_t029_name ON t029 (name);
INSERT INTO applied_log (version) VALUES ('029');
