-- What a routine needs: a relation (directly or as a row type), another type, or another routine.
SELECT d.objid AS routine,
       COALESCE(NULLIF(t.typrelid, 0), CASE WHEN d.refclassid = 'pg_class'::regclass THEN d.refobjid END) AS relation,
       CASE WHEN d.refclassid = 'pg_type'::regclass AND t.typrelid = 0 THEN t.oid END AS type,
       CASE WHEN d.refclassid = 'pg_proc'::regclass THEN d.refobjid END AS other_routine
FROM pg_depend d LEFT JOIN pg_type t ON d.refclassid = 'pg_type'::regclass AND t.oid = d.refobjid
WHERE d.classid = 'pg_proc'::regclass AND d.deptype = 'n'
  AND d.refclassid IN ('pg_type'::regclass, 'pg_class'::regclass, 'pg_proc'::regclass)
