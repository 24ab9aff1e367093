-- edited after it was applied: the column already exists where it ran
ALTER TABLE users ADD COLUMN IF NOT EXISTS bio text;
