package dev.confiture.runner;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Path;
import java.sql.BatchUpdateException;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

import dev.confiture.model.ConfitureException;
import dev.confiture.model.config.DatabaseSettings;
import dev.confiture.runner.db.TrackingTable;
import org.junit.jupiter.api.Test;

/**
 * A transactional SQL migration travels as one batch (BEGIN, statements, tracking row, COMMIT); a
 * failed batch is rolled back and its failing entry read from the driver's message, or, when the
 * message does not say, the migration runs again statement by statement. These tests cover what
 * the batch changes: statements that return rows, each kind of failed entry, the rerun, a lost
 * connection, and the tracking row written as SQL text.
 */
class PipelinedMigrationTest extends WithRunnerFixture {

    @Test
    void statementsThatReturnRowsRunInTheBatch() {
        f.write("001_seq.up.sql", """
                CREATE SEQUENCE invoice_no;
                SELECT setval('invoice_no', 41);
                SELECT * FROM generate_series(1, 3);
                """);

        f.runner().migrate(null, false);

        assertThat(f.query("SELECT nextval('invoice_no')")).containsExactly("42");
        assertThat(f.query("SELECT name || '/' || kind || '/' || (execution_time_ms >= 0) FROM confiture_migrations"))
                .containsExactly("seq/sql/true");
        assertThat(f.log).noneMatch(l -> l.contains("transient"));
    }

    @Test
    void aDeferredConstraintRefusedAtCommitNamesTheMigrationAndLeavesNothingOfIt() {
        f.write("001_parents.up.sql", "CREATE TABLE parents (id int PRIMARY KEY);");
        Path bad = f.write("002_orphan.up.sql", """
                CREATE TABLE children (id int PRIMARY KEY,
                  parent int REFERENCES parents DEFERRABLE INITIALLY DEFERRED);
                INSERT INTO children VALUES (1, 99);
                """);

        assertThatThrownBy(() -> f.runner().migrate(null, false))
                .isInstanceOfSatisfying(ConfitureException.class, e -> {
                    assertThat(e.file()).isEqualTo(bad);
                    assertThat(e.getMessage())
                            .contains("Migration 002_orphan failed at COMMIT, where PostgreSQL checks deferred constraints")
                            .contains("children_parent_fkey")
                            .contains("SQLState 23503")
                            .contains("Nothing of 002_orphan was applied")
                            .contains("the 1 migration(s) before it in this run stay applied and recorded");
                });
        assertThat(f.tableExists("children")).isFalse();
        assertThat(f.appliedVersions()).containsExactly("001");
    }

    /** 002 fails while the sequence says it is the first attempt: a rerun would succeed. */
    private void flakyMigrations() {
        f.write("001_flaky.up.sql", """
                CREATE SEQUENCE attempts;
                CREATE TABLE done (id int);
                """);
        f.write("002_flaky.up.sql", """
                INSERT INTO done VALUES (2);
                DO $$ BEGIN
                  IF nextval('attempts') = 1 THEN RAISE EXCEPTION 'first attempt fails'; END IF;
                END $$;
                """);
    }

    @Test
    void aStatementFailingInTheBatchIsNamedAndTheMigrationRunsOnlyOnce() {
        flakyMigrations();

        assertThatThrownBy(() -> f.runner().migrate(null, false))
                .isInstanceOfSatisfying(ConfitureException.class, e -> {
                    assertThat(e.file()).isEqualTo(dir.resolve("002_flaky.up.sql"));
                    assertThat(e.line()).isEqualTo(2);
                    assertThat(e.getMessage())
                            .contains("Migration 002_flaky failed in statement 2 of 2 (starting at line 2)")
                            .contains("first attempt fails")
                            .contains("SQLState P0001")
                            .contains("Nothing of 002_flaky was applied")
                            .contains("the 1 migration(s) before it in this run stay applied and recorded");
                });
        // Sequences are not transactional: one nextval means the migration ran once, not twice.
        assertThat(f.query("SELECT last_value FROM attempts")).containsExactly("1");
        assertThat(f.query("SELECT count(*) FROM done")).containsExactly("0");
        assertThat(f.appliedVersions()).containsExactly("001");
    }

    @Test
    void whenTheDriverDoesNotNameTheFailedEntryTheMigrationRunsAgainStatementByStatement() {
        flakyMigrations();
        // With logServerErrorDetail=false pgjdbc leaves the SQL out of its message: the batch cannot
        // say which statement failed, so the migration runs again, and this time succeeds.
        String url = f.db.jdbcUrl() + (f.db.jdbcUrl().contains("?") ? "&" : "?") + "logServerErrorDetail=false";
        RunnerConfig config = RunnerConfig.of(new DatabaseSettings(url, f.db.user(), f.db.password()), dir);

        f.runner(config).migrate(null, false);

        assertThat(f.appliedVersions()).containsExactly("001", "002");
        assertThat(f.query("SELECT id FROM done")).containsExactly("2");
        assertThat(f.log).anyMatch(l -> l.contains("002_flaky failed when sent as one batch")
                && l.contains("first attempt fails")
                && l.contains("succeeded when run again statement by statement: the first failure was transient"));
    }

    @Test
    void aTrackingRowThatIsAlreadyThereIsNamedAsSuch() {
        f.write("001_records_itself.up.sql", """
                CREATE TABLE t (id int);
                INSERT INTO confiture_migrations (version, name, checksum, kind) VALUES ('001', 'x', 'y', 'sql');
                """);

        assertThatThrownBy(() -> f.runner().migrate(null, false))
                .isInstanceOfSatisfying(ConfitureException.class, e -> assertThat(e.getMessage())
                        .contains("Migration 001_records_itself is already recorded in confiture_migrations"));
        assertThat(f.tableExists("t")).isFalse();
        assertThat(f.query("SELECT count(*) FROM confiture_migrations")).containsExactly("0");
    }

    @Test
    void theFailedEntryIsReadOnlyWhenTheMessageNamesExactlyOne() {
        List<String> batch = List.of("BEGIN", "SELECT 1", "SELECT 1", "CREATE TABLE t1 (id int)", "COMMIT");
        assertThat(PipelinedMigration.failedEntry(batchError("Batch entry 3 CREATE TABLE t1 (id int) was aborted: x"),
                batch)).isEqualTo(3);
        // the same SQL twice: only the number tells them apart
        assertThat(PipelinedMigration.failedEntry(batchError("Batch entry 2 SELECT 1 was aborted: x"), batch)).isEqualTo(2);
        // "11 SELECT 1" is not entry 1
        assertThat(PipelinedMigration.failedEntry(batchError("Batch entry 11 SELECT 1 was aborted: x"), batch)).isEqualTo(-1);
        assertThat(PipelinedMigration.failedEntry(batchError("Batch entry 1 <unknown> was aborted: x"), batch)).isEqualTo(-1);
        assertThat(PipelinedMigration.failedEntry(new SQLException("no batch"), batch)).isEqualTo(-1);
    }

    private static BatchUpdateException batchError(String message) {
        return new BatchUpdateException(message, "42000", new int[0]);
    }

    @Test
    void aLostConnectionNamesTheMigrationAndIsNotRunAgain() throws Exception {
        f.write("001_slow.up.sql", """
                CREATE TABLE slow (id int);
                SELECT pg_sleep(30);
                """);
        CompletableFuture<Void> killer = CompletableFuture.runAsync(() -> {
            try (Connection c = f.db.connect(); Statement st = c.createStatement()) {
                for (int i = 0; i < 300; i++) {
                    var rs = st.executeQuery("SELECT pg_terminate_backend(pid) FROM pg_stat_activity"
                            + " WHERE datname = current_database() AND query LIKE 'SELECT pg_sleep(30)%'");
                    if (rs.next()) {
                        return;
                    }
                    Thread.sleep(100);
                }
            } catch (Exception e) {
                throw new IllegalStateException(e);
            }
        });

        assertThatThrownBy(() -> f.runner().migrate(null, false))
                .isInstanceOfSatisfying(ConfitureException.class, e -> assertThat(e.getMessage())
                        .contains("Lost the connection to")
                        .contains("while running 001_slow (001_slow.up.sql)")
                        .contains("run confiture:status to see whether it is recorded"));
        killer.get(10, TimeUnit.SECONDS);
        assertThat(f.log).noneMatch(l -> l.contains("transient"));
        assertThat(f.tableExists("slow")).isFalse();
        assertThat(f.query("SELECT count(*) FROM confiture_migrations")).containsExactly("0");
    }

    @Test
    void theTrackingRowAsSqlTextKeepsHostileValuesWhateverStandardConformingStrings() throws Exception {
        String hostile = "it's \\ a '); DROP TABLE t; --";
        TrackingTable tracking = new TrackingTable("confiture_migrations");
        for (String scs : new String[] {"on", "off"}) {
            try (Connection c = f.db.connect(); Statement st = c.createStatement()) {
                tracking.ensureExists(c);
                st.execute("SET standard_conforming_strings = " + scs);
                st.execute(tracking.recordSql(c, "7" + scs.length(), hostile, "c" + scs, "u" + hostile, "sql"));
            }
        }
        assertThat(f.query("SELECT name FROM confiture_migrations ORDER BY version"))
                .containsExactly(hostile, hostile);
        assertThat(f.query("SELECT up_checksum FROM confiture_migrations ORDER BY version"))
                .containsExactly("u" + hostile, "u" + hostile);
        try (Connection c = f.db.connect(); Statement st = c.createStatement()) {
            st.execute("SET standard_conforming_strings = off");
            st.execute(tracking.removeSql(c, "72"));
        }
        assertThat(f.query("SELECT version FROM confiture_migrations")).containsExactly("73");
    }
}
