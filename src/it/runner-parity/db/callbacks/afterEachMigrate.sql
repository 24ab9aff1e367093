INSERT INTO public.cb_log (what, setting, env) VALUES ('afterEach', current_setting('lock_timeout'), '${confiture:env}');
