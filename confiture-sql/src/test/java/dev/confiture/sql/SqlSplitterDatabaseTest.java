package dev.confiture.sql;

import dev.confiture.testing.TestDatabase;
import dev.confiture.testing.TestPostgres;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.fail;

/** PostgreSQL itself as the judge: the pieces the splitter cuts run, and the transaction rules hold. */
class SqlSplitterDatabaseTest {

    private static TestDatabase db;

    @BeforeAll
    static void database() {
        db = TestPostgres.newDatabase("splitdb");
    }

    @AfterAll
    static void drop() {
        db.close();
    }

    private static void runEach(Connection c, List<SqlStatement> statements) throws SQLException {
        try (Statement st = c.createStatement()) {
            for (SqlStatement s : statements) {
                try {
                    st.execute(s.sql());
                } catch (SQLException e) {
                    fail("line " + s.line() + ": " + e.getMessage() + "\n" + s.sql());
                }
            }
        }
    }

    private static String one(Connection c, String query) throws SQLException {
        try (Statement st = c.createStatement(); ResultSet rs = st.executeQuery(query)) {
            rs.next();
            return rs.getString(1);
        }
    }

    @Test
    void aScriptWithEveryConstructRunsPieceByPieceAndKeepsItsValues() throws Exception {
        String script = """
                \\restrict k3y
                -- a comment; with a semicolon
                /* a /* nested; */ comment */
                CREATE TABLE "odd;name" ("col""; x" text, n int);
                INSERT INTO "odd;name" VALUES ('it''s; one', 1), (E'back\\\\slash\\'; two', 2), (U&'\\0041;three', 3);
                CREATE FUNCTION dollars() RETURNS text LANGUAGE plpgsql AS $fn$
                BEGIN
                  RETURN $$in;ner$$ || $x$;$x$;
                END;
                $fn$;
                CREATE FUNCTION add(a int, b int) RETURNS int LANGUAGE sql AS 'SELECT $1 + $2';
                CREATE FUNCTION atomic_sum() RETURNS bigint LANGUAGE sql
                BEGIN ATOMIC
                  SELECT CASE WHEN count(*) > 0 THEN sum(n) ELSE 0 END FROM "odd;name";
                END;
                CREATE PROCEDURE bump() LANGUAGE sql
                BEGIN ATOMIC
                  UPDATE "odd;name" SET n = n + 10;
                  UPDATE "odd;name" SET n = n - 1;
                END;
                CALL bump();
                DO $$ BEGIN PERFORM 1; END $$;
                CREATE TABLE copied (id int, label text);
                COPY copied (id, label) FROM stdin;
                1\tsemi;colon
                2\t'quote
                \\.
                \\unrestrict k3y
                """;
        List<SqlStatement> statements = SqlSplitter.split(script);
        assertThat(statements).hasSize(10);
        try (Connection c = db.connect()) {
            List<SqlStatement> withoutCopy = new ArrayList<>();
            for (SqlStatement s : statements) {
                if (!s.hasCopyData()) {
                    withoutCopy.add(s);
                }
            }
            runEach(c, withoutCopy);
            assertThat(one(c, "SELECT string_agg(\"col\"\"; x\", '|' ORDER BY n) FROM \"odd;name\""))
                    .isEqualTo("it's; one|back\\slash'; two|A;three");
            assertThat(one(c, "SELECT dollars()")).isEqualTo("in;ner;");
            assertThat(one(c, "SELECT add(2, 3)")).isEqualTo("5");
            assertThat(one(c, "SELECT atomic_sum()")).isEqualTo("33");

            SqlStatement copy = statements.get(statements.size() - 1);
            assertThat(copy.sql()).isEqualTo("COPY copied (id, label) FROM stdin");
            long rows = new org.postgresql.copy.CopyManager(c.unwrap(org.postgresql.core.BaseConnection.class))
                    .copyIn(copy.sql(), new java.io.StringReader(copy.copyData()));
            assertThat(rows).isEqualTo(2);
            assertThat(one(c, "SELECT string_agg(label, '|' ORDER BY id) FROM copied")).isEqualTo("semi;colon|'quote");
        }
    }

    @Test
    void statementsFlaggedAsNonTransactionalAreRefusedInATransactionAndTheOthersAreNot() throws SQLException {
        try (Connection c = db.connect(); Statement st = c.createStatement()) {
            st.execute("CREATE TABLE IF NOT EXISTS tx_t (a int)");
            st.execute("CREATE INDEX IF NOT EXISTS tx_i ON tx_t (a)");
            st.execute("CREATE TABLE IF NOT EXISTS tx_parted (a int) PARTITION BY RANGE (a)");
            st.execute("CREATE TABLE IF NOT EXISTS tx_part1 PARTITION OF tx_parted FOR VALUES FROM (0) TO (10)");
            st.execute("DO $$ BEGIN CREATE TYPE tx_mood AS ENUM ('sad'); EXCEPTION WHEN duplicate_object THEN NULL; END $$");
        }
        List<String> refused = List.of(
                "CREATE INDEX CONCURRENTLY tx_i2 ON tx_t (a)",
                "CREATE UNIQUE INDEX CONCURRENTLY tx_i3 ON tx_t (a)",
                "DROP INDEX CONCURRENTLY tx_i",
                "REINDEX INDEX CONCURRENTLY tx_i",
                "VACUUM tx_t",
                "VACUUM",
                "CLUSTER",
                "ALTER TABLE tx_parted DETACH PARTITION tx_part1 CONCURRENTLY",
                "CREATE DATABASE confiture_must_not_exist_" + System.nanoTime());
        List<String> allowed = List.of(
                "CREATE INDEX tx_i4 ON tx_t (a)",
                "DROP INDEX tx_i",
                "REINDEX INDEX tx_i",
                "ALTER TYPE tx_mood ADD VALUE 'happy'",
                "ALTER TABLE tx_parted DETACH PARTITION tx_part1",
                "CLUSTER tx_t USING tx_i");
        try (Connection c = db.connect()) {
            c.setAutoCommit(false);
            for (String sql : refused) {
                assertThat(SqlStatements.requiresNoTransaction(sql)).as(sql).isTrue();
                try (Statement st = c.createStatement()) {
                    st.execute(sql);
                    fail("PostgreSQL ran in a transaction: " + sql);
                } catch (SQLException e) {
                    assertThat(e.getSQLState()).as(sql + ": " + e.getMessage()).isEqualTo("25001");
                } finally {
                    c.rollback();
                }
            }
            for (String sql : allowed) {
                assertThat(SqlStatements.requiresNoTransaction(sql)).as(sql).isFalse();
                try (Statement st = c.createStatement()) {
                    st.execute(sql);
                } finally {
                    c.rollback();
                }
            }
        }
    }
}
