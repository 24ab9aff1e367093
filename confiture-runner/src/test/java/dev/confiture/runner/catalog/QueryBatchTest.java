package dev.confiture.runner.catalog;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;

import org.junit.jupiter.api.Test;

import dev.confiture.testing.TestDatabase;
import dev.confiture.testing.TestPostgres;

/** Several queries in one round trip on a real PostgreSQL: rows in order, and a refused query named. */
class QueryBatchTest {

    private static final String SETUP = "SELECT set_config('search_path', 'app', false)";

    @Test
    void rowsReachTheirHandlersInOrderWithTheWorkBetweenThem() throws Exception {
        try (TestDatabase db = TestPostgres.newDatabase("batch")) {
            db.execute("CREATE SCHEMA app; CREATE TABLE app.t (n int); INSERT INTO app.t VALUES (1), (2)");
            List<String> seen = new ArrayList<>();
            try (Connection c = db.connect()) {
                new QueryBatch(SETUP)
                        .query("first", "SELECT n FROM t ORDER BY n", rs -> seen.add("first " + rs.getInt("n")))
                        .then(() -> seen.add("between"))
                        .query("empty", "SELECT n FROM t WHERE false", rs -> seen.add("empty " + rs.getInt("n")))
                        .query("path", "SELECT current_setting('search_path') AS p", rs -> seen.add(rs.getString("p")))
                        .then(() -> seen.add("end"))
                        .run(c);
            }
            // the setup ran first: t is found unqualified
            assertThat(seen).containsExactly("first 1", "first 2", "between", "app", "end");
        }
    }

    @Test
    void aRefusedQueryIsNamedThoughTheOthersNeedTheSetup() throws Exception {
        try (TestDatabase db = TestPostgres.newDatabase("batch")) {
            db.execute("CREATE SCHEMA app; CREATE TABLE app.t (n int)");
            try (Connection c = db.connect()) {
                QueryBatch batch = new QueryBatch(SETUP)
                        .query("needs_setup", "SELECT n FROM t", rs -> { })
                        .query("divides", "SELECT 1 / 0 AS x", rs -> { })
                        .query("after", "SELECT 1 AS y", rs -> { });
                assertThatThrownBy(() -> batch.run(c)).isInstanceOf(SQLException.class)
                        .hasMessageContaining("division by zero").hasMessageContaining("[in: divides.sql]")
                        .satisfies(e -> assertThat(((SQLException) e).getSQLState()).isEqualTo("22012"));
                assertThat(single(c, "SELECT 42")).isEqualTo("42");
            }
        }
    }

    @Test
    void insideATransactionTheRefusedQueryIsNamedToo() throws Exception {
        try (TestDatabase db = TestPostgres.newDatabase("batch")) {
            db.execute("CREATE SCHEMA app; CREATE TABLE app.t (n int)");
            try (Connection c = db.connect()) {
                c.setAutoCommit(false);
                QueryBatch batch = new QueryBatch(SETUP)
                        .query("fine", "SELECT n FROM t", rs -> { })
                        .query("missing", "SELECT n FROM no_such_table", rs -> { });
                // without the rollback before the queries run alone, "fine" would be blamed (transaction aborted)
                assertThatThrownBy(() -> batch.run(c)).hasMessageContaining("no_such_table")
                        .hasMessageContaining("[in: missing.sql]");
                c.rollback();
                assertThat(single(c, "SELECT 7")).isEqualTo("7");
            }
        }
    }

    @Test
    void aHandlerThatCannotReadItsRowNamesTheQuery() throws Exception {
        try (TestDatabase db = TestPostgres.newDatabase("batch")) {
            try (Connection c = db.connect()) {
                QueryBatch batch = new QueryBatch(null)
                        .query("one", "SELECT 1 AS a", rs -> rs.getInt("a"))
                        .query("two", "SELECT 2 AS a", rs -> rs.getInt("no_such_column"));
                assertThatThrownBy(() -> batch.run(c)).isInstanceOf(SQLException.class)
                        .hasMessageContaining("no_such_column").hasMessageContaining("[in: two.sql]");
            }
        }
    }

    @Test
    void aSecondRunOfTheSameBatchOnASessionUsesTheStatementsTheServerKept() throws Exception {
        try (TestDatabase db = TestPostgres.newDatabase("batch")) {
            db.execute("CREATE SCHEMA app; CREATE TABLE app.t (n int); INSERT INTO app.t VALUES (3)");
            try (Connection c = db.connect()) {
                List<Integer> seen = new ArrayList<>();
                for (int run = 0; run < 3; run++) {
                    new QueryBatch(SETUP).query("t", "SELECT n FROM t", rs -> seen.add(rs.getInt("n"))).run(c);
                }
                assertThat(seen).containsExactly(3, 3, 3);
                // Each query is parsed and planned once: the server keeps it by name (pg_prepared_statements
                // counts its generic plan's uses) instead of an unnamed statement parsed again at every read.
                assertThat(single(c, "SELECT max(generic_plans) FROM pg_prepared_statements"
                        + " WHERE statement LIKE '%SELECT n FROM t'")).isEqualTo("3");
            }
        }
    }

    @Test
    void aConnectionThatTurnedServerSideStatementsOffKeepsThemOff() throws Exception {
        try (TestDatabase db = TestPostgres.newDatabase("batch")) {
            db.execute("CREATE SCHEMA app; CREATE TABLE app.t (n int); INSERT INTO app.t VALUES (3)");
            java.util.Properties noPrepare = new java.util.Properties();
            noPrepare.setProperty("user", db.user());
            if (db.password() != null) {
                noPrepare.setProperty("password", db.password());
            }
            noPrepare.setProperty("prepareThreshold", "0"); // as behind PgBouncer in transaction mode
            try (Connection c = java.sql.DriverManager.getConnection(db.jdbcUrl(), noPrepare)) {
                for (int run = 0; run < 3; run++) {
                    new QueryBatch(SETUP).query("t", "SELECT n FROM t", rs -> { }).run(c);
                }
                assertThat(single(c, "SELECT count(*) FROM pg_prepared_statements")).isEqualTo("0");
            }
        }
    }

    private static String single(Connection c, String sql) throws SQLException {
        try (Statement st = c.createStatement(); ResultSet rs = st.executeQuery(sql)) {
            rs.next();
            return rs.getString(1);
        }
    }
}
