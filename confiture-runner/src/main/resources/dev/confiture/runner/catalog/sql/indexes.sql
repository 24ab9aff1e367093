-- Indexes that are not the index of a constraint (pk, unique, exclusion) nor a partition's copy of its parent's.
SELECT i.indexrelid AS oid, i.indrelid AS relation, ic.relname AS name, pg_get_indexdef(i.indexrelid) AS definition,
       i.indisunique AS is_unique, am.amname AS method, ts.spcname AS tablespace, ic.reloptions AS options
FROM pg_index i JOIN pg_class ic ON ic.oid = i.indexrelid
JOIN pg_am am ON am.oid = ic.relam LEFT JOIN pg_tablespace ts ON ts.oid = ic.reltablespace
JOIN pg_namespace n ON n.oid = ic.relnamespace
WHERE ${USER_NAMESPACE}
  AND NOT EXISTS (SELECT 1 FROM pg_constraint con WHERE con.conindid = i.indexrelid
   AND con.conrelid = i.indrelid AND con.contype IN ('p', 'u', 'x'))
  AND NOT EXISTS (SELECT 1 FROM pg_inherits inh WHERE inh.inhrelid = i.indexrelid)
