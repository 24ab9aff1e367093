package dev.confiture.runner.db;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.List;

import dev.confiture.sql.SqlSplitter;
import dev.confiture.sql.SqlStatement;
import dev.confiture.testing.TestDatabase;
import dev.confiture.testing.TestPostgres;
import org.junit.jupiter.api.Test;
import org.postgresql.core.BaseConnection;
import org.postgresql.jdbc.PreferQueryMode;

/**
 * A script as one simple-protocol query ({@link ScriptInOneRoundTrip}): PostgreSQL cuts the text, runs
 * it in the caller's transaction, stops at the first error, and the connection's own query mode is
 * back afterwards, whatever happened.
 */
class ScriptInOneRoundTripTest {

    /** Quotes, a dollar-quoted body with semicolons, a last line that is a comment, a SELECT with rows. */
    private static final String SCRIPT = """
            CREATE TABLE t (id integer PRIMARY KEY, note text DEFAULT 'a;b');
            CREATE FUNCTION f() RETURNS integer LANGUAGE plpgsql AS $$ BEGIN RETURN 1; END; $$;
            SELECT pg_catalog.set_config('search_path', 'public', false);
            INSERT INTO t (id) VALUES (1) -- the last line is a comment
            """;

    private static List<SqlStatement> statements(String script) {
        return SqlSplitter.split(script);
    }

    private static PreferQueryMode mode(Connection c) throws SQLException {
        return c.unwrap(BaseConnection.class).getPreferQueryMode();
    }

    private static int count(Connection c, String sql) throws SQLException {
        try (Statement st = c.createStatement(); ResultSet rs = st.executeQuery(sql)) {
            rs.next();
            return rs.getInt(1);
        }
    }

    @Test
    void theWholeScriptRunsInTheCallersTransactionAndTheConnectionKeepsItsMode() throws Exception {
        try (TestDatabase db = TestPostgres.newDatabase("one_text"); Connection c = db.connect()) {
            c.setAutoCommit(false);

            ScriptInOneRoundTrip.execute(c, statements(SCRIPT), false);

            assertThat(mode(c)).isEqualTo(PreferQueryMode.EXTENDED);
            assertThat(count(c, "SELECT count(*) FROM t WHERE note = 'a;b'")).isEqualTo(1);
            c.rollback(); // nothing of it was committed by the script itself
            assertThat(count(c, "SELECT count(*) FROM pg_class WHERE relname = 't'")).isZero();
        }
    }

    @Test
    void aFailingStatementStopsTheTextNothingIsAppliedAndTheModeIsBack() throws Exception {
        try (TestDatabase db = TestPostgres.newDatabase("one_text"); Connection c = db.connect()) {
            db.execute("CREATE TABLE marks (n integer)");
            List<SqlStatement> failing = statements("""
                    INSERT INTO marks VALUES (1);
                    INSERT INTO no_such_table VALUES (2);
                    INSERT INTO marks VALUES (3);
                    """);

            assertThat(ScriptInOneRoundTrip.inOwnTransaction(c, failing, false)).isFalse();

            assertThat(c.getAutoCommit()).isTrue();
            assertThat(mode(c)).isEqualTo(PreferQueryMode.EXTENDED);
            assertThat(count(c, "SELECT count(*) FROM marks")).isZero();

            c.setAutoCommit(false);
            assertThatThrownBy(() -> ScriptInOneRoundTrip.execute(c, failing, false))
                    .isInstanceOf(SQLException.class)
                    .hasMessageContaining("no_such_table");
            assertThat(mode(c)).isEqualTo(PreferQueryMode.EXTENDED);
            c.rollback();
        }
    }

    @Test
    void aConnectionTheUserPutInSimpleModeIsLeftInIt() throws Exception {
        try (TestDatabase db = TestPostgres.newDatabase("one_text");
             Connection c = DriverManager.getConnection(db.jdbcUrl() + (db.jdbcUrl().contains("?") ? "&" : "?")
                     + "preferQueryMode=simple", db.user(), db.password())) {
            assertThat(ScriptInOneRoundTrip.inOwnTransaction(c, statements(SCRIPT), false)).isTrue();

            assertThat(mode(c)).isEqualTo(PreferQueryMode.SIMPLE);
            assertThat(count(c, "SELECT count(*) FROM t")).isEqualTo(1);
        }
    }
}
