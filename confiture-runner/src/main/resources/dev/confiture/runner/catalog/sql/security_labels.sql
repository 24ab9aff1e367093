-- Security labels on the objects of the database (pg_seclabel; shared objects' are in pg_shseclabel and out of
-- the model), by catalog, oid and column number, as comments.sql reads comments; column names the column.
SELECT l.classoid::regclass::text AS catalog, l.objoid AS oid, l.objsubid AS sub, l.provider, l.label,
       (SELECT a.attname FROM pg_attribute a WHERE l.objsubid > 0 AND l.classoid = 'pg_class'::regclass
          AND a.attrelid = l.objoid AND a.attnum = l.objsubid) AS column
FROM pg_seclabel l
