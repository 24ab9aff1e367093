package dev.confiture.runner.catalog;

import static org.assertj.core.api.Assertions.assertThat;

import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.List;
import java.util.Set;

import org.junit.jupiter.api.Test;

import dev.confiture.model.schema.Grant;
import dev.confiture.model.schema.ObjectRef;
import dev.confiture.model.schema.ObjectRef.Kind;
import dev.confiture.model.schema.SchemaModel;
import dev.confiture.sql.ddl.DdlInterpreter;
import dev.confiture.sql.ddl.SqlSource;
import dev.confiture.testing.TestDatabase;
import dev.confiture.testing.TestPostgres;

/**
 * The catalog reader on default privileges (pg_default_acl against acldefault, as pg_dump compares them), grants
 * on foreign data wrappers, servers and foreign tables, statistics targets and loose operator-family members, on
 * whatever server the build uses; and the DDL interpreter's reading of the same SQL, objects created after the
 * default privileges included, against it. Security labels need a label provider, which a stock server lacks: the
 * reader's query runs and finds none.
 */
class CatalogReaderPrivilegesTest {

    private static SchemaModel read(TestDatabase db) throws SQLException {
        try (Connection c = db.connect()) {
            return new CatalogReader().read(c);
        }
    }

    private static String currentUser(TestDatabase db) throws SQLException {
        try (Connection c = db.connect(); Statement st = c.createStatement();
             ResultSet rs = st.executeQuery("SELECT current_user")) {
            rs.next();
            return rs.getString(1);
        }
    }

    @Test
    void defaultPrivilegesAreReadAsTheirDifferenceFromTheBuiltInOnesAndReachLaterObjectsAsTheInterpreterSays()
            throws SQLException {
        String role = "confiture_reader_" + Long.toHexString(System.nanoTime());
        String sql = """
                CREATE SCHEMA app;
                ALTER DEFAULT PRIVILEGES IN SCHEMA app GRANT SELECT ON TABLES TO %1$s WITH GRANT OPTION;
                ALTER DEFAULT PRIVILEGES IN SCHEMA app GRANT USAGE, SELECT ON SEQUENCES TO PUBLIC;
                ALTER DEFAULT PRIVILEGES GRANT EXECUTE ON FUNCTIONS TO %1$s;
                ALTER DEFAULT PRIVILEGES REVOKE USAGE ON TYPES FROM PUBLIC;
                ALTER DEFAULT PRIVILEGES GRANT CREATE ON SCHEMAS TO %1$s;
                ALTER DEFAULT PRIVILEGES GRANT INSERT ON TABLES TO PUBLIC;
                CREATE TABLE app.t (id serial, name text);
                CREATE VIEW app.v AS SELECT id FROM app.t;
                CREATE MATERIALIZED VIEW app.m AS SELECT id FROM app.t;
                CREATE TABLE public.u (id integer);
                CREATE SEQUENCE public.s;
                CREATE FUNCTION app.f() RETURNS integer LANGUAGE sql AS $$ SELECT 1 $$;
                CREATE PROCEDURE app.p() LANGUAGE sql AS $$ SELECT 1 $$;
                CREATE TYPE app.e AS ENUM ('a');
                CREATE DOMAIN app.d AS integer;
                CREATE SCHEMA later;
                ALTER DEFAULT PRIVILEGES REVOKE TRIGGER ON TABLES FROM CURRENT_USER;
                """.formatted(role);
        SchemaModel empty;
        try (TestDatabase db = TestPostgres.newDatabase("defacl_empty")) {
            empty = read(db); // what CREATE DATABASE leaves (the public schema's grant)
        }
        try (TestDatabase db = TestPostgres.newDatabase("defacl")) {
            db.execute("CREATE ROLE " + role + " NOLOGIN");
            try {
                db.execute(sql);
                String me = currentUser(db);
                SchemaModel catalog = read(db);
                SchemaModel interpreted = new DdlInterpreter().interpret(empty,
                        List.of(new SqlSource("defacl.sql", sql)));

                List<Grant> defaults = catalog.grants().stream().filter(g -> Set.of(Kind.DEFAULT_PRIVILEGES,
                        Kind.DEFAULT_PRIVILEGES_REVOKED).contains(g.object().kind())).toList();
                String forMe = "FOR ROLE " + me + " ";
                assertThat(defaults).containsExactlyInAnyOrder(
                        new Grant(new ObjectRef(Kind.DEFAULT_PRIVILEGES, forMe + "IN SCHEMA app ON TABLES"), role, "SELECT", true),
                        new Grant(new ObjectRef(Kind.DEFAULT_PRIVILEGES, forMe + "IN SCHEMA app ON SEQUENCES"), "PUBLIC", "USAGE", false),
                        new Grant(new ObjectRef(Kind.DEFAULT_PRIVILEGES, forMe + "IN SCHEMA app ON SEQUENCES"), "PUBLIC", "SELECT", false),
                        new Grant(new ObjectRef(Kind.DEFAULT_PRIVILEGES, forMe + "ON FUNCTIONS"), role, "EXECUTE", false),
                        new Grant(new ObjectRef(Kind.DEFAULT_PRIVILEGES_REVOKED, forMe + "ON TYPES"), "PUBLIC", "USAGE", false),
                        new Grant(new ObjectRef(Kind.DEFAULT_PRIVILEGES, forMe + "ON SCHEMAS"), role, "CREATE", false),
                        new Grant(new ObjectRef(Kind.DEFAULT_PRIVILEGES, forMe + "ON TABLES"), "PUBLIC", "INSERT", false),
                        new Grant(new ObjectRef(Kind.DEFAULT_PRIVILEGES_REVOKED, forMe + "ON TABLES"), me, "TRIGGER", false));
                // the interpreter writes the same rows, the role left out (the SQL names none)
                assertThat(interpreted.grants().stream().filter(g -> Set.of(Kind.DEFAULT_PRIVILEGES,
                        Kind.DEFAULT_PRIVILEGES_REVOKED).contains(g.object().kind())).map(g -> new Grant(
                        new ObjectRef(g.object().kind(), forMe + g.object().identity()),
                        g.grantee().equals("CURRENT_USER") ? me : g.grantee(), g.privilege(), g.withGrantOption())))
                        .containsExactlyInAnyOrderElementsOf(defaults);
                // and the objects created after them hold the same privileges in both
                assertThat(onObjects(interpreted)).containsExactlyInAnyOrderElementsOf(onObjects(catalog));
                assertThat(onObjects(catalog)).contains(
                        new Grant(new ObjectRef(Kind.TABLE, "app.t"), role, "SELECT", true),
                        new Grant(new ObjectRef(Kind.SEQUENCE, "app.t_id_seq"), "PUBLIC", "USAGE", false),
                        new Grant(new ObjectRef(Kind.MATERIALIZED_VIEW, "app.m"), "PUBLIC", "INSERT", false),
                        new Grant(new ObjectRef(Kind.PROCEDURE, "app.p()"), role, "EXECUTE", false),
                        new Grant(new ObjectRef(Kind.SCHEMA, "later"), role, "CREATE", false));
            } finally {
                db.execute("DROP OWNED BY " + role + "; DROP ROLE " + role);
            }
        }
    }

    private static List<Grant> onObjects(SchemaModel m) {
        return m.grants().stream().filter(g -> !Set.of(Kind.DEFAULT_PRIVILEGES, Kind.DEFAULT_PRIVILEGES_REVOKED)
                .contains(g.object().kind())).toList();
    }

    @Test
    void foreignGrantsStatisticsTargetsAndLooseFamilyMembersAreRead() throws SQLException {
        try (TestDatabase db = TestPostgres.newDatabase("foreign_acl")) {
            db.execute("""
                    CREATE FOREIGN DATA WRAPPER w;
                    CREATE SERVER s FOREIGN DATA WRAPPER w;
                    CREATE FOREIGN TABLE public.ft (id integer, name text) SERVER s;
                    GRANT USAGE ON FOREIGN DATA WRAPPER w TO PUBLIC;
                    GRANT USAGE ON FOREIGN SERVER s TO PUBLIC;
                    GRANT SELECT ON public.ft TO PUBLIC;
                    GRANT UPDATE (name) ON public.ft TO PUBLIC;
                    CREATE TABLE public.t (a integer, b integer);
                    CREATE STATISTICS public.st (dependencies) ON a, b FROM public.t;
                    ALTER STATISTICS public.st SET STATISTICS 250;
                    CREATE STATISTICS public.plain (ndistinct) ON a, b FROM public.t;
                    CREATE OPERATOR FAMILY public.fam USING btree;
                    ALTER OPERATOR FAMILY public.fam USING btree ADD OPERATOR 1 < (integer, bigint),
                      FUNCTION 1 (integer, bigint) btint48cmp(integer, bigint);
                    """);
            SchemaModel m = read(db);
            assertThat(m.grants()).contains(
                    new Grant(new ObjectRef(Kind.FOREIGN_DATA_WRAPPER, "w"), "PUBLIC", "USAGE", false),
                    new Grant(new ObjectRef(Kind.SERVER, "s"), "PUBLIC", "USAGE", false),
                    new Grant(new ObjectRef(Kind.FOREIGN_TABLE, "public.ft"), "PUBLIC", "SELECT", false),
                    new Grant(new ObjectRef(Kind.COLUMN, "public.ft.name"), "PUBLIC", "UPDATE", false));
            assertThat(m.others().get(new ObjectRef(Kind.STATISTICS, "public.st")).createSql())
                    .endsWith(";\nalter statistics public.st set statistics 250");
            assertThat(m.others().get(new ObjectRef(Kind.STATISTICS, "public.plain")).createSql()).doesNotContain(";");
            assertThat(m.others().get(new ObjectRef(Kind.OPERATOR_FAMILY, "public.fam USING btree")).createSql())
                    .isEqualTo("create operator family public.fam using btree;\nalter operator family public.fam using"
                            + " btree add operator 1 < (integer, bigint), function 1 (integer, bigint) btint48cmp(integer, bigint)");
            // a stock server has no label provider: the query runs and finds nothing
            assertThat(m.others().keySet()).noneMatch(r -> r.kind() == Kind.SECURITY_LABEL);
        }
    }
}
