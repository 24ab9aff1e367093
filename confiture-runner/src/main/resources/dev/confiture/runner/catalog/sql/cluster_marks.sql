-- Indexes a table is CLUSTERed on.
SELECT i.indrelid AS relation, ic.relname AS index_name, n.nspname AS index_schema
FROM pg_index i JOIN pg_class ic ON ic.oid = i.indexrelid
JOIN pg_namespace n ON n.oid = ic.relnamespace
WHERE i.indisclustered
