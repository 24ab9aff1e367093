-- Table constraints declared on the table itself (not inherited, not cloned onto a partition), of user tables
-- (oid from 16384: the system catalogs' own keys, which PostgreSQL 14 and later list here, are not read).
SELECT con.oid, con.conrelid AS relation, con.conname AS name, con.contype AS kind,
       pg_get_constraintdef(con.oid) AS definition, con.condeferrable AS deferrable, con.condeferred AS deferred,
       con.convalidated AS validated, con.confrelid AS referenced_relation,
       ARRAY(SELECT a.attname FROM unnest(con.conkey) WITH ORDINALITY k(num, ord)
             JOIN pg_attribute a ON a.attrelid = con.conrelid AND a.attnum = k.num ORDER BY k.ord) AS columns,
       ARRAY(SELECT a.attname FROM unnest(con.confkey) WITH ORDINALITY k(num, ord)
             JOIN pg_attribute a ON a.attrelid = con.confrelid AND a.attnum = k.num ORDER BY k.ord) AS referenced_columns
FROM pg_constraint con
WHERE con.conrelid >= 16384 AND con.contype IN ('p', 'u', 'c', 'f', 'x')
  AND con.conislocal AND con.conparentid = 0
