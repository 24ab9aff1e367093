CREATE TABLE t024 (id BIGINT PRIMARY KEY, name TEXT);
CREATE INDEX idx_t024_name ON t024 (name);
INSERT INTO applied_log (version) VALUES ('024');
