-- Installed extensions; plpgsql comes with every database (template1), so it is not part of anyone's schema.
SELECT e.extname AS name, n.nspname AS schema, e.extversion AS version
FROM pg_extension e JOIN pg_namespace n ON n.oid = e.extnamespace
WHERE e.extname <> 'plpgsql'
