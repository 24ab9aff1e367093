CREATE TABLE t019 (id BIGINT PRIMARY KEY, name TEXT);
CREATE INDEX idx_t019_name ON t019 (name);
INSERT INTO applied_log (version) VALUES ('019');
