-- Functions, procedures and aggregates; ${PROKIND} is p.prokind (PostgreSQL 11 and later) or its older equivalent.
SELECT p.oid, n.nspname AS schema, p.proname AS name, ${PROKIND} AS kind,
       ARRAY(SELECT format_type(t, NULL) FROM unnest(p.proargtypes::oid[]) WITH ORDINALITY x(t, o) ORDER BY o) AS argument_types,
       pg_get_function_result(p.oid) AS result, l.lanname AS language,
       CASE WHEN ${PROKIND} <> 'a' THEN pg_get_functiondef(p.oid) END AS definition,
       pg_get_userbyid(p.proowner) AS owner, pg_get_function_arguments(p.oid) AS arguments,
       a.aggtransfn::regproc::text AS agg_sfunc, format_type(a.aggtranstype, NULL) AS agg_stype,
       CASE WHEN a.aggfinalfn <> 0 THEN a.aggfinalfn::regproc::text END AS agg_finalfunc,
       a.agginitval AS agg_initcond,
       CASE WHEN a.aggcombinefn <> 0 THEN a.aggcombinefn::regproc::text END AS agg_combinefunc,
       CASE WHEN a.aggsortop <> 0 THEN a.aggsortop::regoperator::text END AS agg_sortop
FROM pg_proc p JOIN pg_namespace n ON n.oid = p.pronamespace JOIN pg_language l ON l.oid = p.prolang
LEFT JOIN pg_aggregate a ON a.aggfnoid = p.oid
WHERE ${USER_NAMESPACE}
  -- an extension's functions, and those a range type makes for itself (deptype 'i'), are not the schema's own
  AND NOT EXISTS (SELECT 1 FROM pg_depend xd WHERE xd.classid = 'pg_proc'::regclass AND xd.objid = p.oid AND xd.deptype IN ('e', 'i'))
