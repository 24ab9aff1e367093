-- A repeatable migration: applied after the versioned ones, again whenever this file changes.
CREATE OR REPLACE VIEW user_bios AS SELECT id, bio FROM users;
