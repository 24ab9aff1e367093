CREATE TABLE t018 (id BIGINT PRIMARY KEY, name TEXT);
CREATE INDEX idx_t018_name ON t018 (name);
INSERT INTO applied_log (version) VALUES ('018');
