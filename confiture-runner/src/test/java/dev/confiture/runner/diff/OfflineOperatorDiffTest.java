package dev.confiture.runner.diff;

import static org.assertj.core.api.Assertions.assertThat;

import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.List;

import org.junit.jupiter.api.Test;

import dev.confiture.diff.DiffResult;
import dev.confiture.diff.SchemaDiff;
import dev.confiture.model.schema.SchemaModel;
import dev.confiture.sql.ddl.DdlInterpreter;
import dev.confiture.sql.ddl.SqlSource;
import dev.confiture.testing.TestDatabase;
import dev.confiture.testing.TestPostgres;

/**
 * An operator end to end in offline mode: the interpreter reads pg_dump's statements on both sides,
 * the diff creates, replaces and drops the opaque object by its signature, and PostgreSQL runs the SQL.
 */
class OfflineOperatorDiffTest {

    private static final String FUNCTION = """
            CREATE FUNCTION public.same(a integer, b integer) RETURNS boolean
                LANGUAGE sql AS $$ SELECT a = b $$;
            """;
    private static final String OTHER_FUNCTION = """
            CREATE FUNCTION public.differ(a integer, b integer) RETURNS boolean
                LANGUAGE sql AS $$ SELECT a <> b $$;
            """;

    private static SchemaModel interpret(String sql) {
        return new DdlInterpreter().interpret(SchemaModel.empty(), List.of(new SqlSource("schema.sql", sql)));
    }

    @Test
    void operatorIsCreatedReplacedAndDropped() throws SQLException {
        String none = FUNCTION;
        String one = FUNCTION + OTHER_FUNCTION
                + "CREATE OPERATOR public.=== (FUNCTION = public.same, LEFTARG = integer, RIGHTARG = integer);\n"
                + "ALTER OPERATOR public.=== (integer, integer) OWNER TO CURRENT_USER;\n";
        String changed = FUNCTION + OTHER_FUNCTION
                + "CREATE OPERATOR public.=== (FUNCTION = public.differ, LEFTARG = integer, RIGHTARG = integer);\n";
        try (TestDatabase db = TestPostgres.newDatabase("op")) {
            db.execute(none);
            DiffResult create = SchemaDiff.compare(interpret(none), interpret(one));
            assertThat(create.upSql()).contains("create operator public.===");
            run(db, create.up());
            assertThat(operatorFunction(db)).isEqualTo("same");

            DiffResult replace = SchemaDiff.compare(interpret(one), interpret(changed));
            assertThat(replace.upSql()).contains("DROP OPERATOR public.=== (integer, integer)");
            run(db, replace.up());
            assertThat(operatorFunction(db)).isEqualTo("differ");

            run(db, replace.down());
            run(db, create.down());
            assertThat(operatorFunction(db)).isNull();
            assertThat(SchemaDiff.compare(interpret(one), interpret(one)).isEmpty()).isTrue();
        }
    }

    private static void run(TestDatabase db, List<String> statements) throws SQLException {
        try (Connection c = db.connect(); Statement st = c.createStatement()) {
            for (String s : statements) {
                st.execute(s);
            }
        }
    }

    private static String operatorFunction(TestDatabase db) throws SQLException {
        try (Connection c = db.connect(); Statement st = c.createStatement();
             ResultSet rs = st.executeQuery("SELECT oprcode::regproc::text FROM pg_operator WHERE oprname = '==='")) {
            return rs.next() ? rs.getString(1).replace("public.", "") : null;
        }
    }
}
