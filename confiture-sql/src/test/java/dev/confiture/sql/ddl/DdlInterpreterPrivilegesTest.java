package dev.confiture.sql.ddl;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;

import dev.confiture.model.ConfitureException;
import dev.confiture.model.schema.Grant;
import dev.confiture.model.schema.ObjectRef;
import dev.confiture.model.schema.ObjectRef.Kind;
import dev.confiture.model.schema.SchemaModel;

/**
 * Default privileges (kept as the difference from PostgreSQL's built-in defaults, and applied to objects created
 * later), grants on foreign data wrappers, servers and foreign tables, and security labels. CatalogReaderPrivilegesTest
 * and PgDumpProofTest hold the same against a real catalog.
 */
class DdlInterpreterPrivilegesTest {

    private static SchemaModel run(String sql) {
        return new DdlInterpreter().interpret(SchemaModel.empty(), List.of(new SqlSource("s.sql", sql)));
    }

    private static List<Grant> defaults(SchemaModel m) {
        return m.grants().stream().filter(g -> g.object().kind() == Kind.DEFAULT_PRIVILEGES
                || g.object().kind() == Kind.DEFAULT_PRIVILEGES_REVOKED).toList();
    }

    private static Grant granted(String identity, String grantee, String privilege, boolean option) {
        return new Grant(new ObjectRef(Kind.DEFAULT_PRIVILEGES, identity), grantee, privilege, option);
    }

    private static Grant revoked(String identity, String grantee, String privilege) {
        return new Grant(new ObjectRef(Kind.DEFAULT_PRIVILEGES_REVOKED, identity), grantee, privilege, false);
    }

    @Test
    void defaultPrivilegesAreKeptAsTheirDifferenceFromTheBuiltInOnes() {
        SchemaModel m = run("""
                CREATE SCHEMA app;
                ALTER DEFAULT PRIVILEGES FOR ROLE owner IN SCHEMA app GRANT SELECT, UPDATE ON TABLES TO reader, PUBLIC;
                ALTER DEFAULT PRIVILEGES FOR ROLE owner IN SCHEMA app REVOKE UPDATE ON TABLES FROM PUBLIC;
                ALTER DEFAULT PRIVILEGES FOR ROLE owner REVOKE EXECUTE ON ROUTINES FROM PUBLIC;
                ALTER DEFAULT PRIVILEGES FOR ROLE owner GRANT USAGE ON TYPES TO reader WITH GRANT OPTION;
                -- pg_dump's form of the owner's TRIGGER taken away: everything revoked, the rest granted back
                ALTER DEFAULT PRIVILEGES FOR ROLE owner REVOKE ALL ON TABLES FROM owner;
                ALTER DEFAULT PRIVILEGES FOR ROLE owner GRANT SELECT,INSERT,UPDATE,DELETE,TRUNCATE,REFERENCES ON TABLES TO owner;
                ALTER DEFAULT PRIVILEGES IN SCHEMA app GRANT ALL ON SEQUENCES TO reader;
                ALTER DEFAULT PRIVILEGES GRANT USAGE ON SCHEMAS TO PUBLIC;
                """);
        assertThat(defaults(m)).containsExactlyInAnyOrder(
                granted("FOR ROLE owner IN SCHEMA app ON TABLES", "reader", "SELECT", false),
                granted("FOR ROLE owner IN SCHEMA app ON TABLES", "reader", "UPDATE", false),
                granted("FOR ROLE owner IN SCHEMA app ON TABLES", "PUBLIC", "SELECT", false),
                revoked("FOR ROLE owner ON FUNCTIONS", "PUBLIC", "EXECUTE"),
                granted("FOR ROLE owner ON TYPES", "reader", "USAGE", true),
                revoked("FOR ROLE owner ON TABLES", "owner", "TRIGGER"),
                granted("IN SCHEMA app ON SEQUENCES", "reader", "SELECT", false),
                granted("IN SCHEMA app ON SEQUENCES", "reader", "UPDATE", false),
                granted("IN SCHEMA app ON SEQUENCES", "reader", "USAGE", false),
                granted("ON SCHEMAS", "PUBLIC", "USAGE", false));
    }

    @Test
    void givingBackWhatWasTakenLeavesNothingAndGrantOptionsCanBeTakenAlone() {
        SchemaModel m = run("""
                ALTER DEFAULT PRIVILEGES FOR ROLE owner REVOKE EXECUTE ON FUNCTIONS FROM PUBLIC;
                ALTER DEFAULT PRIVILEGES FOR ROLE owner GRANT EXECUTE ON FUNCTIONS TO PUBLIC;
                ALTER DEFAULT PRIVILEGES IN SCHEMA public GRANT SELECT ON TABLES TO reader WITH GRANT OPTION;
                ALTER DEFAULT PRIVILEGES IN SCHEMA public REVOKE GRANT OPTION FOR SELECT ON TABLES FROM reader;
                ALTER DEFAULT PRIVILEGES GRANT INSERT ON TABLES TO reader;
                ALTER DEFAULT PRIVILEGES REVOKE INSERT ON TABLES FROM reader;
                """);
        assertThat(defaults(m)).containsExactly(granted("IN SCHEMA public ON TABLES", "reader", "SELECT", false));
    }

    @Test
    void objectsCreatedLaterGetWhatTheCurrentUsersDefaultPrivilegesGive() {
        SchemaModel m = run("""
                CREATE SCHEMA app;
                ALTER DEFAULT PRIVILEGES IN SCHEMA app GRANT SELECT ON TABLES TO reader;
                ALTER DEFAULT PRIVILEGES IN SCHEMA app GRANT USAGE ON SEQUENCES TO reader WITH GRANT OPTION;
                ALTER DEFAULT PRIVILEGES GRANT EXECUTE ON FUNCTIONS TO reader;
                ALTER DEFAULT PRIVILEGES GRANT USAGE ON TYPES TO PUBLIC;
                ALTER DEFAULT PRIVILEGES GRANT CREATE ON SCHEMAS TO reader;
                ALTER DEFAULT PRIVILEGES FOR ROLE someone_else GRANT ALL ON TABLES TO PUBLIC;
                CREATE TABLE app.t (id serial, name text);
                CREATE VIEW app.v AS SELECT id FROM app.t;
                CREATE TABLE public.u (id integer);
                CREATE FUNCTION app.f() RETURNS integer LANGUAGE sql AS $$ SELECT 1 $$;
                CREATE TYPE app.e AS ENUM ('a');
                CREATE DOMAIN app.d AS integer;
                CREATE SCHEMA later;
                """);
        List<Grant> onObjects = m.grants().stream().filter(g -> g.object().kind() != Kind.DEFAULT_PRIVILEGES
                && g.object().kind() != Kind.DEFAULT_PRIVILEGES_REVOKED).toList();
        assertThat(onObjects).containsExactlyInAnyOrder(
                new Grant(new ObjectRef(Kind.TABLE, "app.t"), "reader", "SELECT", false),
                new Grant(new ObjectRef(Kind.VIEW, "app.v"), "reader", "SELECT", false),
                new Grant(new ObjectRef(Kind.SEQUENCE, "app.t_id_seq"), "reader", "USAGE", true),
                new Grant(new ObjectRef(Kind.FUNCTION, "app.f()"), "reader", "EXECUTE", false),
                new Grant(new ObjectRef(Kind.SCHEMA, "later"), "reader", "CREATE", false));
    }

    @Test
    void dropSchemaTakesItsDefaultPrivilegesAlong() {
        SchemaModel m = run("""
                CREATE SCHEMA app;
                ALTER DEFAULT PRIVILEGES IN SCHEMA app GRANT SELECT ON TABLES TO reader;
                ALTER DEFAULT PRIVILEGES GRANT SELECT ON TABLES TO reader;
                DROP SCHEMA app;
                """);
        assertThat(defaults(m)).containsExactly(granted("ON TABLES", "reader", "SELECT", false));
    }

    @Test
    void defaultPrivilegesPostgresqlRefusesAreRefusedWithTheReason() {
        assertThatThrownBy(() -> run("ALTER DEFAULT PRIVILEGES IN SCHEMA public GRANT USAGE ON SCHEMAS TO reader;"))
                .isInstanceOf(ConfitureException.class).hasMessageContaining("s.sql:1")
                .hasMessageContaining("cannot use IN SCHEMA clause");
        assertThatThrownBy(() -> run("\nALTER DEFAULT PRIVILEGES GRANT EXECUTE ON TABLES TO reader;"))
                .isInstanceOf(ConfitureException.class).hasMessageContaining("s.sql:2")
                .hasMessageContaining("invalid privilege type EXECUTE for tables");
        assertThatThrownBy(() -> run("ALTER DEFAULT PRIVILEGES GRANT SELECT ON TABLES TO PUBLIC WITH GRANT OPTION;"))
                .isInstanceOf(ConfitureException.class).hasMessageContaining("grant options can only be granted to roles");
        assertThatThrownBy(() -> run("ALTER DEFAULT PRIVILEGES GRANT SELECT ON LARGE OBJECTS TO reader;"))
                .isInstanceOf(ConfitureException.class).hasMessageContaining("LARGE OBJECTS");
    }

    @Test
    void grantsOnForeignDataWrappersServersAndForeignTablesAreKept() {
        SchemaModel m = run("""
                CREATE FOREIGN DATA WRAPPER w;
                CREATE SERVER s FOREIGN DATA WRAPPER w;
                CREATE FOREIGN TABLE public.ft (id integer, name text) SERVER s;
                CREATE FOREIGN TABLE public.gone (id integer) SERVER s;
                GRANT USAGE ON FOREIGN DATA WRAPPER w TO reader WITH GRANT OPTION;
                GRANT ALL ON FOREIGN SERVER s TO PUBLIC;
                GRANT SELECT ON ft TO reader;
                GRANT UPDATE (name) ON TABLE public.ft TO reader;
                GRANT SELECT ON public.gone, public.ft TO PUBLIC;
                REVOKE SELECT ON public.ft FROM PUBLIC;
                DROP FOREIGN TABLE public.gone;
                """);
        assertThat(m.grants()).containsExactlyInAnyOrder(
                new Grant(new ObjectRef(Kind.FOREIGN_DATA_WRAPPER, "w"), "reader", "USAGE", true),
                new Grant(new ObjectRef(Kind.SERVER, "s"), "PUBLIC", "USAGE", false),
                new Grant(new ObjectRef(Kind.FOREIGN_TABLE, "public.ft"), "reader", "SELECT", false),
                new Grant(new ObjectRef(Kind.COLUMN, "public.ft.name"), "reader", "UPDATE", false));
        assertThatThrownBy(() -> run("GRANT USAGE ON FOREIGN SERVER nowhere TO reader;"))
                .isInstanceOf(ConfitureException.class).hasMessageContaining("s.sql:1")
                .hasMessageContaining("server nowhere does not exist");
    }

    @Test
    void securityLabelsAreOpaqueObjectsKeyedByProviderAndObject() {
        SchemaModel m = run("""
                CREATE TABLE t (id integer, secret text);
                CREATE FOREIGN DATA WRAPPER w;
                CREATE SERVER s FOREIGN DATA WRAPPER w;
                CREATE FOREIGN TABLE ft (id integer) SERVER s;
                CREATE FUNCTION f(a integer) RETURNS integer LANGUAGE sql AS $$ SELECT a $$;
                SECURITY LABEL FOR selinux ON TABLE t IS 'system_u:object_r:sepgsql_table_t:s0';
                SECURITY LABEL FOR selinux ON COLUMN t.secret IS 'secret';
                SECURITY LABEL FOR other ON COLUMN t.secret IS 'it''s';
                SECURITY LABEL ON FOREIGN TABLE ft IS 'remote';
                SECURITY LABEL FOR selinux ON FUNCTION f(integer) IS 'fn';
                SECURITY LABEL FOR selinux ON FUNCTION f(integer) IS NULL;
                SECURITY LABEL FOR selinux ON DATABASE postgres IS 'db';
                ALTER TABLE t RENAME TO u;
                """);
        assertThat(m.others().keySet().stream().filter(r -> r.kind() == Kind.SECURITY_LABEL).map(ObjectRef::identity))
                .containsExactlyInAnyOrder("FOR selinux ON TABLE public.u", "FOR selinux ON COLUMN public.u.secret",
                        "FOR other ON COLUMN public.u.secret", "ON FOREIGN TABLE public.ft");
        ObjectRef other = new ObjectRef(Kind.SECURITY_LABEL, "FOR other ON COLUMN public.u.secret");
        assertThat(m.others().get(other).createSql())
                .isEqualTo("SECURITY LABEL FOR other ON COLUMN public.u.secret IS 'it''s'");
        assertThat(m.others().get(other).dropSql()).isEqualTo("SECURITY LABEL FOR other ON COLUMN public.u.secret IS NULL");

        SchemaModel dropped = run("""
                CREATE TABLE t (id integer);
                SECURITY LABEL FOR selinux ON TABLE t IS 'x';
                SECURITY LABEL FOR selinux ON COLUMN t.id IS 'y';
                DROP TABLE t;
                """);
        assertThat(dropped.others()).isEmpty();
        assertThatThrownBy(() -> run("CREATE TABLE x (a integer);\nCREATE INDEX i ON x (a);\nSECURITY LABEL ON INDEX i IS 'x';"))
                .isInstanceOf(ConfitureException.class).hasMessageContaining("s.sql:3")
                .hasMessageContaining("SECURITY LABEL ON 'INDEX' is not supported");
        assertThatThrownBy(() -> run("CREATE TABLE x (a integer);\nSECURITY LABEL ON COLUMN x.nope IS 'x';"))
                .isInstanceOf(ConfitureException.class).hasMessageContaining("s.sql:2")
                .hasMessageContaining("column public.x.nope does not exist");
        assertThatThrownBy(() -> run("SECURITY LABEL ON FOREIGN TABLE nope IS 'x';"))
                .isInstanceOf(ConfitureException.class).hasMessageContaining("foreign table public.nope does not exist");
    }

    /** Every kind a label may name, created under names that need quotes, so that each is found by its own name. */
    private static final String LABELLED_OBJECTS = """
            CREATE SCHEMA "S 1";
            CREATE TABLE "S 1"."T" (id integer, "Secret" text);
            CREATE VIEW "S 1".v (id) AS SELECT id FROM "S 1"."T";
            CREATE MATERIALIZED VIEW "S 1".mv ("Id") AS SELECT id FROM "S 1"."T";
            CREATE SEQUENCE "S 1".seq;
            CREATE TYPE "S 1".mood AS ENUM ('ok');
            CREATE TYPE "S 1".pair AS (a integer, b integer);
            CREATE DOMAIN "S 1".positive AS integer CHECK (VALUE > 0);
            CREATE FUNCTION "S 1".f(a integer, b text) RETURNS integer LANGUAGE sql AS $$ SELECT a $$;
            CREATE PROCEDURE "S 1".p() LANGUAGE sql AS $$ SELECT 1 $$;
            """;

    @Test
    void aSecurityLabelIsTakenOnEveryKindThatExistsAndRefusedOnOneThatDoesNot() {
        List<String> present = List.of("SCHEMA \"S 1\"", "TABLE \"S 1\".\"T\"", "COLUMN \"S 1\".\"T\".\"Secret\"",
                "VIEW \"S 1\".v", "COLUMN \"S 1\".v.id", "MATERIALIZED VIEW \"S 1\".mv", "COLUMN \"S 1\".mv.\"Id\"",
                "SEQUENCE \"S 1\".seq", "TABLE \"S 1\".seq", "TYPE \"S 1\".mood", "TYPE \"S 1\".pair",
                "DOMAIN \"S 1\".positive", "FUNCTION \"S 1\".f(integer, text)", "PROCEDURE \"S 1\".p()");
        for (String target : present) {
            SchemaModel m = run(LABELLED_OBJECTS + "SECURITY LABEL FOR p ON " + target + " IS 'x';");
            assertThat(m.others().keySet()).as(target).anyMatch(r -> r.kind() == Kind.SECURITY_LABEL);
        }
        List<String> missing = List.of("SCHEMA s1", "TABLE \"S 1\".t", "COLUMN \"S 1\".\"T\".secret", "COLUMN \"S 1\".v.nope",
                "VIEW \"S 1\".nope", "SEQUENCE \"S 1\".nope", "TYPE \"S 1\".nope", "TYPE \"S 1\".positive",
                "DOMAIN \"S 1\".mood", "FUNCTION \"S 1\".f(integer)", "FUNCTION \"S 1\".f(integer, integer)");
        for (String target : missing) {
            assertThatThrownBy(() -> run(LABELLED_OBJECTS + "SECURITY LABEL FOR p ON " + target + " IS 'x';")).as(target)
                    .isInstanceOf(ConfitureException.class).hasMessageContaining("does not exist");
        }
    }

    @Test
    void grantAllGivesThePrivilegesPostgresListsForEachKind() {
        String tables = "SELECT INSERT UPDATE DELETE TRUNCATE REFERENCES TRIGGER";
        Map<String, String> expected = new LinkedHashMap<>();
        expected.put("TABLE t", tables);
        expected.put("v", tables);
        expected.put("mv", tables);
        expected.put("ft", tables);
        expected.put("SEQUENCE seq", "SELECT UPDATE USAGE");
        expected.put("FUNCTION f(integer)", "EXECUTE");
        expected.put("PROCEDURE p()", "EXECUTE");
        expected.put("SCHEMA app", "USAGE CREATE");
        expected.put("TYPE mood", "USAGE");
        expected.put("DOMAIN positive", "USAGE");
        expected.put("FOREIGN DATA WRAPPER w", "USAGE");
        expected.put("FOREIGN SERVER s", "USAGE");
        String objects = """
                CREATE SCHEMA app;
                CREATE TABLE t (id integer);
                CREATE VIEW v AS SELECT id FROM t;
                CREATE MATERIALIZED VIEW mv AS SELECT id FROM t;
                CREATE FOREIGN DATA WRAPPER w;
                CREATE SERVER s FOREIGN DATA WRAPPER w;
                CREATE FOREIGN TABLE ft (id integer) SERVER s;
                CREATE SEQUENCE seq;
                CREATE FUNCTION f(a integer) RETURNS integer LANGUAGE sql AS $$ SELECT a $$;
                CREATE PROCEDURE p() LANGUAGE sql AS $$ SELECT 1 $$;
                CREATE TYPE mood AS ENUM ('ok');
                CREATE DOMAIN positive AS integer CHECK (VALUE > 0);
                """;
        expected.forEach((object, privileges) -> {
            SchemaModel m = run(objects + "GRANT ALL ON " + object + " TO reader;");
            assertThat(m.grants().stream().filter(g -> g.grantee().equals("reader")).map(Grant::privilege))
                    .as(object).containsExactlyInAnyOrder(privileges.split(" "));
        });
    }

    /** A privilege revoked on a table goes from each of its columns too, as PostgreSQL's REVOKE does. */
    @Test
    void aTableRevokeTakesTheColumnGrantsAlong() {
        SchemaModel m = new DdlInterpreter().interpret(SchemaModel.empty(), List.of(new SqlSource("g.sql", """
                CREATE TABLE cg (id int, secret text);
                GRANT SELECT (id), UPDATE (secret) ON cg TO PUBLIC;
                REVOKE SELECT ON cg FROM PUBLIC;
                """)));
        assertThat(m.grants()).extracting(g -> g.object().identity() + " " + g.privilege())
                .containsExactly("public.cg.secret UPDATE");
    }
}
