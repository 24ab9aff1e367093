-- Parents of tables: partition parents and INHERITS parents, in declaration order.
SELECT i.inhrelid AS child, i.inhparent AS parent
FROM pg_inherits i JOIN pg_class c ON c.oid = i.inhrelid
WHERE c.relkind IN ('r', 'p')
ORDER BY i.inhrelid, i.inhseqno
