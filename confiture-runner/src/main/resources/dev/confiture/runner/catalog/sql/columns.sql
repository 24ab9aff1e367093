-- Columns of tables, views, materialized views and foreign tables, in attribute order.
-- collation: only when it differs from the column type's own.
SELECT a.attrelid AS relation, a.attnum AS position, a.attname AS name, format_type(a.atttypid, a.atttypmod) AS type,
       (SELECT quote_ident(cn.nspname) || '.' || quote_ident(co.collname) FROM pg_collation co
         JOIN pg_namespace cn ON cn.oid = co.collnamespace
         WHERE co.oid = a.attcollation AND a.attcollation <> 0 AND a.attcollation <> t.typcollation) AS collation,
       a.attnotnull AS not_null,
       CASE WHEN a.attgenerated = '' THEN pg_get_expr(ad.adbin, ad.adrelid) END AS default_expression,
       a.attidentity AS identity,
       CASE WHEN a.attgenerated <> '' THEN pg_get_expr(ad.adbin, ad.adrelid) END AS generated_expression,
       c.relkind AS relation_kind
FROM pg_attribute a JOIN pg_class c ON c.oid = a.attrelid JOIN pg_namespace n ON n.oid = c.relnamespace
JOIN pg_type t ON t.oid = a.atttypid
LEFT JOIN pg_attrdef ad ON ad.adrelid = a.attrelid AND ad.adnum = a.attnum
WHERE c.relkind IN ('r', 'p', 'v', 'm', 'f') AND a.attnum > 0 AND NOT a.attisdropped AND ${USER_NAMESPACE}
ORDER BY a.attrelid, a.attnum
