-- Row-level security policies; roles sorted, PUBLIC spelled out.
SELECT pol.oid, pol.polrelid AS relation, pol.polname AS name, pol.polpermissive AS permissive, pol.polcmd AS command,
       ARRAY(SELECT CASE WHEN r = 0 THEN 'PUBLIC' ELSE quote_ident(pg_get_userbyid(r)) END
             FROM unnest(pol.polroles) r ORDER BY 1) AS roles,
       pg_get_expr(pol.polqual, pol.polrelid) AS using_expression,
       pg_get_expr(pol.polwithcheck, pol.polrelid) AS check_expression
FROM pg_policy pol
