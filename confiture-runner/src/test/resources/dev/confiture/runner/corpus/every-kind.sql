-- Every object kind PostgreSQL 15 supports (written from the documentation), for PgDumpProofTest:
-- dumped with the server's pg_dump, interpreted, and compared with the catalog reader's model.
-- Not here: security labels (they need a label provider, and none is loaded on a stock server).
CREATE SCHEMA app;
CREATE TABLE app.items (id integer PRIMARY KEY, name text NOT NULL, price numeric, tags text[]);
CREATE FUNCTION app.same(a integer, b integer) RETURNS boolean LANGUAGE sql IMMUTABLE AS $$ SELECT a = b $$;
CREATE FUNCTION app.touch() RETURNS trigger LANGUAGE plpgsql AS $$ BEGIN RETURN NEW; END; $$;
CREATE PROCEDURE app.noop() LANGUAGE plpgsql AS $$ BEGIN NULL; END; $$;
CREATE TRIGGER items_touch BEFORE UPDATE ON app.items FOR EACH ROW EXECUTE FUNCTION app.touch();
-- operators, families, classes
CREATE OPERATOR app.=== (FUNCTION = app.same, LEFTARG = integer, RIGHTARG = integer, COMMUTATOR = OPERATOR(app.===));
CREATE FUNCTION app.cmp(a integer, b integer) RETURNS integer LANGUAGE sql IMMUTABLE AS $$ SELECT CASE WHEN a < b THEN -1 WHEN a > b THEN 1 ELSE 0 END $$;
CREATE OPERATOR FAMILY app.int_fam USING btree;
CREATE OPERATOR CLASS app.int_ops FOR TYPE integer USING btree FAMILY app.int_fam AS
  OPERATOR 1 <, OPERATOR 2 <=, OPERATOR 3 =, OPERATOR 4 >=, OPERATOR 5 >, FUNCTION 1 app.cmp(integer, integer);
-- casts
CREATE TYPE app.mood AS ENUM ('sad', 'happy');
CREATE FUNCTION app.mood_of(i integer) RETURNS app.mood LANGUAGE sql IMMUTABLE AS $$ SELECT CASE WHEN i > 0 THEN 'happy'::app.mood ELSE 'sad'::app.mood END $$;
CREATE CAST (integer AS app.mood) WITH FUNCTION app.mood_of(integer) AS ASSIGNMENT;
CREATE CAST (app.mood AS text) WITH INOUT;
-- aggregates
CREATE AGGREGATE app.total(integer) (SFUNC = int4pl, STYPE = integer, INITCOND = '0');
-- conversions
CREATE CONVERSION app.my_conv FOR 'LATIN1' TO 'UTF8' FROM iso8859_1_to_utf8;
-- text search
CREATE TEXT SEARCH PARSER app.my_parser (START = prsd_start, GETTOKEN = prsd_nexttoken, END = prsd_end, LEXTYPES = prsd_lextype);
CREATE TEXT SEARCH TEMPLATE app.my_template (INIT = dsimple_init, LEXIZE = dsimple_lexize);
CREATE TEXT SEARCH DICTIONARY app.my_dict (TEMPLATE = app.my_template, stopwords = 'english');
CREATE TEXT SEARCH CONFIGURATION app.my_config (PARSER = app.my_parser);
ALTER TEXT SEARCH CONFIGURATION app.my_config ADD MAPPING FOR word WITH app.my_dict;
-- foreign data
CREATE FOREIGN DATA WRAPPER my_fdw;
CREATE SERVER my_server FOREIGN DATA WRAPPER my_fdw OPTIONS (host 'example.org');
CREATE USER MAPPING FOR CURRENT_USER SERVER my_server OPTIONS (user 'remote');
CREATE FOREIGN TABLE app.remote_items (id integer NOT NULL, name text) SERVER my_server OPTIONS (table_name 'items');
-- event triggers
CREATE FUNCTION app.on_ddl() RETURNS event_trigger LANGUAGE plpgsql AS $$ BEGIN END; $$;
CREATE EVENT TRIGGER my_event ON ddl_command_end WHEN TAG IN ('CREATE TABLE') EXECUTE FUNCTION app.on_ddl();
-- publications and subscriptions
CREATE PUBLICATION my_pub FOR TABLE app.items WITH (publish = 'insert, update');
CREATE SUBSCRIPTION my_sub CONNECTION 'host=127.0.0.1 dbname=nowhere' PUBLICATION my_pub WITH (connect = false, slot_name = NONE);
-- statistics
CREATE STATISTICS app.items_stats (dependencies) ON id, name FROM app.items;
-- rules
CREATE TABLE app.log (id integer, at timestamptz DEFAULT now());
CREATE RULE items_log AS ON DELETE TO app.items DO ALSO INSERT INTO app.log (id) VALUES (old.id);
-- access methods
CREATE ACCESS METHOD heap2 TYPE TABLE HANDLER heap_tableam_handler;
-- default privileges
ALTER DEFAULT PRIVILEGES IN SCHEMA app GRANT SELECT ON TABLES TO PUBLIC;
-- comments on every kind
COMMENT ON OPERATOR app.=== (integer, integer) IS 'same';
COMMENT ON OPERATOR FAMILY app.int_fam USING btree IS 'family';
COMMENT ON OPERATOR CLASS app.int_ops USING btree IS 'class';
COMMENT ON CAST (integer AS app.mood) IS 'cast';
COMMENT ON AGGREGATE app.total(integer) IS 'aggregate';
COMMENT ON CONVERSION app.my_conv IS 'conversion';
COMMENT ON TEXT SEARCH PARSER app.my_parser IS 'parser';
COMMENT ON TEXT SEARCH TEMPLATE app.my_template IS 'template';
COMMENT ON TEXT SEARCH DICTIONARY app.my_dict IS 'dictionary';
COMMENT ON TEXT SEARCH CONFIGURATION app.my_config IS 'configuration';
COMMENT ON FOREIGN DATA WRAPPER my_fdw IS 'fdw';
COMMENT ON SERVER my_server IS 'server';
COMMENT ON FOREIGN TABLE app.remote_items IS 'foreign table';
COMMENT ON EVENT TRIGGER my_event IS 'event trigger';
COMMENT ON PUBLICATION my_pub IS 'publication';
COMMENT ON SUBSCRIPTION my_sub IS 'subscription';
COMMENT ON STATISTICS app.items_stats IS 'statistics';
COMMENT ON RULE items_log ON app.items IS 'rule';
COMMENT ON ACCESS METHOD heap2 IS 'access method';
COMMENT ON PROCEDURE app.noop() IS 'procedure';
COMMENT ON TRIGGER items_touch ON app.items IS 'trigger';
-- owners

-- transforms: functions over internal are C functions; language internal reuses built-in ones
CREATE FUNCTION app.mood_from_sql(internal) RETURNS internal LANGUAGE internal IMMUTABLE STRICT AS 'int4recv';
CREATE FUNCTION app.mood_to_sql(internal) RETURNS app.mood LANGUAGE internal IMMUTABLE STRICT AS 'enum_recv';
CREATE TRANSFORM FOR app.mood LANGUAGE sql (FROM SQL WITH FUNCTION app.mood_from_sql(internal), TO SQL WITH FUNCTION app.mood_to_sql(internal));
COMMENT ON TRANSFORM FOR app.mood LANGUAGE sql IS 'transform';
-- owners, sequences and their value, session settings (pg_dump writes all of these)
ALTER OPERATOR app.=== (integer, integer) OWNER TO CURRENT_USER;
CREATE SEQUENCE app.counter;
SELECT setval('app.counter', 42);
SET search_path = app, public;
SELECT pg_catalog.set_config('search_path', 'app', false);
