package dev.confiture.runner;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.nio.file.Path;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;

import dev.confiture.model.ConfitureException;
import dev.confiture.model.config.DatabaseSettings;
import dev.confiture.model.config.SessionSetting;
import dev.confiture.sql.Placeholders;
import dev.confiture.runner.migration.ResolvedMigration;
import dev.confiture.runner.report.MigrateReport;
import dev.confiture.runner.report.MigrationOutcome;
import dev.confiture.runner.report.RunnerText;
import org.junit.jupiter.api.Test;

/**
 * After the first migration of a run, small transactional SQL migrations travel several in one
 * round trip, each in its own transaction with its tracking row ({@link MigrationExecutor#runBatch}).
 * What a run reports must not change: the same lines in the same order, the same failure for the
 * same migration, and nothing after a failed migration runs. Each test sees the batching itself: a
 * listener that looks at the database when told a migration starts finds a batched migration's
 * table already there.
 */
class MigrationBatchTest extends WithRunnerFixture {

    /** Names of the migrations whose table existed when the listener was told they start. */
    final List<String> seenDone = Collections.synchronizedList(new ArrayList<>());

    private MigrationRunner watchingRunner(RunnerConfig config, boolean startsBeforeEachRun) {
        MigrationListener lines = RunnerText.lines(f.log::add);
        return new MigrationRunner(config, new MigrationListener() {
            @Override
            public void info(String line) {
                lines.info(line);
            }

            @Override
            public void warning(String line) {
                lines.warning(line);
            }

            @Override
            public void starting(ResolvedMigration m, Direction direction, int index, int total) {
                if (f.tableExists("t" + m.version().text())) {
                    seenDone.add(m.displayName());
                }
                lines.starting(m, direction, index, total);
            }

            @Override
            public void finished(MigrationOutcome outcome, int index, int total) {
                lines.finished(outcome, index, total);
            }

            @Override
            public boolean startsBeforeEachRun() {
                return startsBeforeEachRun;
            }
        });
    }

    private MigrationRunner watchingRunner() {
        return watchingRunner(f.config(), false);
    }

    /** Migrations 001 to {@code count}, each creating table t&lt;version&gt; and logging itself in run_log. */
    private void smallMigrations(int count) {
        f.write("000_log.up.sql", "CREATE TABLE run_log (version text);\nCREATE TABLE t000 (id int);\n");
        for (int i = 1; i <= count; i++) {
            String v = String.format("%03d", i);
            f.write(v + "_m.up.sql", "CREATE TABLE t" + v + " (id int PRIMARY KEY);\nINSERT INTO run_log VALUES ('" + v + "');\n");
        }
    }

    private static List<String> versions(int from, int to) {
        List<String> out = new ArrayList<>();
        for (int i = from; i <= to; i++) {
            out.add(String.format("%03d", i));
        }
        return out;
    }

    @Test
    void smallMigrationsAfterTheFirstGoInBatchesAndReportAsIfOneByOne() {
        smallMigrations(12);

        MigrateReport report = watchingRunner().migrate(null, false);

        List<String> all = versions(0, 12);
        assertThat(f.appliedVersions()).isEqualTo(all);
        assertThat(f.query("SELECT version FROM run_log ORDER BY version")).isEqualTo(versions(1, 12));
        // the first runs alone; the ones after it came back from a batch
        assertThat(seenDone).doesNotContain("000_log").isNotEmpty();
        assertThat(report.migrations()).extracting(MigrationOutcome::version).isEqualTo(all);
        assertThat(report.migrations()).allSatisfy(o -> {
            assertThat(o.status()).isEqualTo("applied");
            assertThat(o.executionTimeMs()).isGreaterThanOrEqualTo(0);
        });
        // each migration's two lines, in order, as a run one by one writes them
        List<String> lines = f.log.stream().filter(l -> l.startsWith("Applying")).toList();
        assertThat(lines).hasSize(2 * all.size());
        for (int i = 0; i < all.size(); i++) {
            String name = all.get(i) + (i == 0 ? "_log" : "_m");
            assertThat(lines.get(2 * i)).isEqualTo("Applying " + name + " ...");
            assertThat(lines.get(2 * i + 1)).startsWith("Applying " + name + " ... ok (");
        }
        assertThat(f.query("SELECT count(*) FROM confiture_migrations WHERE execution_time_ms IS NULL")).containsExactly("0");
    }

    /**
     * Migrations 001 to {@code count} that each note, in commit_log, the synchronous_commit their
     * transaction runs with and the WAL position they reached (pg_current_wal_insert_lsn, before
     * their COMMIT). Session-level settings are not transactional: a SET LOCAL is what the batch may add.
     */
    private void commitNotingMigrations(int count) {
        f.write("000_log.up.sql", "CREATE TABLE commit_log (version text, sync text, lsn pg_lsn);\n");
        for (int i = 1; i <= count; i++) {
            String v = String.format("%03d", i);
            f.write(v + "_m.up.sql", "CREATE TABLE t" + v + " (id int);\nINSERT INTO commit_log VALUES ('" + v
                    + "', current_setting('synchronous_commit'), pg_current_wal_insert_lsn());\n");
        }
    }

    /**
     * The runner on sessions whose COMMIT waits for the disk: the embedded test server's own default
     * is off (zonky sets synchronous_commit = off), which would hide what the batch changes.
     */
    private MigrationRunner runnerWaitingForTheDisk() {
        String url = f.db.jdbcUrl() + (f.db.jdbcUrl().contains("?") ? "&" : "?") + "options=-c%20synchronous_commit%3Don";
        return watchingRunner(RunnerConfig.of(new DatabaseSettings(url, f.db.user(), f.db.password()), dir), false);
    }

    @Test
    void aBatchCommitsAsAGroupWithOnlyItsLastCommitWaitingForTheDisk() {
        commitNotingMigrations(12);

        runnerWaitingForTheDisk().migrate(null, false);

        assertThat(seenDone).isNotEmpty();
        List<String> sync = f.query("SELECT sync FROM commit_log ORDER BY version");
        assertThat(sync).hasSize(12);
        // 000 runs alone (the batch size is learnt from it); 012, the last, ends the last batch
        assertThat(sync.get(11)).isEqualTo("on");
        assertThat(sync).contains("off");
        // only the last of each batch waits: at most a batch of 64 between two that do
        assertThat(sync.stream().filter("on"::equals).count()).isLessThan(sync.size() / 2);
    }

    @Test
    void aBatchThatFailsFlushesWhatItCommittedBeforeReturning() throws Exception {
        // PostgreSQL's WAL writer flushes commits that did not wait within wal_writer_delay (200 ms), which
        // would flush them for the runner here: the test slows it down, on a server of this JVM's own only.
        assumeTrue(!f.db.server().kind().equals("external"), "needs a test server of its own: it changes wal_writer_delay");
        commitNotingMigrations(12);
        f.write("009_m.up.sql", "CREATE TABLE t009 (id int);\nINSERT INTO t009 VALUES ('nine');\n");

        setWalWriterDelay("'10s'");
        try {
            assertThatThrownBy(() -> runnerWaitingForTheDisk().migrate(null, false)).isInstanceOf(ConfitureException.class);
            // 008 committed without waiting (009 came after it in its batch); the failure flushed it
            assertThat(f.query("SELECT sync || ' ' || (pg_current_wal_flush_lsn() >= lsn) FROM commit_log WHERE version = '008'"))
                    .containsExactly("off true");
        } finally {
            setWalWriterDelay("DEFAULT");
        }
        assertThat(f.appliedVersions()).isEqualTo(versions(0, 8));
    }

    @Test
    void aRoleThatMayNotUpdateTrackingRowsStillGetsTheFailedMigrationsOwnError() {
        smallMigrations(12);
        f.write("009_m.up.sql", "CREATE TABLE t009 (id int);\nINSERT INTO t009 VALUES ('nine');\n");
        f.runner().migrate("000", false);
        String role = "confiture_no_update_" + java.util.UUID.randomUUID().toString().substring(0, 8);
        f.db.execute("CREATE ROLE " + role + " NOLOGIN; GRANT ALL ON SCHEMA public TO " + role
                + "; GRANT SELECT, INSERT, DELETE ON confiture_migrations, run_log TO " + role);
        try {
            RunSettings asRole = new RunSettings("local", Placeholders.NONE,
                    List.of(new SessionSetting("role", role, Path.of("db/environments/local.yaml"), 3, "local.yaml:3")), null);

            assertThatThrownBy(() -> watchingRunner(f.config().withRunSettings(asRole), false).migrate(null, false))
                    .isInstanceOfSatisfying(ConfitureException.class, e -> assertThat(e.getMessage())
                            .contains("Migration 009_m failed in statement 2 of 2")
                            .doesNotContain("permission denied"));
            assertThat(seenDone).isNotEmpty();
            assertThat(f.appliedVersions()).isEqualTo(versions(0, 8));
        } finally {
            f.db.execute("DROP OWNED BY " + role + "; DROP ROLE " + role);
        }
    }

    private void setWalWriterDelay(String value) throws SQLException, InterruptedException {
        try (Connection c = f.db.server().connect(f.db.server().adminDatabase()); Statement st = c.createStatement()) {
            st.execute("ALTER SYSTEM SET wal_writer_delay = " + value);
            st.execute("SELECT pg_reload_conf()");
        }
        Thread.sleep(500); // the reload reaches the WAL writer after pg_reload_conf returns
    }

    @Test
    void aListenerThatLooksBeforeEachMigrationGetsThemOneByOne() {
        smallMigrations(8);

        watchingRunner(f.config(), true).migrate(null, false);

        assertThat(f.appliedVersions()).isEqualTo(versions(0, 8));
        assertThat(seenDone).isEmpty();
    }

    @Test
    void aStatementFailingInABatchIsNamedAndNothingAfterItRuns() {
        smallMigrations(12);
        Path bad = f.write("007_m.up.sql", "CREATE TABLE t007 (id int);\nINSERT INTO t007 VALUES ('seven');\n");

        assertThatThrownBy(() -> watchingRunner().migrate(null, false))
                .isInstanceOfSatisfying(ConfitureException.class, e -> {
                    assertThat(e.file()).isEqualTo(bad);
                    assertThat(e.line()).isEqualTo(2);
                    assertThat(e.getMessage())
                            .contains("Migration 007_m failed in statement 2 of 2 (starting at line 2)")
                            .contains("invalid input syntax for type integer")
                            .contains("Nothing of 007_m was applied")
                            .contains("the 7 migration(s) before it in this run stay applied and recorded");
                });
        assertThat(seenDone).isNotEmpty();
        assertThat(f.appliedVersions()).isEqualTo(versions(0, 6));
        assertThat(f.tableExists("t007")).isFalse();
        assertThat(f.tableExists("t008")).isFalse();
        assertThat(f.query("SELECT version FROM run_log ORDER BY version")).isEqualTo(versions(1, 6));
        List<String> lines = f.log.stream().filter(l -> l.startsWith("Applying")).toList();
        assertThat(lines.get(lines.size() - 1)).isEqualTo("Applying 007_m ...");
        assertThat(lines).filteredOn(l -> l.contains("... ok")).hasSize(7);
    }

    @Test
    void aDeferredConstraintRefusedAtCommitInABatchNamesItsMigration() {
        smallMigrations(10);
        f.write("006_m.up.sql", """
                CREATE TABLE t006 (id int PRIMARY KEY, parent int REFERENCES t005 DEFERRABLE INITIALLY DEFERRED);
                INSERT INTO t006 VALUES (1, 99);
                """);

        assertThatThrownBy(() -> watchingRunner().migrate(null, false))
                .isInstanceOfSatisfying(ConfitureException.class, e -> assertThat(e.getMessage())
                        .contains("Migration 006_m failed at COMMIT, where PostgreSQL checks deferred constraints")
                        .contains("SQLState 23503")
                        .contains("the 6 migration(s) before it in this run stay applied and recorded"));
        assertThat(seenDone).isNotEmpty();
        assertThat(f.appliedVersions()).isEqualTo(versions(0, 5));
        assertThat(f.tableExists("t007")).isFalse();
    }

    @Test
    void whenTheDriverDoesNotNameTheFailedEntryTheCommittedOnesCountAndTheNextRunsAgainAlone() {
        smallMigrations(10);
        // 006 fails at its first attempt only (sequences are not transactional)
        f.write("005_m.up.sql", "CREATE TABLE t005 (id int);\nCREATE SEQUENCE attempts;\nINSERT INTO run_log VALUES ('005');\n");
        f.write("006_m.up.sql", """
                CREATE TABLE t006 (id int);
                DO $$ BEGIN
                  IF nextval('attempts') = 1 THEN RAISE EXCEPTION 'first attempt fails'; END IF;
                END $$;
                INSERT INTO run_log VALUES ('006');
                """);
        String url = f.db.jdbcUrl() + (f.db.jdbcUrl().contains("?") ? "&" : "?") + "logServerErrorDetail=false";
        RunnerConfig config = RunnerConfig.of(new DatabaseSettings(url, f.db.user(), f.db.password()), dir);

        watchingRunner(config, false).migrate(null, false);

        assertThat(seenDone).isNotEmpty();
        assertThat(f.appliedVersions()).isEqualTo(versions(0, 10));
        assertThat(f.query("SELECT version FROM run_log ORDER BY version")).isEqualTo(versions(1, 10));
        assertThat(f.query("SELECT last_value FROM attempts")).containsExactly("2");
        assertThat(f.log).anyMatch(l -> l.startsWith("006_m was in a batch that failed without naming the failing migration")
                && l.contains("first attempt fails")
                && l.endsWith("run again alone, it succeeded: the first failure was transient"));
    }

    @Test
    void aLockTimeoutInABatchIsTheMigrationsFirstAttemptAndIsRetried() throws SQLException {
        smallMigrations(8);
        f.write("005_m.up.sql", "SET LOCAL lock_timeout = '200ms';\nALTER TABLE t001 ADD COLUMN note text;\n"
                + "CREATE TABLE t005 (id int);\n");
        f.runner().migrate("003", false);
        f.log.clear();
        try (Connection blocker = f.db.connect(); Statement st = blocker.createStatement()) {
            blocker.setAutoCommit(false);
            st.execute("LOCK TABLE t001 IN ACCESS EXCLUSIVE MODE");

            assertThatThrownBy(() -> watchingRunner(f.config(), false)
                    .lockRetries(new LockRetryPolicy(2, Duration.ofMillis(50))).migrate(null, false))
                    .isInstanceOfSatisfying(MigrationFailure.class, e -> {
                        assertThat(e.failure()).contains("Migration 005_m failed in statement 2 of 3")
                                .contains("[SQLState 55P03]")
                                .contains("Gave up after 3 attempts, each failed on a lock timeout (confiture.lockRetries=2)");
                        assertThat(e.aftermath()).startsWith("Nothing of 005_m was applied")
                                .contains("the 1 migration(s) before it in this run stay applied and recorded");
                    });
            blocker.rollback();
        }
        // 004 ran alone (the run's first), 005 came back failed from the batch, then twice alone
        assertThat(f.log).filteredOn(l -> l.contains("005_m: attempt") && l.contains("failed on a lock timeout")).hasSize(2);
        assertThat(f.appliedVersions()).isEqualTo(versions(0, 4));
        assertThat(f.tableExists("t006")).isFalse();
    }

    @Test
    void underASessionLockTimeoutABatchIsWatchedAndTheRetriesNameWhoBlockedIt() throws Exception {
        smallMigrations(8);
        f.write("006_m.up.sql", "ALTER TABLE t001 ADD COLUMN note text;\nCREATE TABLE t006 (id int);\n");
        f.runner().migrate("003", false);
        f.log.clear();
        SessionSetting lockTimeout = new SessionSetting("lock_timeout", "400ms", Path.of("db/environments/local.yaml"), 3,
                "local.yaml:3");
        RunnerConfig config = f.config().withRunSettings(new RunSettings("local", Placeholders.NONE, List.of(lockTimeout), null));
        try (TableLocker blocker = TableLocker.lock(f, "nightly-report", "t001")) {
            assertThatThrownBy(() -> watchingRunner(config, false)
                    .lockRetries(new LockRetryPolicy(1, Duration.ofMillis(50))).migrate(null, false))
                    .isInstanceOfSatisfying(MigrationFailure.class, e -> assertThat(e.failure())
                            .contains("Migration 006_m failed in statement 1 of 2")
                            .contains("Gave up after 2 attempts, each failed on a lock timeout (confiture.lockRetries=1);"
                                    + " blocked by pid " + blocker.pid + " (application 'nightly-report'"));
            String first = f.log.stream().filter(l -> l.contains("006_m: attempt 1 of 2 failed")).findFirst().orElseThrow();
            assertThat(first).contains("blocked by pid " + blocker.pid + " (application 'nightly-report'");
        }
        // 004 ran alone (the run's first), 005 committed in the batch that 006 failed in
        assertThat(seenDone).containsExactly("005_m");
        assertThat(f.appliedVersions()).isEqualTo(versions(0, 5));
    }
}
