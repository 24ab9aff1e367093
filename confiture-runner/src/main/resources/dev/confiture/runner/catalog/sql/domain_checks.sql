-- CHECK constraints of domains (the reader keeps those of the domains it read).
SELECT con.contypid AS domain_oid, con.conname AS name, pg_get_constraintdef(con.oid) AS definition,
       con.convalidated AS validated
FROM pg_constraint con
WHERE con.contypid <> 0 AND con.contype = 'c'
ORDER BY con.conname
