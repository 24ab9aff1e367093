-- Subscriptions of the current database, as pg_dump writes them (always WITH (connect = false, ...)).
-- Read only when the session may read pg_subscription.subconninfo (superusers).
SELECT s.oid, quote_ident(s.subname) AS identity,
       'CREATE SUBSCRIPTION ' || quote_ident(s.subname) || ' CONNECTION ' || quote_literal(s.subconninfo)
         || ' PUBLICATION ' || (SELECT string_agg(quote_ident(p), ', ') FROM unnest(s.subpublications) p)
         || ' WITH (connect = false, slot_name = ' || COALESCE(quote_literal(s.subslotname), 'NONE')
         ${SUBSCRIPTION_OPTIONS}
         || CASE WHEN s.subsynccommit <> 'off' THEN ', synchronous_commit = ' || quote_ident(s.subsynccommit) ELSE '' END
         || ')' AS definition
FROM pg_subscription s
WHERE s.subdbid = (SELECT oid FROM pg_database WHERE datname = current_database())
