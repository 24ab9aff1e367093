-- Columns of tables, views, materialized views and foreign tables, in attribute order.
-- collation: only when it differs from the column type's own; identity_*: an identity column's sequence options.
SELECT a.attrelid AS relation, a.attnum AS position, a.attname AS name, format_type(a.atttypid, a.atttypmod) AS type,
       (SELECT quote_ident(cn.nspname) || '.' || quote_ident(co.collname) FROM pg_collation co
         JOIN pg_namespace cn ON cn.oid = co.collnamespace
         WHERE co.oid = a.attcollation AND a.attcollation <> 0 AND a.attcollation <> t.typcollation) AS collation,
       a.attnotnull AS not_null,
       CASE WHEN a.attgenerated = '' THEN pg_get_expr(ad.adbin, ad.adrelid) END AS default_expression,
       a.attidentity AS identity,
       CASE WHEN a.attgenerated <> '' THEN pg_get_expr(ad.adbin, ad.adrelid) END AS generated_expression,
       c.relkind AS relation_kind,
       -- a column an INHERITS child has only from its parents (partitions' columns are all inherited: not marked)
       (NOT a.attislocal AND a.attinhcount > 0 AND NOT c.relispartition) AS inherited_only,
       seq.seqstart AS identity_start, seq.seqincrement AS identity_increment, seq.seqmin AS identity_min,
       seq.seqmax AS identity_max, seq.seqcache AS identity_cache, seq.seqcycle AS identity_cycle
FROM pg_attribute a JOIN pg_class c ON c.oid = a.attrelid JOIN pg_namespace n ON n.oid = c.relnamespace
JOIN pg_type t ON t.oid = a.atttypid
LEFT JOIN pg_attrdef ad ON ad.adrelid = a.attrelid AND ad.adnum = a.attnum
-- an identity column's sequence (its options): the sequence that depends internally on the column
LEFT JOIN LATERAL (SELECT s.* FROM pg_depend idd JOIN pg_sequence s ON s.seqrelid = idd.objid
  WHERE a.attidentity <> '' AND idd.classid = 'pg_class'::regclass AND idd.refclassid = 'pg_class'::regclass
    AND idd.refobjid = a.attrelid AND idd.refobjsubid = a.attnum AND idd.deptype = 'i' LIMIT 1) seq ON true
WHERE c.relkind IN ('r', 'p', 'v', 'm', 'f') AND a.attnum > 0 AND NOT a.attisdropped AND ${USER_NAMESPACE}
ORDER BY a.attrelid, a.attnum
