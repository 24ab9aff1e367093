package dev.confiture.sql;

import java.util.List;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import static org.assertj.core.api.Assertions.assertThat;

class SqlStatementsTest {

    @ParameterizedTest
    @ValueSource(strings = {
            "CREATE INDEX CONCURRENTLY i ON t (a)",
            "create unique index concurrently i on t (a)",
            "-- add it without locking\nCREATE INDEX CONCURRENTLY IF NOT EXISTS i ON t (a)",
            "/* a /* nested */ comment */ DROP INDEX CONCURRENTLY IF EXISTS i",
            "REINDEX INDEX CONCURRENTLY i",
            "REINDEX (VERBOSE) TABLE CONCURRENTLY t",
            "REINDEX DATABASE app",
            "REINDEX SYSTEM",
            "VACUUM",
            "vacuum (analyze) t",
            "ALTER SYSTEM SET work_mem = '64MB'",
            "CREATE DATABASE app",
            "DROP DATABASE IF EXISTS app",
            "ALTER DATABASE app SET TABLESPACE fast",
            "CREATE TABLESPACE fast LOCATION '/x'",
            "DROP TABLESPACE fast",
            "CLUSTER",
            "CLUSTER VERBOSE",
            "CLUSTER;",
            "ALTER TABLE m DETACH PARTITION m_2020 CONCURRENTLY",
            "CREATE SUBSCRIPTION s CONNECTION 'x' PUBLICATION p",
            "ALTER SUBSCRIPTION s REFRESH PUBLICATION",
            "COMMIT PREPARED 'tx'",
    })
    void refusedInsideATransaction(String sql) {
        assertThat(SqlStatements.requiresNoTransaction(sql)).isTrue();
    }

    @ParameterizedTest
    @ValueSource(strings = {
            "CREATE INDEX i ON t (a)",
            "CREATE INDEX concurrently_named ON t (a)",
            "DROP INDEX i",
            "REINDEX TABLE t",
            "CLUSTER t USING i",
            "CLUSTER VERBOSE t",
            "ALTER TYPE mood ADD VALUE 'happy'",
            "ALTER TABLE m DETACH PARTITION m_2020",
            "ALTER DATABASE app SET search_path = x",
            "-- VACUUM\nSELECT 1",
            "SELECT 'VACUUM'",
            "COMMENT ON TABLE t IS 'CREATE INDEX CONCURRENTLY'",
            "COMMIT",
            "",
            "-- only a comment",
    })
    void allowedInsideATransaction(String sql) {
        assertThat(SqlStatements.requiresNoTransaction(sql)).isFalse();
    }

    @ParameterizedTest
    @ValueSource(strings = {"COPY t FROM stdin", "copy public.t (a, \"b\") from STDIN with (format csv)"})
    void copyFromStdin(String sql) {
        assertThat(SqlStatements.isCopyFromStdin(sql)).isTrue();
    }

    @ParameterizedTest
    @ValueSource(strings = {"COPY t TO stdout", "COPY t FROM '/tmp/x'", "SELECT 'COPY t FROM stdin'"})
    void notCopyFromStdin(String sql) {
        assertThat(SqlStatements.isCopyFromStdin(sql)).isFalse();
    }

    @Test
    void aFileRunsOutsideATransactionWhenAnyOfItsStatementsMust() {
        assertThat(SqlStatements.anyRequiresNoTransaction(SqlSplitter.split("CREATE TABLE t (id int);\nVACUUM t;"))).isTrue();
        assertThat(SqlStatements.anyRequiresNoTransaction(SqlSplitter.split("CREATE TABLE t (id int);\nCREATE INDEX ON t (id);")))
                .isFalse();
        assertThat(SqlStatements.anyRequiresNoTransaction(List.of())).isFalse();
    }

    @Test
    void aWordIsFoundInAnyCaseAndOnlyWhereItIsSpelt() {
        assertThat(SqlStatements.containsIgnoringCase("SELECT PG_ADVISORY_UNLOCK(1)", "pg_advisory_unlock")).isTrue();
        assertThat(SqlStatements.containsIgnoringCase("dIsCaRd all", "discard")).isTrue();
        assertThat(SqlStatements.containsIgnoringCase("x discard", "discard")).as("at the very end").isTrue();
        assertThat(SqlStatements.containsIgnoringCase("discar", "discard")).isFalse();
        assertThat(SqlStatements.containsIgnoringCase("SELECT pg_advisory_lock(1)", "pg_advisory_unlock")).isFalse();
        assertThat(SqlStatements.containsIgnoringCase("", "discard")).isFalse();
    }
}
