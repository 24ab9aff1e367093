CREATE TABLE archive_probe (id bigint PRIMARY KEY, note text);
