CREATE TABLE t017 (id BIGINT PRIMARY KEY, name TEXT);
CREATE INDEX idx_t017_name ON t017 (name);
INSERT INTO applied_log (version) VALUES ('017');
