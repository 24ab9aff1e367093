package dev.confiture.runner.shadow;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;

import org.junit.jupiter.api.Test;

import dev.confiture.model.ConfitureException;
import dev.confiture.testing.TestDatabase;
import dev.confiture.testing.TestPostgres;

/** A script goes in one round trip and one transaction; a refused one is run again statement by statement to name its line. */
class ScriptApplierTest {

    @Test
    void aScriptRunsInOneTransactionAndItsSettingsReachTheNextScript() throws Exception {
        try (TestDatabase db = TestPostgres.newDatabase("apply"); Connection c = db.connect()) {
            new ScriptApplier(c).apply(List.of(
                    SqlScript.text("one.sql", """
                            CREATE SCHEMA app;
                            SELECT pg_catalog.set_config('search_path', 'app', false);
                            CREATE TABLE seen (xact xid8 DEFAULT pg_current_xact_id()); -- a trailing comment
                            INSERT INTO seen DEFAULT VALUES;
                            CREATE FUNCTION twice(i integer) RETURNS integer LANGUAGE plpgsql AS $fn$
                            BEGIN
                                RETURN i * 2; -- a semicolon inside the body
                            END;
                            $fn$;
                            INSERT INTO seen DEFAULT VALUES
                            -- the statement's last line is a comment
                            ;
                            """),
                    SqlScript.text("two.sql", """
                            CREATE TABLE later (id integer DEFAULT twice(21));
                            INSERT INTO later DEFAULT VALUES;
                            """)));
            try (Statement st = c.createStatement();
                 ResultSet rs = st.executeQuery("SELECT count(*), count(DISTINCT xact), (SELECT id FROM app.later)"
                         + " FROM app.seen")) {
                rs.next();
                assertThat(rs.getInt(1)).isEqualTo(2);
                assertThat(rs.getInt(2)).as("both rows of one.sql were written by one transaction").isEqualTo(1);
                assertThat(rs.getInt(3)).as("two.sql ran with the search_path one.sql set").isEqualTo(42);
            }
        }
    }

    /**
     * A file with COPY data runs statement by statement; as under psql -1 -f it is still one transaction,
     * so a setting made for the transaction (SET LOCAL, set_config(..., true)) holds for the rest of the file.
     */
    @Test
    void aFileRunStatementByStatementKeepsTransactionSettingsAsPsqlOneDoes() throws Exception {
        try (TestDatabase db = TestPostgres.newDatabase("apply"); Connection c = db.connect()) {
            new ScriptApplier(c).apply(SqlScript.text("data.sql", """
                    CREATE SCHEMA app;
                    SET LOCAL search_path = app;
                    CREATE TABLE t (id integer);
                    COPY t (id) FROM stdin;
                    1
                    \\.
                    SELECT pg_catalog.set_config('search_path', 'public', true);
                    CREATE TABLE u (id integer);
                    """));
            try (Statement st = c.createStatement();
                 ResultSet rs = st.executeQuery("SELECT (SELECT count(*) FROM app.t), to_regclass('public.u') IS NOT NULL,"
                         + " to_regclass('public.t') IS NULL")) {
                rs.next();
                assertThat(rs.getInt(1)).as("t and its row went to the schema SET LOCAL chose").isEqualTo(1);
                assertThat(rs.getBoolean(2)).as("set_config(..., true) held for the next statement").isTrue();
                assertThat(rs.getBoolean(3)).isTrue();
            }
        }
    }

    @Test
    void aRefusedStatementIsNamedByLineAndNothingOfItsFileIsAppliedAsUnderPsqlOne() throws Exception {
        try (TestDatabase db = TestPostgres.newDatabase("apply"); Connection c = db.connect()) {
            SqlScript script = new SqlScript("db/broken.sql", Path.of("db/broken.sql"), """
                    CREATE TABLE kept (id integer);
                    CREATE TABLE t (id integer);

                    CREATE TABLE t (id integer);
                    CREATE TABLE never (id integer);
                    """);
            assertThatThrownBy(() -> new ScriptApplier(c).apply(script))
                    .isInstanceOfSatisfying(ConfitureException.class, e -> {
                        assertThat(e.code()).isEqualTo("SQL_FAILED");
                        assertThat(e.line()).isEqualTo(4);
                    })
                    .hasMessageContaining("PostgreSQL refused the statement at line 4 of db/broken.sql: ")
                    .hasMessageContaining("relation \"t\" already exists")
                    .hasMessageContaining("CREATE TABLE t (id integer)");
            assertThat(tables(c)).isEmpty();
        }
    }

    @Test
    void aStatementThatCannotRunInATransactionBlockStillApplies() throws Exception {
        try (TestDatabase db = TestPostgres.newDatabase("apply"); Connection c = db.connect()) {
            new ScriptApplier(c).apply(SqlScript.text("concurrently.sql", """
                    CREATE TABLE t (id integer);
                    CREATE INDEX CONCURRENTLY t_id_idx ON t (id);
                    """));
            try (Statement st = c.createStatement();
                 ResultSet rs = st.executeQuery("SELECT count(*) FROM pg_indexes WHERE indexname = 't_id_idx'")) {
                rs.next();
                assertThat(rs.getInt(1)).isEqualTo(1);
            }
        }
    }

    private static List<String> tables(Connection c) throws Exception {
        List<String> names = new ArrayList<>();
        try (Statement st = c.createStatement();
             ResultSet rs = st.executeQuery("SELECT relname FROM pg_class WHERE relkind = 'r'"
                     + " AND relnamespace = 'public'::regnamespace ORDER BY relname")) {
            while (rs.next()) {
                names.add(rs.getString(1));
            }
        }
        return names;
    }
}
