-- Enum types with their labels in sort order.
SELECT t.oid, n.nspname AS schema, t.typname AS name, pg_get_userbyid(t.typowner) AS owner,
       ARRAY(SELECT e.enumlabel FROM pg_enum e WHERE e.enumtypid = t.oid ORDER BY e.enumsortorder) AS labels
FROM pg_type t JOIN pg_namespace n ON n.oid = t.typnamespace
WHERE t.typtype = 'e' AND ${USER_NAMESPACE}
  AND NOT EXISTS (SELECT 1 FROM pg_depend xd WHERE xd.classid = 'pg_type'::regclass AND xd.objid = t.oid AND xd.deptype = 'e')
