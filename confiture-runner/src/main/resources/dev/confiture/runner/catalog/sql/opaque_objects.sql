-- The object kinds the model keeps opaque (OtherObject), one row each: kind, identity (as DROP names the
-- object), the CREATE statement and the statements that complete it, written as pg_dump writes them, so
-- that OpaqueSql's canonical text of this and of a dump agree. Objects of extensions are left out.
-- Run with search_path = pg_catalog: format_type, ::regproc and ::regoperator then qualify user objects only.
WITH ext AS (SELECT classid, objid FROM pg_depend WHERE deptype = 'e')
SELECT 'OPERATOR_FAMILY' AS kind, f.oid,
       quote_ident(n.nspname) || '.' || quote_ident(f.opfname) || ' USING ' || quote_ident(a.amname) AS identity,
       'CREATE OPERATOR FAMILY ' || quote_ident(n.nspname) || '.' || quote_ident(f.opfname) || ' USING '
         || quote_ident(a.amname) AS definition,
       -- loose members (ALTER OPERATOR FAMILY ... ADD, not part of an operator class), as pg_dump writes them
       ARRAY(SELECT 'ALTER OPERATOR FAMILY ' || quote_ident(n.nspname) || '.' || quote_ident(f.opfname) || ' USING '
                      || quote_ident(a.amname) || ' ADD ' || string_agg(m.member, ', ' ORDER BY m.rank, m.number, m.oid)
             FROM (SELECT 0 AS rank, o.amopstrategy AS number, o.oid,
                          'OPERATOR ' || o.amopstrategy || ' ' || o.amopopr::regoperator
                            || COALESCE(' FOR ORDER BY ' || quote_ident(sn.nspname) || '.' || quote_ident(sf.opfname), '')
                          AS member
                   FROM pg_amop o JOIN pg_depend d ON d.classid = 'pg_amop'::regclass AND d.objid = o.oid
                   LEFT JOIN pg_opfamily sf ON sf.oid = o.amopsortfamily
                   LEFT JOIN pg_namespace sn ON sn.oid = sf.opfnamespace
                   WHERE d.refclassid = 'pg_opfamily'::regclass AND d.refobjid = f.oid AND o.amopfamily = f.oid
                   UNION ALL
                   SELECT 1, p.amprocnum, p.oid,
                          'FUNCTION ' || p.amprocnum || ' (' || format_type(p.amproclefttype, NULL) || ', '
                            || format_type(p.amprocrighttype, NULL) || ') ' || p.amproc::regprocedure
                   FROM pg_amproc p JOIN pg_depend d ON d.classid = 'pg_amproc'::regclass AND d.objid = p.oid
                   WHERE d.refclassid = 'pg_opfamily'::regclass AND d.refobjid = f.oid) m
             HAVING count(*) > 0) AS follow_ups
FROM pg_opfamily f JOIN pg_namespace n ON n.oid = f.opfnamespace JOIN pg_am a ON a.oid = f.opfmethod
WHERE ${USER_NAMESPACE} AND (f.tableoid, f.oid) NOT IN (SELECT classid, objid FROM ext)
UNION ALL
SELECT 'OPERATOR_CLASS', c.oid,
       quote_ident(n.nspname) || '.' || quote_ident(c.opcname) || ' USING ' || quote_ident(a.amname),
       'CREATE OPERATOR CLASS ' || quote_ident(n.nspname) || '.' || quote_ident(c.opcname)
         || CASE WHEN c.opcdefault THEN ' DEFAULT' ELSE '' END
         || ' FOR TYPE ' || format_type(c.opcintype, NULL) || ' USING ' || quote_ident(a.amname)
         || CASE WHEN f.opfname = c.opcname AND f.opfnamespace = c.opcnamespace THEN ''
                 ELSE ' FAMILY ' || quote_ident(fn.nspname) || '.' || quote_ident(f.opfname) END
         || ' AS '
         || concat_ws(', ',
              CASE WHEN c.opckeytype <> 0 THEN 'STORAGE ' || format_type(c.opckeytype, NULL) END,
              (SELECT string_agg('OPERATOR ' || o.amopstrategy || ' ' || o.amopopr::regoperator
                                   || CASE WHEN o.amopsortfamily <> 0 THEN ' FOR ORDER BY '
                                      || (SELECT quote_ident(sn.nspname) || '.' || quote_ident(sf.opfname)
                                          FROM pg_opfamily sf JOIN pg_namespace sn ON sn.oid = sf.opfnamespace
                                          WHERE sf.oid = o.amopsortfamily) ELSE '' END,
                                 ', ' ORDER BY o.amopstrategy)
               FROM pg_amop o JOIN pg_depend d ON d.classid = 'pg_amop'::regclass AND d.objid = o.oid
               WHERE d.refclassid = 'pg_opclass'::regclass AND d.refobjid = c.oid AND o.amopfamily = c.opcfamily),
              (SELECT string_agg('FUNCTION ' || p.amprocnum || ' (' || format_type(p.amproclefttype, NULL) || ', '
                                   || format_type(p.amprocrighttype, NULL) || ') ' || p.amproc::regprocedure,
                                 ', ' ORDER BY p.amprocnum)
               FROM pg_amproc p JOIN pg_depend d ON d.classid = 'pg_amproc'::regclass AND d.objid = p.oid
               WHERE d.refclassid = 'pg_opclass'::regclass AND d.refobjid = c.oid AND p.amprocfamily = c.opcfamily)),
       ARRAY[]::text[]
FROM pg_opclass c JOIN pg_namespace n ON n.oid = c.opcnamespace JOIN pg_am a ON a.oid = c.opcmethod
JOIN pg_opfamily f ON f.oid = c.opcfamily JOIN pg_namespace fn ON fn.oid = f.opfnamespace
WHERE ${USER_NAMESPACE} AND (c.tableoid, c.oid) NOT IN (SELECT classid, objid FROM ext)
UNION ALL
SELECT 'CAST', c.oid,
       '(' || format_type(c.castsource, NULL) || ' AS ' || format_type(c.casttarget, NULL) || ')',
       'CREATE CAST (' || format_type(c.castsource, NULL) || ' AS ' || format_type(c.casttarget, NULL) || ') '
         || CASE c.castmethod WHEN 'b' THEN 'WITHOUT FUNCTION' WHEN 'i' THEN 'WITH INOUT'
                 ELSE 'WITH FUNCTION ' || quote_ident(pn.nspname) || '.' || quote_ident(p.proname)
                      || '(' || oidvectortypes(p.proargtypes) || ')' END
         || CASE c.castcontext WHEN 'a' THEN ' AS ASSIGNMENT' WHEN 'i' THEN ' AS IMPLICIT' ELSE '' END,
       ARRAY[]::text[]
FROM pg_cast c LEFT JOIN pg_proc p ON p.oid = c.castfunc LEFT JOIN pg_namespace pn ON pn.oid = p.pronamespace
WHERE c.oid >= 16384 AND (c.tableoid, c.oid) NOT IN (SELECT classid, objid FROM ext)
  -- the cast a range type makes to its multirange type comes with the range type
  AND NOT EXISTS (SELECT 1 FROM pg_depend d WHERE d.classid = 'pg_cast'::regclass AND d.objid = c.oid AND d.deptype = 'i')
UNION ALL
SELECT 'CONVERSION', c.oid, quote_ident(n.nspname) || '.' || quote_ident(c.conname),
       'CREATE ' || CASE WHEN c.condefault THEN 'DEFAULT ' ELSE '' END || 'CONVERSION ' || quote_ident(n.nspname)
         || '.' || quote_ident(c.conname) || ' FOR ' || quote_literal(pg_encoding_to_char(c.conforencoding))
         || ' TO ' || quote_literal(pg_encoding_to_char(c.contoencoding)) || ' FROM ' || c.conproc::regproc,
       ARRAY[]::text[]
FROM pg_conversion c JOIN pg_namespace n ON n.oid = c.connamespace
WHERE ${USER_NAMESPACE} AND (c.tableoid, c.oid) NOT IN (SELECT classid, objid FROM ext)
UNION ALL
SELECT 'TEXT_SEARCH_PARSER', p.oid, quote_ident(n.nspname) || '.' || quote_ident(p.prsname),
       'CREATE TEXT SEARCH PARSER ' || quote_ident(n.nspname) || '.' || quote_ident(p.prsname) || ' ('
         || concat_ws(', ', 'START = ' || p.prsstart::regproc, 'GETTOKEN = ' || p.prstoken::regproc,
                      'END = ' || p.prsend::regproc,
                      CASE WHEN p.prsheadline <> 0 THEN 'HEADLINE = ' || p.prsheadline::regproc END,
                      'LEXTYPES = ' || p.prslextype::regproc) || ')',
       ARRAY[]::text[]
FROM pg_ts_parser p JOIN pg_namespace n ON n.oid = p.prsnamespace
WHERE ${USER_NAMESPACE} AND (p.tableoid, p.oid) NOT IN (SELECT classid, objid FROM ext)
UNION ALL
SELECT 'TEXT_SEARCH_TEMPLATE', t.oid, quote_ident(n.nspname) || '.' || quote_ident(t.tmplname),
       'CREATE TEXT SEARCH TEMPLATE ' || quote_ident(n.nspname) || '.' || quote_ident(t.tmplname) || ' ('
         || concat_ws(', ', CASE WHEN t.tmplinit <> 0 THEN 'INIT = ' || t.tmplinit::regproc END,
                      'LEXIZE = ' || t.tmpllexize::regproc) || ')',
       ARRAY[]::text[]
FROM pg_ts_template t JOIN pg_namespace n ON n.oid = t.tmplnamespace
WHERE ${USER_NAMESPACE} AND (t.tableoid, t.oid) NOT IN (SELECT classid, objid FROM ext)
UNION ALL
SELECT 'TEXT_SEARCH_DICTIONARY', d.oid, quote_ident(n.nspname) || '.' || quote_ident(d.dictname),
       'CREATE TEXT SEARCH DICTIONARY ' || quote_ident(n.nspname) || '.' || quote_ident(d.dictname) || ' ('
         || concat_ws(', ', 'TEMPLATE = ' || quote_ident(tn.nspname) || '.' || quote_ident(t.tmplname),
                      d.dictinitoption) || ')',
       ARRAY[]::text[]
FROM pg_ts_dict d JOIN pg_namespace n ON n.oid = d.dictnamespace
JOIN pg_ts_template t ON t.oid = d.dicttemplate JOIN pg_namespace tn ON tn.oid = t.tmplnamespace
WHERE ${USER_NAMESPACE} AND (d.tableoid, d.oid) NOT IN (SELECT classid, objid FROM ext)
UNION ALL
SELECT 'TEXT_SEARCH_CONFIGURATION', c.oid, quote_ident(n.nspname) || '.' || quote_ident(c.cfgname),
       'CREATE TEXT SEARCH CONFIGURATION ' || quote_ident(n.nspname) || '.' || quote_ident(c.cfgname)
         || ' (PARSER = ' || quote_ident(pn.nspname) || '.' || quote_ident(p.prsname) || ')',
       ARRAY(SELECT 'ALTER TEXT SEARCH CONFIGURATION ' || quote_ident(n.nspname) || '.' || quote_ident(c.cfgname)
                      || ' ADD MAPPING FOR ' || tt.alias || ' WITH '
                      || string_agg(m.mapdict::regdictionary::text, ', ' ORDER BY m.mapseqno)
             FROM pg_ts_config_map m JOIN ts_token_type(c.cfgparser) tt ON tt.tokid = m.maptokentype
             WHERE m.mapcfg = c.oid GROUP BY m.maptokentype, tt.alias ORDER BY m.maptokentype)
FROM pg_ts_config c JOIN pg_namespace n ON n.oid = c.cfgnamespace
JOIN pg_ts_parser p ON p.oid = c.cfgparser JOIN pg_namespace pn ON pn.oid = p.prsnamespace
WHERE ${USER_NAMESPACE} AND (c.tableoid, c.oid) NOT IN (SELECT classid, objid FROM ext)
UNION ALL
SELECT 'ACCESS_METHOD', a.oid, quote_ident(a.amname),
       'CREATE ACCESS METHOD ' || quote_ident(a.amname) || ' TYPE '
         || CASE a.amtype WHEN 'i' THEN 'INDEX' ELSE 'TABLE' END || ' HANDLER ' || a.amhandler::regproc,
       ARRAY[]::text[]
FROM pg_am a
WHERE a.oid >= 16384 AND (a.tableoid, a.oid) NOT IN (SELECT classid, objid FROM ext)
UNION ALL
SELECT 'TRANSFORM', t.oid,
       'FOR ' || format_type(t.trftype, NULL) || ' LANGUAGE ' || quote_ident(l.lanname),
       'CREATE TRANSFORM FOR ' || format_type(t.trftype, NULL) || ' LANGUAGE ' || quote_ident(l.lanname) || ' ('
         || concat_ws(', ',
              CASE WHEN t.trffromsql <> 0 THEN 'FROM SQL WITH FUNCTION ' || quote_ident(fn.nspname) || '.'
                   || quote_ident(f.proname) || '(' || oidvectortypes(f.proargtypes) || ')' END,
              CASE WHEN t.trftosql <> 0 THEN 'TO SQL WITH FUNCTION ' || quote_ident(tn.nspname) || '.'
                   || quote_ident(tf.proname) || '(' || oidvectortypes(tf.proargtypes) || ')' END) || ')',
       ARRAY[]::text[]
FROM pg_transform t JOIN pg_language l ON l.oid = t.trflang
LEFT JOIN pg_proc f ON f.oid = t.trffromsql LEFT JOIN pg_namespace fn ON fn.oid = f.pronamespace
LEFT JOIN pg_proc tf ON tf.oid = t.trftosql LEFT JOIN pg_namespace tn ON tn.oid = tf.pronamespace
WHERE t.oid >= 16384 AND (t.tableoid, t.oid) NOT IN (SELECT classid, objid FROM ext)
UNION ALL
SELECT 'FOREIGN_DATA_WRAPPER', w.oid, quote_ident(w.fdwname),
       'CREATE FOREIGN DATA WRAPPER ' || quote_ident(w.fdwname)
         || CASE WHEN w.fdwhandler <> 0 THEN ' HANDLER ' || w.fdwhandler::regproc ELSE '' END
         || CASE WHEN w.fdwvalidator <> 0 THEN ' VALIDATOR ' || w.fdwvalidator::regproc ELSE '' END
         || COALESCE(' OPTIONS (' || (SELECT string_agg(quote_ident(o.option_name) || ' ' || quote_literal(o.option_value),
                                                        ', ' ORDER BY o.option_name)
                                      FROM pg_options_to_table(w.fdwoptions) o) || ')', ''),
       ARRAY[]::text[]
FROM pg_foreign_data_wrapper w
WHERE (w.tableoid, w.oid) NOT IN (SELECT classid, objid FROM ext)
UNION ALL
SELECT 'SERVER', s.oid, quote_ident(s.srvname),
       'CREATE SERVER ' || quote_ident(s.srvname)
         || COALESCE(' TYPE ' || quote_literal(s.srvtype), '') || COALESCE(' VERSION ' || quote_literal(s.srvversion), '')
         || ' FOREIGN DATA WRAPPER ' || quote_ident(w.fdwname)
         || COALESCE(' OPTIONS (' || (SELECT string_agg(quote_ident(o.option_name) || ' ' || quote_literal(o.option_value),
                                                        ', ' ORDER BY o.option_name)
                                      FROM pg_options_to_table(s.srvoptions) o) || ')', ''),
       ARRAY[]::text[]
FROM pg_foreign_server s JOIN pg_foreign_data_wrapper w ON w.oid = s.srvfdw
WHERE (s.tableoid, s.oid) NOT IN (SELECT classid, objid FROM ext)
UNION ALL
SELECT 'USER_MAPPING', u.umid,
       'FOR ' || CASE WHEN u.umuser = 0 THEN 'PUBLIC' ELSE quote_ident(u.usename) END || ' SERVER ' || quote_ident(u.srvname),
       'CREATE USER MAPPING FOR ' || CASE WHEN u.umuser = 0 THEN 'PUBLIC' ELSE quote_ident(u.usename) END
         || ' SERVER ' || quote_ident(u.srvname)
         || COALESCE(' OPTIONS (' || (SELECT string_agg(quote_ident(o.option_name) || ' ' || quote_literal(o.option_value),
                                                        ', ' ORDER BY o.option_name)
                                      FROM pg_options_to_table(u.umoptions) o) || ')', ''),
       ARRAY[]::text[]
FROM pg_user_mappings u
UNION ALL
SELECT 'FOREIGN_TABLE', c.oid, quote_ident(n.nspname) || '.' || quote_ident(c.relname),
       'CREATE FOREIGN TABLE ' || quote_ident(n.nspname) || '.' || quote_ident(c.relname) || ' ('
         || COALESCE((SELECT string_agg(quote_ident(a.attname) || ' ' || format_type(a.atttypid, a.atttypmod)
                                          || CASE WHEN a.attcollation <> ty.typcollation
                                             THEN ' COLLATE ' || quote_ident(cn.nspname) || '.' || quote_ident(co.collname)
                                             ELSE '' END
                                          || COALESCE(' DEFAULT ' || pg_get_expr(ad.adbin, ad.adrelid), '')
                                          || CASE WHEN a.attnotnull THEN ' NOT NULL' ELSE '' END,
                                        ', ' ORDER BY a.attnum)
                      FROM pg_attribute a JOIN pg_type ty ON ty.oid = a.atttypid
                      LEFT JOIN pg_collation co ON co.oid = a.attcollation
                      LEFT JOIN pg_namespace cn ON cn.oid = co.collnamespace
                      LEFT JOIN pg_attrdef ad ON ad.adrelid = a.attrelid AND ad.adnum = a.attnum
                      WHERE a.attrelid = c.oid AND a.attnum > 0 AND NOT a.attisdropped), '')
         || ') SERVER ' || quote_ident(s.srvname)
         || COALESCE(' OPTIONS (' || (SELECT string_agg(quote_ident(o.option_name) || ' ' || quote_literal(o.option_value),
                                                        ', ' ORDER BY o.option_name)
                                      FROM pg_options_to_table(ft.ftoptions) o) || ')', ''),
       ARRAY(SELECT 'ALTER FOREIGN TABLE ONLY ' || quote_ident(n.nspname) || '.' || quote_ident(c.relname)
                      || ' ALTER COLUMN ' || quote_ident(a.attname) || ' OPTIONS ('
                      || (SELECT string_agg(quote_ident(o.option_name) || ' ' || quote_literal(o.option_value),
                                            ', ' ORDER BY o.option_name)
                          FROM pg_options_to_table(a.attfdwoptions) o) || ')'
             FROM pg_attribute a
             WHERE a.attrelid = c.oid AND a.attnum > 0 AND NOT a.attisdropped AND a.attfdwoptions IS NOT NULL
             ORDER BY a.attnum)
FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace
JOIN pg_foreign_table ft ON ft.ftrelid = c.oid JOIN pg_foreign_server s ON s.oid = ft.ftserver
WHERE c.relkind = 'f' AND ${USER_NAMESPACE} AND (c.tableoid, c.oid) NOT IN (SELECT classid, objid FROM ext)
UNION ALL
SELECT 'EVENT_TRIGGER', e.oid, quote_ident(e.evtname),
       'CREATE EVENT TRIGGER ' || quote_ident(e.evtname) || ' ON ' || quote_ident(e.evtevent)
         || COALESCE(' WHEN TAG IN (' || (SELECT string_agg(quote_literal(tag), ', ') FROM unnest(e.evttags) tag) || ')', '')
         || ' EXECUTE FUNCTION ' || e.evtfoid::regproc || '()',
       CASE e.evtenabled WHEN 'O' THEN ARRAY[]::text[]
            ELSE ARRAY['ALTER EVENT TRIGGER ' || quote_ident(e.evtname) || CASE e.evtenabled WHEN 'D' THEN ' DISABLE'
                       WHEN 'R' THEN ' ENABLE REPLICA' ELSE ' ENABLE ALWAYS' END] END
FROM pg_event_trigger e
WHERE (e.tableoid, e.oid) NOT IN (SELECT classid, objid FROM ext)
UNION ALL
SELECT 'PUBLICATION', p.oid, quote_ident(p.pubname),
       'CREATE PUBLICATION ' || quote_ident(p.pubname) || CASE WHEN p.puballtables THEN ' FOR ALL TABLES' ELSE '' END
         || ' WITH (publish = ' || quote_literal(concat_ws(', ', CASE WHEN p.pubinsert THEN 'insert' END,
              CASE WHEN p.pubupdate THEN 'update' END, CASE WHEN p.pubdelete THEN 'delete' END,
              CASE WHEN p.pubtruncate THEN 'truncate' END))
         || CASE WHEN p.pubviaroot THEN ', publish_via_partition_root = true' ELSE '' END || ')',
       ARRAY(SELECT 'ALTER PUBLICATION ' || quote_ident(p.pubname) || ' ADD TABLE ONLY '
                      || quote_ident(rn.nspname) || '.' || quote_ident(r.relname) ${PUBLICATION_TABLE_PARTS}
             FROM pg_publication_rel pr JOIN pg_class r ON r.oid = pr.prrelid JOIN pg_namespace rn ON rn.oid = r.relnamespace
             WHERE pr.prpubid = p.oid ORDER BY rn.nspname, r.relname)
       ${PUBLICATION_SCHEMAS}
FROM pg_publication p
WHERE (p.tableoid, p.oid) NOT IN (SELECT classid, objid FROM ext)
UNION ALL
SELECT 'STATISTICS', s.oid, quote_ident(n.nspname) || '.' || quote_ident(s.stxname),
       pg_get_statisticsobjdef(s.oid),
       -- the statistics target, when set (-1 up to PostgreSQL 16, NULL since 17: the default)
       CASE WHEN s.stxstattarget >= 0 THEN ARRAY['ALTER STATISTICS ' || quote_ident(n.nspname) || '.'
                 || quote_ident(s.stxname) || ' SET STATISTICS ' || s.stxstattarget] ELSE ARRAY[]::text[] END
FROM pg_statistic_ext s JOIN pg_namespace n ON n.oid = s.stxnamespace
WHERE ${USER_NAMESPACE} AND (s.tableoid, s.oid) NOT IN (SELECT classid, objid FROM ext)
UNION ALL
SELECT 'RULE', r.oid, quote_ident(r.rulename) || ' ON ' || quote_ident(n.nspname) || '.' || quote_ident(c.relname),
       pg_get_ruledef(r.oid),
       CASE r.ev_enabled WHEN 'O' THEN ARRAY[]::text[]
            ELSE ARRAY['ALTER TABLE ' || quote_ident(n.nspname) || '.' || quote_ident(c.relname)
                       || CASE r.ev_enabled WHEN 'D' THEN ' DISABLE' WHEN 'R' THEN ' ENABLE REPLICA' ELSE ' ENABLE ALWAYS' END
                       || ' RULE ' || quote_ident(r.rulename)] END
FROM pg_rewrite r JOIN pg_class c ON c.oid = r.ev_class JOIN pg_namespace n ON n.oid = c.relnamespace
WHERE r.rulename <> '_RETURN' AND ${USER_NAMESPACE} AND (c.tableoid, c.oid) NOT IN (SELECT classid, objid FROM ext)
UNION ALL
SELECT 'OPERATOR', o.oid,
       quote_ident(n.nspname) || '.' || o.oprname || ' ('
         || CASE WHEN o.oprleft = 0 THEN 'NONE' ELSE format_type(o.oprleft, NULL) END || ', '
         || CASE WHEN o.oprright = 0 THEN 'NONE' ELSE format_type(o.oprright, NULL) END || ')',
       'CREATE OPERATOR ' || quote_ident(n.nspname) || '.' || o.oprname || ' ('
         || concat_ws(', ', 'FUNCTION = ' || o.oprcode::regproc,
              CASE WHEN o.oprleft <> 0 THEN 'LEFTARG = ' || format_type(o.oprleft, NULL) END,
              CASE WHEN o.oprright <> 0 THEN 'RIGHTARG = ' || format_type(o.oprright, NULL) END,
              (SELECT 'COMMUTATOR = OPERATOR(' || quote_ident(cn.nspname) || '.' || co.oprname || ')'
               FROM pg_operator co JOIN pg_namespace cn ON cn.oid = co.oprnamespace WHERE co.oid = o.oprcom),
              (SELECT 'NEGATOR = OPERATOR(' || quote_ident(nn.nspname) || '.' || ne.oprname || ')'
               FROM pg_operator ne JOIN pg_namespace nn ON nn.oid = ne.oprnamespace WHERE ne.oid = o.oprnegate),
              CASE WHEN o.oprcanmerge THEN 'MERGES' END, CASE WHEN o.oprcanhash THEN 'HASHES' END,
              CASE WHEN o.oprrest <> 0 THEN 'RESTRICT = ' || o.oprrest::regproc END,
              CASE WHEN o.oprjoin <> 0 THEN 'JOIN = ' || o.oprjoin::regproc END) || ')',
       ARRAY[]::text[]
FROM pg_operator o JOIN pg_namespace n ON n.oid = o.oprnamespace
WHERE ${USER_NAMESPACE} AND (o.tableoid, o.oid) NOT IN (SELECT classid, objid FROM ext)
UNION ALL
-- Range types, as pg_dump writes them (its multirange type and constructor functions come with it)
SELECT 'TYPE', t.oid, quote_ident(n.nspname) || '.' || quote_ident(t.typname),
       'CREATE TYPE ' || quote_ident(n.nspname) || '.' || quote_ident(t.typname) || ' AS RANGE ('
         || concat_ws(', ', 'subtype = ' || format_type(r.rngsubtype, NULL)
              ${RANGE_MULTIRANGE},
              (SELECT 'subtype_opclass = ' || quote_ident(on_.nspname) || '.' || quote_ident(oc.opcname)
               FROM pg_opclass oc JOIN pg_namespace on_ ON on_.oid = oc.opcnamespace
               WHERE oc.oid = r.rngsubopc AND NOT oc.opcdefault),
              (SELECT 'collation = ' || quote_ident(cn.nspname) || '.' || quote_ident(co.collname)
               FROM pg_collation co JOIN pg_namespace cn ON cn.oid = co.collnamespace
               WHERE co.oid = r.rngcollation AND r.rngcollation <> 0),
              CASE WHEN r.rngcanonical <> 0 THEN 'canonical = ' || r.rngcanonical::regproc END,
              CASE WHEN r.rngsubdiff <> 0 THEN 'subtype_diff = ' || r.rngsubdiff::regproc END) || ')',
       ARRAY[]::text[]
FROM pg_type t JOIN pg_namespace n ON n.oid = t.typnamespace JOIN pg_range r ON r.rngtypid = t.oid
WHERE t.typtype = 'r' AND ${USER_NAMESPACE} AND (t.tableoid, t.oid) NOT IN (SELECT classid, objid FROM ext)
