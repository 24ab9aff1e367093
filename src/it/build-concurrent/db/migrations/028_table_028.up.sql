CREATE TABLE t028 (id BIGINT PRIMARY KEY, name TEXT);
CREATE INDEX idx_t028_name ON t028 (name);
INSERT INTO applied_log (version) VALUES ('028');
