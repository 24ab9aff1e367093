CREATE TABLE t007 (id BIGINT PRIMARY KEY, name TEXT);
CREATE INDEX idx_t007_name ON t007 (name);
INSERT INTO applied_log (version) VALUES ('007');
