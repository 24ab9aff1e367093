package dev.confiture.sql.ddl;

import static dev.confiture.sql.ddl.DdlInterpreterTableTest.run;
import static dev.confiture.sql.ddl.DdlInterpreterTableTest.table;
import static org.assertj.core.api.Assertions.assertThat;

import dev.confiture.model.schema.Collation;
import dev.confiture.model.schema.CompositeType;
import dev.confiture.model.schema.Domain;
import dev.confiture.model.schema.Extension;
import dev.confiture.model.schema.Grant;
import dev.confiture.model.schema.Index;
import dev.confiture.model.schema.ObjectRef;
import dev.confiture.model.schema.Policy;
import dev.confiture.model.schema.QualifiedName;
import dev.confiture.model.schema.Routine;
import dev.confiture.model.schema.RoutineSignature;
import dev.confiture.model.schema.SchemaModel;
import dev.confiture.model.schema.Sequence;
import dev.confiture.model.schema.Trigger;
import dev.confiture.model.schema.View;
import java.util.List;
import org.junit.jupiter.api.Test;

class DdlInterpreterObjectsTest {

    private static QualifiedName pub(String name) {
        return QualifiedName.of("public", name);
    }

    @Test
    void indexesWithMethodExpressionsIncludeAndPredicate() {
        SchemaModel m = run("""
                CREATE TABLE users (id int, email text, created_at timestamptz, active boolean);
                CREATE UNIQUE INDEX CONCURRENTLY IF NOT EXISTS users_email_lower ON ONLY public.users
                  USING btree ((lower(email))) INCLUDE (id) WHERE active;
                CREATE INDEX ON users (created_at DESC NULLS LAST, id ASC);
                CREATE INDEX users_gin ON users USING gin (to_tsvector('simple', email));
                ALTER INDEX users_gin RENAME TO users_fts;
                DROP INDEX IF EXISTS users_nothing;
                """);
        var idx = table(m, "public", "users").indexes();
        assertThat(idx).containsOnlyKeys("users_email_lower", "users_created_at_id_idx", "users_fts");
        assertThat(idx.get("users_email_lower")).isEqualTo(new Index(pub("users_email_lower"), pub("users"), true,
                "btree", List.of("lower(email)"), List.of("id"), "active", false, null));
        assertThat(idx.get("users_created_at_id_idx").keys()).containsExactly("created_at DESC NULLS LAST", "id");
        assertThat(idx.get("users_fts").method()).isEqualTo("gin");
        SchemaModel dropped = new DdlInterpreter().interpret(m, List.of(new SqlSource("d.sql",
                "DROP INDEX CONCURRENTLY IF EXISTS public.users_fts")));
        assertThat(table(dropped, "public", "users").indexes()).doesNotContainKey("users_fts");
    }

    @Test
    void viewsKeepTheirQueryAndDependencies() {
        SchemaModel m = run("""
                CREATE TABLE users (id int, name text);
                CREATE TABLE orders (user_id int);
                CREATE VIEW user_orders AS
                  SELECT u.id, count(*) AS n   -- per user
                  FROM users u JOIN public.orders o ON o.user_id = u.id GROUP BY u.id;
                CREATE OR REPLACE VIEW names (n) WITH (security_barrier = true) AS SELECT name FROM users
                  WITH LOCAL CHECK OPTION;
                CREATE MATERIALIZED VIEW totals AS SELECT n FROM user_orders WITH NO DATA;
                """);
        View v = m.views().get(pub("user_orders"));
        assertThat(v.query()).isEqualTo("select u.id, count(*) as n from users u join public.orders o on "
                + "o.user_id = u.id group by u.id");
        assertThat(v.dependsOn()).containsExactlyInAnyOrder(ObjectRef.table(pub("users")),
                ObjectRef.table(pub("orders")));
        View names = m.views().get(pub("names"));
        assertThat(names.columnNames()).containsExactly("n");
        assertThat(names.options()).containsExactly("security_barrier=true");
        assertThat(names.checkOption()).isEqualTo("local");
        View totals = m.views().get(pub("totals"));
        assertThat(totals.materialized()).isTrue();
        assertThat(totals.dependsOn()).containsExactly(new ObjectRef(ObjectRef.Kind.VIEW, "public.user_orders"));
        SchemaModel dropped = new DdlInterpreter().interpret(m, List.of(new SqlSource("d.sql",
                "DROP VIEW user_orders CASCADE")));
        assertThat(dropped.views()).containsOnlyKeys(pub("names"));
    }

    @Test
    void sequencesGetPostgresqlDefaults() {
        SchemaModel m = run("""
                CREATE TABLE t (id int);
                CREATE SEQUENCE s1;
                CREATE SEQUENCE IF NOT EXISTS s2 AS integer INCREMENT BY -1;
                CREATE SEQUENCE s3 START WITH 100 CACHE 20 CYCLE OWNED BY t.id;
                ALTER SEQUENCE s1 AS smallint;
                ALTER SEQUENCE s3 INCREMENT 5 RESTART WITH 7 OWNED BY NONE;
                """);
        assertThat(m.sequences().get(pub("s1"))).isEqualTo(new Sequence(pub("s1"), "smallint", 1, 1, 1, 32767, 1,
                false, null, null));
        assertThat(m.sequences().get(pub("s2"))).isEqualTo(new Sequence(pub("s2"), "integer", -1, -1,
                Integer.MIN_VALUE, -1, 1, false, null, null));
        Sequence s3 = m.sequences().get(pub("s3"));
        assertThat(s3.start()).isEqualTo(100);
        assertThat(s3.increment()).isEqualTo(5);
        assertThat(s3.cache()).isEqualTo(20);
        assertThat(s3.cycle()).isTrue();
        assertThat(s3.ownedBy()).isNull();
        SchemaModel dropped = new DdlInterpreter().interpret(m, List.of(new SqlSource("d.sql",
                "DROP SEQUENCE s1, s2")));
        assertThat(dropped.sequences()).containsOnlyKeys(pub("s3"));
    }

    @Test
    void enumsCompositesDomainsExtensionsCollations() {
        SchemaModel m = run("""
                CREATE EXTENSION IF NOT EXISTS "uuid-ossp" WITH SCHEMA public VERSION '1.1';
                CREATE EXTENSION citext;
                CREATE TYPE mood AS ENUM ('sad', 'happy');
                ALTER TYPE mood ADD VALUE IF NOT EXISTS 'ok' BEFORE 'happy';
                ALTER TYPE mood ADD VALUE 'ecstatic';
                ALTER TYPE mood RENAME VALUE 'sad' TO 'blue';
                CREATE TYPE pair AS (a int4, b text COLLATE "C");
                CREATE DOMAIN email AS citext NOT NULL CHECK (value ~ '@') DEFAULT 'x@y';
                CREATE COLLATION german (provider = icu, locale = 'de-DE', deterministic = false);
                CREATE TABLE t (m mood, p pair, e email);
                """);
        assertThat(m.enums().get(pub("mood")).labels()).containsExactly("blue", "ok", "happy", "ecstatic");
        assertThat(m.composites().get(pub("pair"))).isEqualTo(new CompositeType(pub("pair"), List.of(
                new CompositeType.Attribute("a", "integer", null), new CompositeType.Attribute("b", "text", "\"C\"")),
                null));
        Domain d = m.domains().get(pub("email"));
        assertThat(d.baseType()).isEqualTo("public.citext");
        assertThat(d.notNull()).isTrue();
        assertThat(d.defaultExpression()).isEqualTo("'x@y'");
        assertThat(d.checks()).singleElement().satisfies(c -> {
            assertThat(c.name()).isEqualTo("email_check");
            assertThat(c.definition()).isEqualTo("CHECK ((VALUE ~ '@'))");
        });
        assertThat(m.extensions()).containsEntry("uuid-ossp", new Extension("uuid-ossp", "public", "1.1"))
                .containsEntry("citext", new Extension("citext", "public", null));
        assertThat(m.collations().get(pub("german"))).isEqualTo(new Collation(pub("german"), "icu", "de-DE", null,
                null, false));
        assertThat(table(m, "public", "t").columns()).extracting(c -> c.type()).containsExactly("public.mood",
                "public.pair", "public.email");
        SchemaModel renamed = new DdlInterpreter().interpret(m, List.of(new SqlSource("r.sql",
                "CREATE SCHEMA x; ALTER TYPE mood SET SCHEMA x;")));
        assertThat(table(renamed, "public", "t").column("m").orElseThrow().type()).isEqualTo("x.mood");
    }

    @Test
    void functionsProceduresAndSignatures() {
        SchemaModel m = run("""
                CREATE FUNCTION add(a int, b INTEGER DEFAULT 1) RETURNS int
                  LANGUAGE sql IMMUTABLE AS $$ SELECT a + b $$;
                CREATE OR REPLACE FUNCTION public.add(x numeric, VARIADIC rest numeric[]) RETURNS numeric AS '
                  SELECT x' LANGUAGE sql;
                CREATE FUNCTION split(IN s text, OUT head text, OUT tail text) LANGUAGE sql AS 'SELECT s, s';
                CREATE PROCEDURE tidy(days int) LANGUAGE plpgsql AS $body$
                  BEGIN
                    DELETE FROM t WHERE age > days; -- old ones
                  END
                $body$;
                DROP FUNCTION add(numeric, numeric[]);
                """);
        RoutineSignature add = new RoutineSignature(pub("add"), List.of("integer", "integer"));
        assertThat(m.routines()).containsOnlyKeys(add, new RoutineSignature(pub("split"), List.of("text")),
                new RoutineSignature(pub("tidy"), List.of("integer")));
        Routine r = m.routines().get(add);
        assertThat(r.returnType()).isEqualTo("integer");
        assertThat(r.language()).isEqualTo("sql");
        assertThat(r.definition()).isEqualTo("CREATE OR REPLACE FUNCTION public.add(a integer, b integer DEFAULT 1)\n"
                + " RETURNS integer\n LANGUAGE sql\n IMMUTABLE\nAS $function$ SELECT a + b $function$");
        assertThat(m.routines().get(new RoutineSignature(pub("split"), List.of("text"))).returnType())
                .isEqualTo("record");
        Routine tidy = m.routines().get(new RoutineSignature(pub("tidy"), List.of("integer")));
        assertThat(tidy.kind()).isEqualTo(Routine.Kind.PROCEDURE);
        assertThat(tidy.returnType()).isNull();
        // the body exactly as written, indentation and comment included
        assertThat(tidy.definition()).endsWith("AS $procedure$\n  BEGIN\n    DELETE FROM t WHERE age > days; -- old ones\n"
                + "  END\n$procedure$");
        SchemaModel dropped = new DdlInterpreter().interpret(m, List.of(new SqlSource("d.sql",
                "DROP FUNCTION split; DROP PROCEDURE IF EXISTS tidy(int);")));
        assertThat(dropped.routines()).containsOnlyKeys(add);
    }

    @Test
    void triggersAndPolicies() {
        SchemaModel m = run("""
                CREATE TABLE t (id int, owner text);
                CREATE FUNCTION touch() RETURNS trigger LANGUAGE plpgsql AS $$ BEGIN RETURN NEW; END $$;
                CREATE TRIGGER t_touch BEFORE UPDATE OF owner ON t FOR EACH ROW WHEN (OLD.* IS DISTINCT FROM NEW.*)
                  EXECUTE PROCEDURE touch();
                ALTER TABLE t DISABLE TRIGGER t_touch;
                ALTER TABLE t ENABLE ROW LEVEL SECURITY;
                CREATE POLICY mine ON t AS RESTRICTIVE FOR UPDATE TO app, admin USING (owner = current_user)
                  WITH CHECK (owner = current_user);
                CREATE POLICY everyone ON t USING (true);
                ALTER POLICY everyone ON t RENAME TO all_rows;
                """);
        Trigger trg = table(m, "public", "t").triggers().get("t_touch");
        assertThat(trg.definition()).isEqualTo("CREATE TRIGGER t_touch BEFORE UPDATE OF owner ON public.t FOR EACH ROW "
                + "WHEN (old.* is distinct from new.*) EXECUTE FUNCTION public.touch()");
        assertThat(trg.function()).isEqualTo(new RoutineSignature(pub("touch"), List.of()));
        assertThat(trg.enabled()).isEqualTo('D');
        assertThat(table(m, "public", "t").policies()).containsOnlyKeys("mine", "all_rows");
        assertThat(table(m, "public", "t").policies().get("mine")).isEqualTo(new Policy("mine", pub("t"), false,
                "UPDATE", List.of("admin", "app"), "owner = current_user", "owner = current_user"));
        SchemaModel dropped = new DdlInterpreter().interpret(m, List.of(new SqlSource("d.sql",
                "DROP TRIGGER t_touch ON t; DROP POLICY IF EXISTS mine ON t;")));
        assertThat(table(dropped, "public", "t").triggers()).isEmpty();
        assertThat(table(dropped, "public", "t").policies()).containsOnlyKeys("all_rows");
    }

    @Test
    void commentsGrantsAndOwners() {
        SchemaModel m = run("""
                CREATE SCHEMA app;
                CREATE TABLE app.users (id int, email text, CONSTRAINT users_pk PRIMARY KEY (id));
                CREATE SEQUENCE app.s;
                CREATE FUNCTION app.f(int) RETURNS int LANGUAGE sql AS 'SELECT 1';
                COMMENT ON TABLE app.users IS 'people';
                COMMENT ON COLUMN app.users.email IS 'how to reach them';
                COMMENT ON CONSTRAINT users_pk ON app.users IS 'the key';
                COMMENT ON FUNCTION app.f(integer) IS 'one';
                COMMENT ON SCHEMA app IS 'the app';
                COMMENT ON SCHEMA app IS NULL;
                GRANT SELECT, INSERT ON app.users TO reader;
                GRANT ALL ON SEQUENCE app.s TO writer WITH GRANT OPTION;
                GRANT UPDATE (email) ON TABLE app.users TO editor;
                GRANT USAGE ON SCHEMA app TO PUBLIC;
                GRANT EXECUTE ON FUNCTION app.f(int) TO reader;
                GRANT SELECT ON ALL TABLES IN SCHEMA app TO auditor;
                REVOKE INSERT ON app.users FROM reader;
                GRANT admin TO someone;
                ALTER TABLE app.users OWNER TO owner1;
                ALTER FUNCTION app.f(integer) OWNER TO owner2;
                ALTER SCHEMA app OWNER TO owner3;
                """);
        QualifiedName users = QualifiedName.of("app", "users");
        assertThat(m.comments()).containsOnlyKeys(ObjectRef.table(users), ObjectRef.column(users, "email"),
                new ObjectRef(ObjectRef.Kind.CONSTRAINT, "users_pk ON app.users"),
                new ObjectRef(ObjectRef.Kind.FUNCTION, "app.f(integer)"));
        ObjectRef usersRef = ObjectRef.table(users);
        ObjectRef seq = new ObjectRef(ObjectRef.Kind.SEQUENCE, "app.s");
        assertThat(m.grants()).containsExactlyInAnyOrder(
                new Grant(usersRef, "reader", "SELECT", false),
                new Grant(usersRef, "auditor", "SELECT", false),
                new Grant(ObjectRef.column(users, "email"), "editor", "UPDATE", false),
                new Grant(seq, "writer", "SELECT", true), new Grant(seq, "writer", "UPDATE", true),
                new Grant(seq, "writer", "USAGE", true),
                new Grant(new ObjectRef(ObjectRef.Kind.SCHEMA, "app"), "PUBLIC", "USAGE", false),
                new Grant(new ObjectRef(ObjectRef.Kind.FUNCTION, "app.f(integer)"), "reader", "EXECUTE", false));
        assertThat(table(m, "app", "users").owner()).isEqualTo("owner1");
        assertThat(m.routines().get(new RoutineSignature(QualifiedName.of("app", "f"), List.of("integer"))).owner())
                .isEqualTo("owner2");
        assertThat(m.schemas().get("app").owner()).isEqualTo("owner3");
    }

    @Test
    void dropSchemaCascadeEmptiesIt() {
        SchemaModel m = run("""
                CREATE SCHEMA x;
                CREATE TABLE x.t (id serial);
                CREATE TYPE x.e AS ENUM ('a');
                CREATE VIEW x.v AS SELECT id FROM x.t;
                CREATE TABLE keep (id int);
                DROP SCHEMA x CASCADE;
                """);
        assertThat(m.schemas()).containsOnlyKeys("public");
        assertThat(m.tables()).containsOnlyKeys(pub("keep"));
        assertThat(m.sequences()).isEmpty();
        assertThat(m.enums()).isEmpty();
        assertThat(m.views()).isEmpty();
    }

    /** pg_dump's operator statements: an opaque object by name and argument types, dropped by that identity. */
    @Test
    void operatorsAreOpaqueObjectsWithTheirSignature() {
        SchemaModel m = run("""
                CREATE FUNCTION public.same(a integer, b integer) RETURNS boolean LANGUAGE sql AS $$ SELECT a = b $$;
                CREATE OPERATOR public.=== (
                    FUNCTION = public.same,
                    LEFTARG = integer,
                    RIGHTARG = integer
                );
                ALTER OPERATOR public.=== (integer, integer) OWNER TO postgres;
                CREATE OPERATOR !! (PROCEDURE = public.same, LEFTARG = integer, RIGHTARG = integer, COMMUTATOR = !!);
                DROP OPERATOR IF EXISTS !! (integer, integer), public.@@ (NONE, integer);
                """);
        ObjectRef ref = new ObjectRef(ObjectRef.Kind.OPERATOR, "public.=== (integer, integer)");
        assertThat(m.others()).containsOnlyKeys(ref);
        assertThat(m.others().get(ref).createSql())
                .isEqualTo("create operator public.=== (function = public.same, leftarg = integer, rightarg = integer)");
        assertThat(m.others().get(ref).dropSql()).isEqualTo("DROP OPERATOR public.=== (integer, integer)");
        org.assertj.core.api.Assertions.assertThatThrownBy(() -> run("DROP OPERATOR public.=== (integer, integer);"))
                .hasMessageContaining("operator public.=== (integer, integer) does not exist");
    }
}
