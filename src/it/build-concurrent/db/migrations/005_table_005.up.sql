CREATE TABLE t005 (id BIGINT PRIMARY KEY, name TEXT);
CREATE INDEX idx_t005_name ON t005 (name);
INSERT INTO applied_log (version) VALUES ('005');
