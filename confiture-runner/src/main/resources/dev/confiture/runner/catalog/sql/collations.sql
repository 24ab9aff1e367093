-- User collations; ${ICU_LOCALE} is the ICU locale column of this server version (NULL before 15).
SELECT c.oid, n.nspname AS schema, c.collname AS name, c.collprovider AS provider, c.collcollate AS collate,
       c.collctype AS ctype, ${ICU_LOCALE} AS icu_locale, c.collisdeterministic AS deterministic
FROM pg_collation c JOIN pg_namespace n ON n.oid = c.collnamespace
WHERE ${USER_NAMESPACE}
  AND NOT EXISTS (SELECT 1 FROM pg_depend xd WHERE xd.classid = 'pg_collation'::regclass AND xd.objid = c.oid AND xd.deptype = 'e')
