INSERT INTO public.cb_log (what, setting, env) VALUES ('afterMigrate', current_setting('statement_timeout'), '${confiture:env}');
