-- What each view and materialized view reads (relations and routines), from its rewrite rule's dependencies;
-- user views only (oid from 16384: the system views' are not read).
SELECT DISTINCT r.ev_class AS view, d.refclassid = 'pg_proc'::regclass AS is_routine, d.refobjid AS referenced
FROM pg_rewrite r
JOIN pg_depend d ON d.classid = 'pg_rewrite'::regclass AND d.objid = r.oid
 AND d.refclassid IN ('pg_class'::regclass, 'pg_proc'::regclass) AND d.refobjid <> r.ev_class
JOIN pg_class vc ON vc.oid = r.ev_class AND vc.relkind IN ('v', 'm')
WHERE r.ev_class >= 16384
