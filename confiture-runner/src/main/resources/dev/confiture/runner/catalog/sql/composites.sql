-- Composite types, one row per attribute (one row with a null attribute for a type without any).
-- collation: only when it differs from the attribute type's own.
SELECT t.oid, n.nspname AS schema, t.typname AS name, pg_get_userbyid(t.typowner) AS owner, a.attname AS attribute,
       format_type(a.atttypid, a.atttypmod) AS type,
       (SELECT quote_ident(cn.nspname) || '.' || quote_ident(co.collname) FROM pg_collation co
         JOIN pg_namespace cn ON cn.oid = co.collnamespace
         WHERE co.oid = a.attcollation AND a.attcollation <> 0 AND a.attcollation <> at.typcollation) AS collation
FROM pg_type t JOIN pg_namespace n ON n.oid = t.typnamespace
JOIN pg_class cl ON cl.oid = t.typrelid AND cl.relkind = 'c'
LEFT JOIN pg_attribute a ON a.attrelid = cl.oid AND a.attnum > 0 AND NOT a.attisdropped
LEFT JOIN pg_type at ON at.oid = a.atttypid
WHERE t.typtype = 'c' AND ${USER_NAMESPACE}
  AND NOT EXISTS (SELECT 1 FROM pg_depend xd WHERE xd.classid = 'pg_type'::regclass AND xd.objid = t.oid AND xd.deptype = 'e')
ORDER BY t.oid, a.attnum
