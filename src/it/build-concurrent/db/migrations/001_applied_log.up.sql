CREATE TABLE applied_log (version TEXT NOT NULL, pid INT NOT NULL DEFAULT pg_backend_pid());
