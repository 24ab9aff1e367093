-- Token-type mappings of text search configurations, dictionaries in order.
SELECT m.mapcfg AS configuration, tt.alias AS token_type,
       string_agg(quote_ident(dn.nspname) || '.' || quote_ident(d.dictname), ', ' ORDER BY m.mapseqno) AS dictionaries
FROM pg_ts_config_map m JOIN pg_ts_config c ON c.oid = m.mapcfg
JOIN ts_token_type(c.cfgparser) tt ON tt.tokid = m.maptokentype
JOIN pg_ts_dict d ON d.oid = m.mapdict JOIN pg_namespace dn ON dn.oid = d.dictnamespace
GROUP BY m.mapcfg, tt.alias
ORDER BY m.mapcfg, tt.alias
