ALTER TABLE public."users" ADD COLUMN IF NOT EXISTS bio varchar(500);
