-- Comments on the kinds of objects the model holds; objsubid is the column number of a column comment.
-- Subscriptions are shared objects, but PostgreSQL keeps their comments in pg_description too.
-- Objects initdb made (oid below 16384, FirstNormalObjectId) are left out here rather than in the reader, which
-- would drop their 5,000 comments at every read, except schemas: public is one of them, and its comment counts.
SELECT d.classoid::regclass::text AS catalog, d.objoid AS oid, d.objsubid AS sub, d.description AS text
FROM pg_description d
WHERE (d.objoid >= 16384 OR d.classoid = 'pg_namespace'::regclass) AND d.classoid IN ('pg_class'::regclass, 'pg_proc'::regclass, 'pg_type'::regclass,
  'pg_namespace'::regclass, 'pg_constraint'::regclass, 'pg_trigger'::regclass,
  'pg_policy'::regclass, 'pg_collation'::regclass, 'pg_ts_config'::regclass,
  'pg_operator'::regclass, 'pg_opfamily'::regclass, 'pg_opclass'::regclass, 'pg_cast'::regclass,
  'pg_conversion'::regclass, 'pg_ts_parser'::regclass, 'pg_ts_template'::regclass, 'pg_ts_dict'::regclass,
  'pg_am'::regclass, 'pg_transform'::regclass, 'pg_foreign_data_wrapper'::regclass,
  'pg_foreign_server'::regclass, 'pg_event_trigger'::regclass, 'pg_publication'::regclass,
  'pg_statistic_ext'::regclass, 'pg_rewrite'::regclass, 'pg_subscription'::regclass)
