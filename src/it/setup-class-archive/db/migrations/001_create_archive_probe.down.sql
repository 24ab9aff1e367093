DROP TABLE archive_probe;
