-- Comments on the kinds of objects the model holds; objsubid is the column number of a column comment.
SELECT d.classoid::regclass::text AS catalog, d.objoid AS oid, d.objsubid AS sub, d.description AS text
FROM pg_description d
WHERE d.classoid IN ('pg_class'::regclass, 'pg_proc'::regclass, 'pg_type'::regclass,
  'pg_namespace'::regclass, 'pg_constraint'::regclass, 'pg_trigger'::regclass,
  'pg_policy'::regclass, 'pg_collation'::regclass, 'pg_ts_config'::regclass)
