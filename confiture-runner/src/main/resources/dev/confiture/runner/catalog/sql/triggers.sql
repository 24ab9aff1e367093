-- User triggers; ${NOT_CLONE} leaves out a partition's clones of its parent's triggers (PostgreSQL 13 and later).
SELECT t.oid, t.tgrelid AS relation, t.tgname AS name, pg_get_triggerdef(t.oid) AS definition,
       t.tgenabled AS enabled, t.tgfoid AS function
FROM pg_trigger t
WHERE NOT t.tgisinternal${NOT_CLONE}
