-- User schemas (not system, not owned by an extension).
SELECT n.oid, n.nspname AS name, pg_get_userbyid(n.nspowner) AS owner
FROM pg_namespace n
WHERE ${USER_NAMESPACE}
  AND NOT EXISTS (SELECT 1 FROM pg_depend xd WHERE xd.classid = 'pg_namespace'::regclass AND xd.objid = n.oid AND xd.deptype = 'e')
