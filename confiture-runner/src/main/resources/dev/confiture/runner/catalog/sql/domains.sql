-- Domains; collation only when it differs from the base type's own.
SELECT t.oid, n.nspname AS schema, t.typname AS name, format_type(t.typbasetype, t.typtypmod) AS base_type,
       (SELECT quote_ident(cn.nspname) || '.' || quote_ident(co.collname) FROM pg_collation co
         JOIN pg_namespace cn ON cn.oid = co.collnamespace
         WHERE co.oid = t.typcollation AND t.typcollation <> 0 AND t.typcollation <> bt.typcollation) AS collation,
       t.typdefault AS default_expression, t.typnotnull AS not_null, pg_get_userbyid(t.typowner) AS owner
FROM pg_type t JOIN pg_namespace n ON n.oid = t.typnamespace
JOIN pg_type bt ON bt.oid = t.typbasetype
WHERE t.typtype = 'd' AND ${USER_NAMESPACE}
  AND NOT EXISTS (SELECT 1 FROM pg_depend xd WHERE xd.classid = 'pg_type'::regclass AND xd.objid = t.oid AND xd.deptype = 'e')
