package dev.confiture.diff;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;

import org.junit.jupiter.api.Test;

import dev.confiture.model.schema.SchemaModel;
import dev.confiture.sql.ddl.DdlInterpreter;
import dev.confiture.sql.ddl.SqlSource;

/**
 * The offline diff of default privileges (GRANT and REVOKE forms that reproduce the difference from the built-in
 * defaults, and their reverse), of grants on foreign data wrappers, servers and foreign tables, and of security
 * labels. PgDumpProofTest runs such SQL on a real server.
 */
class PrivilegesDiffTest {

    private static SchemaModel model(String sql) {
        return new DdlInterpreter().interpret(SchemaModel.empty(), List.of(new SqlSource("s.sql", sql)));
    }

    @Test
    void defaultPrivilegesAreGrantedAndRevokedAsTheirDifferenceSays() {
        SchemaModel from = model("CREATE SCHEMA app;");
        SchemaModel to = model("""
                CREATE SCHEMA app;
                ALTER DEFAULT PRIVILEGES FOR ROLE owner IN SCHEMA app GRANT SELECT ON TABLES TO reader WITH GRANT OPTION;
                ALTER DEFAULT PRIVILEGES FOR ROLE owner REVOKE EXECUTE ON FUNCTIONS FROM PUBLIC;
                ALTER DEFAULT PRIVILEGES REVOKE TRIGGER ON TABLES FROM CURRENT_USER;
                """);
        DiffResult diff = SchemaDiff.compare(from, to);
        assertThat(diff.up()).containsExactly(
                "ALTER DEFAULT PRIVILEGES FOR ROLE owner REVOKE EXECUTE ON FUNCTIONS FROM PUBLIC",
                "ALTER DEFAULT PRIVILEGES REVOKE TRIGGER ON TABLES FROM CURRENT_USER",
                "ALTER DEFAULT PRIVILEGES FOR ROLE owner IN SCHEMA app GRANT SELECT ON TABLES TO reader WITH GRANT OPTION");
        assertThat(diff.down()).containsExactlyInAnyOrder(
                "ALTER DEFAULT PRIVILEGES FOR ROLE owner GRANT EXECUTE ON FUNCTIONS TO PUBLIC",
                "ALTER DEFAULT PRIVILEGES GRANT TRIGGER ON TABLES TO CURRENT_USER",
                "ALTER DEFAULT PRIVILEGES FOR ROLE owner IN SCHEMA app REVOKE SELECT ON TABLES FROM reader");
        // dropping the schema takes its IN SCHEMA entries along: nothing to revoke after it
        assertThat(SchemaDiff.compare(to, SchemaModel.empty()).up()).noneMatch(s -> s.contains("IN SCHEMA app"));
    }

    @Test
    void aGrantOptionOnTheOwnersOwnDefaultIsTakenBackAlone() {
        SchemaModel to = model("ALTER DEFAULT PRIVILEGES FOR ROLE owner GRANT SELECT ON TABLES TO owner WITH GRANT OPTION;");
        DiffResult diff = SchemaDiff.compare(SchemaModel.empty(), to);
        assertThat(diff.up()).containsExactly(
                "ALTER DEFAULT PRIVILEGES FOR ROLE owner GRANT SELECT ON TABLES TO owner WITH GRANT OPTION");
        assertThat(diff.down()).containsExactly(
                "ALTER DEFAULT PRIVILEGES FOR ROLE owner REVOKE GRANT OPTION FOR SELECT ON TABLES FROM owner");
    }

    @Test
    void defaultPrivilegesComeAfterTheObjectsSoThatTheyDoNotReachThem() {
        SchemaModel to = model("""
                CREATE TABLE public.t (id integer);
                ALTER DEFAULT PRIVILEGES IN SCHEMA public GRANT SELECT ON TABLES TO reader;
                """);
        List<String> up = SchemaDiff.compare(SchemaModel.empty(), to).up();
        assertThat(up.get(up.size() - 1)).startsWith("ALTER DEFAULT PRIVILEGES");
        assertThat(up).noneMatch(s -> s.startsWith("GRANT"));
    }

    @Test
    void grantsOnForeignObjectsUseTheirGrantSpelling() {
        String objects = """
                CREATE FOREIGN DATA WRAPPER w;
                CREATE SERVER s FOREIGN DATA WRAPPER w;
                CREATE FOREIGN TABLE public.ft (id integer, name text) SERVER s;
                """;
        SchemaModel from = model(objects);
        SchemaModel to = model(objects + """
                GRANT USAGE ON FOREIGN DATA WRAPPER w TO reader;
                GRANT USAGE ON FOREIGN SERVER s TO reader;
                GRANT SELECT ON public.ft TO reader;
                GRANT UPDATE (name) ON public.ft TO reader;
                """);
        DiffResult diff = SchemaDiff.compare(from, to);
        assertThat(diff.up()).containsExactlyInAnyOrder("GRANT USAGE ON FOREIGN DATA WRAPPER w TO reader",
                "GRANT USAGE ON FOREIGN SERVER s TO reader", "GRANT SELECT ON TABLE public.ft TO reader",
                "GRANT UPDATE (name) ON TABLE public.ft TO reader");
        assertThat(diff.down()).containsExactlyInAnyOrder("REVOKE USAGE ON FOREIGN DATA WRAPPER w FROM reader",
                "REVOKE USAGE ON FOREIGN SERVER s FROM reader", "REVOKE SELECT ON TABLE public.ft FROM reader",
                "REVOKE UPDATE (name) ON TABLE public.ft FROM reader");
        // the foreign table's drop takes its grants, column grants included
        assertThat(SchemaDiff.compare(to, SchemaModel.empty()).up()).noneMatch(s -> s.startsWith("REVOKE"));
    }

    @Test
    void securityLabelsAreSetAfterTheirObjectAndTakenOffBeforeItGoes() {
        SchemaModel to = model("""
                CREATE TABLE t (id integer);
                SECURITY LABEL FOR selinux ON TABLE t IS 'a';
                SECURITY LABEL FOR selinux ON COLUMN t.id IS 'b';
                """);
        DiffResult diff = SchemaDiff.compare(SchemaModel.empty(), to);
        assertThat(diff.up()).containsSubsequence("CREATE TABLE public.t (\n    id integer\n)",
                "SECURITY LABEL FOR selinux ON TABLE public.t IS 'a'");
        assertThat(diff.up()).contains("SECURITY LABEL FOR selinux ON COLUMN public.t.id IS 'b'");
        assertThat(diff.down()).containsSubsequence("SECURITY LABEL FOR selinux ON TABLE public.t IS NULL",
                "-- WARNING: destructive: drop table public.t\nDROP TABLE public.t");
        SchemaModel changed = model("""
                CREATE TABLE t (id integer);
                SECURITY LABEL FOR selinux ON TABLE t IS 'c';
                SECURITY LABEL FOR selinux ON COLUMN t.id IS 'b';
                """);
        assertThat(SchemaDiff.compare(to, changed).up()).containsExactly(
                "SECURITY LABEL FOR selinux ON TABLE public.t IS NULL", "SECURITY LABEL FOR selinux ON TABLE public.t IS 'c'");
    }
}
