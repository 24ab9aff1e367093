CREATE TABLE IF NOT EXISTS public.cb_log (seq serial, what text, setting text, env text);
