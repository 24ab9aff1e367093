-- Privileges granted beyond what the owner and PUBLIC hold by default (acldefault), and PUBLIC's default ones
-- revoked (revoked = true, the last branches): a table nobody granted anything on has no grants, whether its
-- ACL is null or spelled out. One branch per catalog;
-- target says which kind of object oid is (relation: tables, views, sequences, foreign tables; sub > 0: a column
-- of one, named by column), foreign data wrappers and servers included. Objects initdb made (oid below 16384:
-- the system catalogs and views, built-in functions and types, which hold ACLs) are left out in the query rather
-- than by the reader, except schemas: the grants on public count.
SELECT x.target, x.oid, x.sub, x.privilege, x.grantable, x.revoked,
       (SELECT at.attname FROM pg_attribute at WHERE x.sub > 0 AND at.attrelid = x.oid AND at.attnum = x.sub) AS column,
       CASE WHEN x.grantee = 0 THEN 'PUBLIC' ELSE pg_get_userbyid(x.grantee) END AS grantee
FROM (
  SELECT 'relation' AS target, c.oid, 0 AS sub, a.grantee, a.privilege_type AS privilege, a.is_grantable AS grantable, false AS revoked
  FROM pg_class c, aclexplode(c.relacl) a
  WHERE c.relacl IS NOT NULL AND c.oid >= 16384 AND NOT EXISTS (SELECT 1 FROM aclexplode(acldefault(
    CASE WHEN c.relkind = 'S' THEN 's'::"char" ELSE 'r'::"char" END, c.relowner)) d
    WHERE d.grantee = a.grantee AND d.privilege_type = a.privilege_type)
  UNION ALL
  SELECT 'relation', a2.attrelid, a2.attnum, a.grantee, a.privilege_type, a.is_grantable, false
  FROM pg_attribute a2, aclexplode(a2.attacl) a
  WHERE a2.attacl IS NOT NULL AND a2.attrelid >= 16384 AND NOT EXISTS (SELECT 1 FROM aclexplode(acldefault('c'::"char", 0::oid)) d
    WHERE d.grantee = a.grantee AND d.privilege_type = a.privilege_type)
  UNION ALL
  SELECT 'routine', p.oid, 0, a.grantee, a.privilege_type, a.is_grantable, false
  FROM pg_proc p, aclexplode(p.proacl) a
  WHERE p.proacl IS NOT NULL AND p.oid >= 16384 AND NOT EXISTS (SELECT 1 FROM aclexplode(acldefault('f'::"char", p.proowner)) d
    WHERE d.grantee = a.grantee AND d.privilege_type = a.privilege_type)
  UNION ALL
  SELECT 'schema', n.oid, 0, a.grantee, a.privilege_type, a.is_grantable, false
  FROM pg_namespace n, aclexplode(n.nspacl) a
  WHERE n.nspacl IS NOT NULL AND NOT EXISTS (SELECT 1 FROM aclexplode(acldefault('n'::"char", n.nspowner)) d
    WHERE d.grantee = a.grantee AND d.privilege_type = a.privilege_type)
  UNION ALL
  SELECT 'type', t.oid, 0, a.grantee, a.privilege_type, a.is_grantable, false
  FROM pg_type t, aclexplode(t.typacl) a
  WHERE t.typacl IS NOT NULL AND t.oid >= 16384 AND NOT EXISTS (SELECT 1 FROM aclexplode(acldefault('T'::"char", t.typowner)) d
    WHERE d.grantee = a.grantee AND d.privilege_type = a.privilege_type)
  UNION ALL
  SELECT 'foreign_data_wrapper', w.oid, 0, a.grantee, a.privilege_type, a.is_grantable, false
  FROM pg_foreign_data_wrapper w, aclexplode(w.fdwacl) a
  WHERE w.fdwacl IS NOT NULL AND NOT EXISTS (SELECT 1 FROM aclexplode(acldefault('F'::"char", w.fdwowner)) d
    WHERE d.grantee = a.grantee AND d.privilege_type = a.privilege_type)
  UNION ALL
  SELECT 'server', s.oid, 0, a.grantee, a.privilege_type, a.is_grantable, false
  FROM pg_foreign_server s, aclexplode(s.srvacl) a
  WHERE s.srvacl IS NOT NULL AND NOT EXISTS (SELECT 1 FROM aclexplode(acldefault('S'::"char", s.srvowner)) d
    WHERE d.grantee = a.grantee AND d.privilege_type = a.privilege_type)
  -- the other way: what PUBLIC holds by default on a routine or a type and was revoked (REVOKE EXECUTE ON
  -- FUNCTION f() FROM PUBLIC, as careful schemas do for SECURITY DEFINER functions)
  UNION ALL
  SELECT 'routine', p.oid, 0, 0::oid, d.privilege_type, false, true
  FROM pg_proc p, aclexplode(acldefault('f'::"char", p.proowner)) d
  WHERE p.proacl IS NOT NULL AND p.oid >= 16384 AND d.grantee = 0
    AND NOT EXISTS (SELECT 1 FROM aclexplode(p.proacl) a WHERE a.grantee = 0 AND a.privilege_type = d.privilege_type)
  UNION ALL
  SELECT 'type', t.oid, 0, 0::oid, d.privilege_type, false, true
  FROM pg_type t, aclexplode(acldefault('T'::"char", t.typowner)) d
  WHERE t.typacl IS NOT NULL AND t.oid >= 16384 AND d.grantee = 0
    AND NOT EXISTS (SELECT 1 FROM aclexplode(t.typacl) a WHERE a.grantee = 0 AND a.privilege_type = d.privilege_type)
) x
