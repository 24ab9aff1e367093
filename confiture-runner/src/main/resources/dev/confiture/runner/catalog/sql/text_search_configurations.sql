-- Text search configurations and their parser.
SELECT c.oid, n.nspname AS schema, c.cfgname AS name,
       quote_ident(pn.nspname) || '.' || quote_ident(p.prsname) AS parser
FROM pg_ts_config c JOIN pg_namespace n ON n.oid = c.cfgnamespace
JOIN pg_ts_parser p ON p.oid = c.cfgparser JOIN pg_namespace pn ON pn.oid = p.prsnamespace
WHERE ${USER_NAMESPACE}
  AND NOT EXISTS (SELECT 1 FROM pg_depend xd WHERE xd.classid = 'pg_ts_config'::regclass AND xd.objid = c.oid AND xd.deptype = 'e')
