-- Sequences with their options and the column that owns them (OWNED BY); identity sequences (deptype i) are left out.
SELECT c.oid, n.nspname AS schema, c.relname AS name, format_type(s.seqtypid, NULL) AS type, s.seqstart AS start,
       s.seqincrement AS increment, s.seqmin AS min_value, s.seqmax AS max_value, s.seqcache AS cache,
       s.seqcycle AS cycle, pg_get_userbyid(c.relowner) AS owner, d.refobjid AS owner_table, a.attname AS owner_column
FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace JOIN pg_sequence s ON s.seqrelid = c.oid
LEFT JOIN pg_depend d ON d.classid = 'pg_class'::regclass AND d.objid = c.oid
 AND d.refclassid = 'pg_class'::regclass AND d.deptype IN ('a', 'i') AND d.refobjsubid > 0
LEFT JOIN pg_attribute a ON a.attrelid = d.refobjid AND a.attnum = d.refobjsubid
WHERE c.relkind = 'S' AND ${USER_NAMESPACE}
  AND NOT EXISTS (SELECT 1 FROM pg_depend xd WHERE xd.classid = 'pg_class'::regclass AND xd.objid = c.oid AND xd.deptype = 'e')
  AND NOT EXISTS (SELECT 1 FROM pg_depend di WHERE di.classid = 'pg_class'::regclass
   AND di.objid = c.oid AND di.deptype = 'i')
