-- Tables, partitioned tables, views, materialized views, sequences and foreign tables, in one pass over pg_class.
SELECT c.oid, n.nspname AS schema, c.relname AS name, c.relkind AS kind, c.relpersistence = 'u' AS unlogged,
       CASE WHEN c.relkind = 'p' THEN pg_get_partkeydef(c.oid) END AS partition_by,
       c.relispartition AS is_partition, pg_get_expr(c.relpartbound, c.oid) AS partition_bound,
       c.relrowsecurity AS row_security, c.relforcerowsecurity AS force_row_security,
       pg_get_userbyid(c.relowner) AS owner,
       CASE WHEN c.relkind IN ('v', 'm') THEN pg_get_viewdef(c.oid) END AS view_query,
       c.reloptions AS options,
       (SELECT tc.reloptions FROM pg_class tc WHERE tc.oid = c.reltoastrelid) AS toast_options,
       c.relreplident AS replica_identity,
       CASE WHEN c.reloftype <> 0 THEN format_type(c.reloftype, NULL) END AS of_type,
       (SELECT ic.relname FROM pg_index ri JOIN pg_class ic ON ic.oid = ri.indexrelid
         WHERE ri.indrelid = c.oid AND ri.indisreplident) AS replica_index
FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace
WHERE c.relkind IN ('r', 'p', 'v', 'm', 'S', 'f') AND ${USER_NAMESPACE}
  AND NOT EXISTS (SELECT 1 FROM pg_depend xd WHERE xd.classid = 'pg_class'::regclass AND xd.objid = c.oid AND xd.deptype = 'e')
