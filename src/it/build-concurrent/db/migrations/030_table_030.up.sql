CREATE TABLE t030 (id BIGINT PRIMARY KEY, name TEXT);
CREATE INDEX idx_t030_name ON t030 (name);
INSERT INTO applied_log (version) VALUES ('030');
