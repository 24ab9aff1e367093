-- Default privileges (pg_default_acl) as pg_dump compares them: the global form (no schema) against the built-in
-- defaults acldefault() gives the role (pg_default_acl writes S for sequences, acldefault s), the IN SCHEMA form
-- against nothing. kind granted: an entry the list holds beyond the built-in ones (grant option included);
-- kind revoked: a built-in entry the list no longer holds at all.
WITH d AS (
  SELECT d.defaclrole, d.defaclobjtype,
         CASE WHEN d.defaclnamespace = 0 THEN NULL ELSE n.nspname END AS schema,
         -- aclexplode refuses an empty array; NULL explodes to nothing
         CASE WHEN cardinality(d.defaclacl) > 0 THEN d.defaclacl END AS defaclacl,
         CASE WHEN d.defaclnamespace = 0
              THEN acldefault(CASE WHEN d.defaclobjtype = 'S' THEN 's'::"char" ELSE d.defaclobjtype END, d.defaclrole)
              END AS builtin
  FROM pg_default_acl d LEFT JOIN pg_namespace n ON n.oid = d.defaclnamespace
)
SELECT x.kind, pg_get_userbyid(d.defaclrole) AS role, d.schema,
       CASE d.defaclobjtype WHEN 'r' THEN 'TABLES' WHEN 'S' THEN 'SEQUENCES' WHEN 'f' THEN 'FUNCTIONS'
            WHEN 'T' THEN 'TYPES' WHEN 'n' THEN 'SCHEMAS' ELSE 'OTHER' END AS object_type,
       CASE WHEN x.grantee = 0 THEN 'PUBLIC' ELSE pg_get_userbyid(x.grantee) END AS grantee,
       x.privilege_type AS privilege, x.is_grantable AS grantable
FROM d, LATERAL (
  SELECT 'granted' AS kind, a.grantee, a.privilege_type, a.is_grantable
  FROM aclexplode(d.defaclacl) a
  WHERE NOT EXISTS (SELECT 1 FROM aclexplode(d.builtin) b WHERE b.grantee = a.grantee
                    AND b.privilege_type = a.privilege_type AND b.is_grantable = a.is_grantable)
  UNION ALL
  SELECT 'revoked', b.grantee, b.privilege_type, false
  FROM aclexplode(d.builtin) b
  WHERE NOT EXISTS (SELECT 1 FROM aclexplode(d.defaclacl) a WHERE a.grantee = b.grantee
                    AND a.privilege_type = b.privilege_type)
) x
